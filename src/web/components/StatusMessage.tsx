type StatusMessageProps = {
  message: string | null;
  /** Success (the default) for something that worked; info for an answer that is not yet. */
  tone?: 'success' | 'info';
};

/** A quiet message that something worked, or how a check came out. */
export function StatusMessage({ message, tone = 'success' }: StatusMessageProps) {
  return (
    <div role="status" className={message ? `alert alert--${tone}` : 'alert-slot'}>
      {message && <p className="alert__title">{message}</p>}
    </div>
  );
}
