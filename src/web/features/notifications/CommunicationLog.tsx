import { useId } from 'react';
import type { Notification } from '../../../shared/notifications-api';
import { DateTime } from '../../components/DateTime';
import { Loading } from '../../components/Loading';
import { QueryError } from '../../components/QueryError';
import { notificationStatusBadges, notificationStatusLabels } from './describe';
import { useNotificationsQuery } from './queries';

type CommunicationLogProps = { incidentId: string };

/**
 * Every email sent about the incident, newest first, with where its delivery has got to. It
 * asks again every few seconds while any email is queued or sending.
 */
export function CommunicationLog({ incidentId }: CommunicationLogProps) {
  const headingId = useId();
  const log = useNotificationsQuery(incidentId);
  const notifications = log.data ?? [];

  return (
    <section className="card" aria-labelledby={headingId}>
      <h2 id={headingId} className="card__title">
        Communication log
      </h2>
      {log.isPending && <Loading label="Loading the communication log…" />}
      {log.isError && <QueryError error={log.error} onRetry={() => void log.refetch()} />}
      {log.data && notifications.length === 0 && (
        <p className="muted">No emails have been sent about this incident.</p>
      )}
      {notifications.length > 0 && (
        <div className="table-wrap table-wrap--flat">
          <table className="table table--stack communication-log">
            <caption className="visually-hidden">
              Emails sent about this incident, newest first
            </caption>
            <thead>
              <tr>
                <th scope="col">To</th>
                <th scope="col">Subject</th>
                <th scope="col">Status</th>
                <th scope="col">When</th>
                <th scope="col">Sent by</th>
              </tr>
            </thead>
            <tbody>
              {notifications.map((notification) => (
                <LogRow key={notification.id} notification={notification} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function LogRow({ notification }: { notification: Notification }) {
  const { status } = notification;
  const isRetrying = status === 'queued' && notification.attempts > 0 && notification.error;
  return (
    <tr>
      <th scope="row">
        {notification.recipientName === null ? (
          // Viewers are not shown contact details: who it went to is the family's business.
          <span className="cell-secondary">The family (not shown to viewers)</span>
        ) : (
          <>
            {notification.recipientName}
            <span className="cell-secondary">{notification.recipientEmail}</span>
          </>
        )}
      </th>
      <td data-label="Subject">
        {notification.text === null ? (
          notification.subject
        ) : (
          <details className="communication-log__email">
            <summary>{notification.subject}</summary>
            <p className="preserve-lines communication-log__text">{notification.text}</p>
          </details>
        )}
      </td>
      <td data-label="Status">
        <span className={notificationStatusBadges[status]}>{notificationStatusLabels[status]}</span>
        {status === 'failed' && (
          <span className="communication-log__reason">
            Not delivered{notification.error ? `: ${notification.error}` : '.'} Ring them, or send
            the email again.
          </span>
        )}
        {status === 'unknown' && (
          <span className="communication-log__reason">
            May not have been sent — check and send again if needed
            {notification.error ? ` (${notification.error})` : ''}.
          </span>
        )}
        {isRetrying && (
          <span className="communication-log__reason communication-log__reason--quiet">
            Trying again after a failed attempt: {notification.error}
          </span>
        )}
      </td>
      <td data-label="When">
        {notification.sentAt ? (
          <>
            Sent <DateTime value={notification.sentAt} />
          </>
        ) : (
          <>
            Asked <DateTime value={notification.createdAt} />
          </>
        )}
      </td>
      <td data-label="Sent by">
        {notification.sentBy?.name ?? <span className="muted">Someone no longer listed</span>}
      </td>
    </tr>
  );
}
