type StatusMessageProps = { message: string | null };

/** A quiet confirmation that something worked. */
export function StatusMessage({ message }: StatusMessageProps) {
  return (
    <div role="status" className={message ? 'alert alert--success' : 'alert-slot'}>
      {message && <p className="alert__title">{message}</p>}
    </div>
  );
}
