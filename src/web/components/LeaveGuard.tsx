import { useEffect } from 'react';
import { useBlocker } from 'react-router';
import type { Location } from 'react-router';
import { ConfirmDialog } from './ConfirmDialog';

/** A form's own outcome carries a notice ("Changes saved."): moving on then needs no question. */
function isAfterSave(location: Location): boolean {
  const state: unknown = location.state;
  return typeof state === 'object' && state !== null && 'notice' in state;
}

type LeaveGuardProps = {
  /** Whether there is unsaved work to ask about. */
  when: boolean;
  /** What becomes of the work if they leave, e.g. that a draft is kept on the device. */
  message: string;
};

/**
 * Asks before leaving a form with unsaved changes: a link or Back inside the app (the router's
 * blocker), and a reload or closing the tab (the browser's own question).
 */
export function LeaveGuard({ when, message }: LeaveGuardProps) {
  const blocker = useBlocker(
    ({ currentLocation, nextLocation }) =>
      when &&
      currentLocation.pathname + currentLocation.search !==
        nextLocation.pathname + nextLocation.search &&
      !isAfterSave(nextLocation),
  );

  useEffect(() => {
    if (!when) return;
    const handleBeforeUnload = (event: BeforeUnloadEvent) => {
      event.preventDefault();
      // Older browsers ask only when a value is set.
      event.returnValue = '';
    };
    window.addEventListener('beforeunload', handleBeforeUnload);
    return () => window.removeEventListener('beforeunload', handleBeforeUnload);
  }, [when]);

  return (
    <ConfirmDialog
      isOpen={blocker.state === 'blocked'}
      title="Leave this form?"
      confirmLabel="Leave"
      onConfirm={() => blocker.proceed?.()}
      onCancel={() => blocker.reset?.()}
    >
      <p>You have not saved your changes. {message}</p>
    </ConfirmDialog>
  );
}
