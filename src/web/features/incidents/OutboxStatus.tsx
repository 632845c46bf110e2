import { Link } from 'react-router';
import { useIsOnline } from '../../app/use-is-online';
import { useOutbox } from './OutboxProvider';

export function waitingLabel(count: number): string {
  return count === 1 ? '1 incident waiting to send' : `${count} incidents waiting to send`;
}

/**
 * Under the header on every page: what this device still holds for Plaster, and what it has
 * just sent, with the step still to take for anyone named while offline.
 */
export function OutboxStatus() {
  const { items, sent, isSending, dismissSent } = useOutbox();
  const isOnline = useIsOnline();
  const waiting = items.filter((item) => !item.problem).length;
  const refused = items.length - waiting;

  return (
    <div className="outbox-status" role="status">
      {items.length > 0 && (
        <p className="outbox-status__line">
          {waiting > 0 && (
            <strong>
              {waitingLabel(waiting)}
              {!isOnline
                ? ': it will be sent when the connection returns.'
                : isSending
                  ? ': sending…'
                  : '.'}
            </strong>
          )}
          {refused > 0 && (
            <strong>
              {' '}
              {refused === 1 ? '1 incident' : `${refused} incidents`} could not be sent and
              {refused === 1 ? ' needs' : ' need'} your attention.
            </strong>
          )}{' '}
          <Link to="/incidents/waiting">See what is waiting</Link>
        </p>
      )}
      {sent.length > 0 && (
        <div className="outbox-status__sent">
          <ul className="outbox-status__list">
            {sent.map(({ personName, incident }) => (
              <li key={incident.id}>
                Sent: <Link to={`/incidents/${incident.id}`}>incident {incident.number}</Link> for{' '}
                {personName}.
                {incident.person.unmatched && (
                  <>
                    {' '}
                    <Link to={`/incidents/${incident.id}`}>
                      Match {personName} to the school’s records
                    </Link>
                  </>
                )}
              </li>
            ))}
          </ul>
          <button
            type="button"
            className="button button--secondary button--small"
            onClick={dismissSent}
          >
            Dismiss
          </button>
        </div>
      )}
    </div>
  );
}
