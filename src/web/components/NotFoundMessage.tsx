import { Link } from 'react-router';

type NotFoundMessageProps = { what: string; backTo: string; backLabel: string };

export function NotFoundMessage({ what, backTo, backLabel }: NotFoundMessageProps) {
  return (
    <div className="empty">
      <p>This {what} could not be found. It may have been removed, or the link may be mistyped.</p>
      <p>
        <Link to={backTo}>{backLabel}</Link>
      </p>
    </div>
  );
}
