import { toUserMessage } from '../app/api';

type QueryErrorProps = {
  error: unknown;
  onRetry?: () => void;
};

export function QueryError({ error, onRetry }: QueryErrorProps) {
  return (
    <div role="alert" className="alert alert--error">
      <p className="alert__title">{toUserMessage(error)}</p>
      {onRetry && (
        <button type="button" className="button button--secondary button--small" onClick={onRetry}>
          Try again
        </button>
      )}
    </div>
  );
}
