import { useEffect, useRef, useState } from 'react';

type ConflictAlertProps = {
  /** What is being saved, for the sentence: "this incident", "the RIDDOR details". */
  what?: string;
  onReload: () => Promise<void>;
};

/** Someone else saved first: say so, and offer to load their version. */
export function ConflictAlert({ what = 'this incident', onReload }: ConflictAlertProps) {
  const ref = useRef<HTMLDivElement>(null);
  const [isReloading, setIsReloading] = useState(false);

  useEffect(() => {
    ref.current?.focus();
  }, []);

  const handleReload = async () => {
    setIsReloading(true);
    try {
      await onReload();
    } finally {
      setIsReloading(false);
    }
  };

  return (
    <div ref={ref} role="alert" className="alert alert--error" tabIndex={-1}>
      <p className="alert__title">
        Someone else saved changes to {what} after you opened it, so yours have not been saved.
      </p>
      <p className="alert__text">
        Reload to see the latest version, then make your changes again. Copy anything you typed that
        you want to keep first.
      </p>
      <button
        type="button"
        className="button button--secondary button--small"
        onClick={() => void handleReload()}
        disabled={isReloading}
      >
        {isReloading ? 'Reloading…' : 'Reload the latest version'}
      </button>
    </div>
  );
}
