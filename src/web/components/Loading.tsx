type LoadingProps = { label?: string };

export function Loading({ label = 'Loading…' }: LoadingProps) {
  return (
    <div role="status" className="loading">
      <span className="loading__spinner" aria-hidden="true" />
      {label}
    </div>
  );
}
