import { useState } from 'react';
import { TextField } from './TextField';

type CopyableValueProps = {
  label: string;
  hint: string;
  value: string;
  /** Said after "Copy" to screen readers, e.g. "the redirect URI". */
  what: string;
};

/** A value to paste elsewhere (a redirect URI, a DNS record): shown read-only, with Copy. */
export function CopyableValue({ label, hint, value, what }: CopyableValueProps) {
  const [copied, setCopied] = useState<string | null>(null);
  const handleCopy = () => {
    navigator.clipboard.writeText(value).then(
      () => setCopied('Copied.'),
      () => setCopied('Could not copy: select the value and copy it.'),
    );
  };
  return (
    <>
      <TextField
        label={label}
        hint={hint}
        readOnly
        spellCheck={false}
        value={value}
        onFocus={(event) => event.currentTarget.select()}
      />
      <div className="form__actions">
        <button
          type="button"
          className="button button--secondary button--small"
          onClick={handleCopy}
        >
          Copy<span className="visually-hidden"> {what}</span>
        </button>
        <span role="status">{copied}</span>
      </div>
    </>
  );
}
