import type { ReactNode } from 'react';

type SubmitButtonProps = {
  /** While the form's request is in flight: the button is disabled and says so. */
  pending: boolean;
  pendingLabel?: string;
  children: ReactNode;
};

/** A form's main button, disabled with "Saving…" (or its own words) while the form is sent. */
export function SubmitButton({ pending, pendingLabel = 'Saving…', children }: SubmitButtonProps) {
  return (
    <button type="submit" className="button" disabled={pending}>
      {pending ? pendingLabel : children}
    </button>
  );
}
