import { useMemo } from 'react';
import { Link } from 'react-router';
import type { AuditEvent } from '../../../shared/api';
import { DateTime } from '../../components/DateTime';
import { Loading } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { useSession } from '../auth/session';
import { useSchoolsQuery } from '../schools/queries';
import { useUsersQuery } from '../users/queries';
import { AuditChanges } from './AuditChanges';
import { describeAction, describeSsoTarget, visibleChanges } from './describe';
import { useAuditEventsQuery } from './queries';

type Names = {
  users: Map<string, string>;
  schools: Map<string, string>;
  organisation: { id: string; name: string };
};

export function AuditLogPage() {
  const { organisation } = useSession();
  const events = useAuditEventsQuery();
  const users = useUsersQuery();
  const schools = useSchoolsQuery();

  const names = useMemo<Names>(
    () => ({
      users: new Map((users.data ?? []).map((user) => [user.id, user.name])),
      schools: new Map((schools.data ?? []).map((school) => [school.id, school.name])),
      organisation,
    }),
    [users.data, schools.data, organisation],
  );

  const rows = events.data?.pages.flatMap((page) => page.events) ?? [];

  return (
    <>
      <PageHeader
        title="Audit log"
        description="Who did what, and when: sign-ins and every change to users, schools and the organisation. Times are UK time."
      />
      {events.isPending && <Loading label="Loading the audit log…" />}
      {events.isError && !events.data && (
        <QueryError error={events.error} onRetry={() => void events.refetch()} />
      )}
      {events.data && rows.length === 0 && (
        <div className="empty">
          <p>Nothing has been recorded yet.</p>
        </div>
      )}
      {rows.length > 0 && (
        <div className="table-wrap">
          <table className="table table--stack table--audit">
            <caption className="visually-hidden">Audit events, newest first</caption>
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Who</th>
                <th scope="col">What</th>
                <th scope="col">Target</th>
                <th scope="col">Changes</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((event) => (
                <tr key={event.id}>
                  <td data-label="When" className="nowrap">
                    <DateTime value={event.at} withSeconds />
                  </td>
                  <td data-label="Who">
                    <Actor event={event} />
                  </td>
                  <th scope="row" data-label="What">
                    {describeAction(event)}
                  </th>
                  <td data-label="Target">
                    <Target event={event} names={names} />
                  </td>
                  <td data-label="Changes">
                    <AuditChanges changes={visibleChanges(event)} names={names} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {events.isError && events.data && (
        <QueryError error={events.error} onRetry={() => void events.fetchNextPage()} />
      )}
      {events.data && (
        <div className="load-more">
          {events.hasNextPage ? (
            <button
              type="button"
              className="button button--secondary"
              onClick={() => void events.fetchNextPage()}
              disabled={events.isFetchingNextPage}
            >
              {events.isFetchingNextPage ? 'Loading older events…' : 'Load older'}
            </button>
          ) : (
            rows.length > 0 && <p className="muted">That is the oldest event.</p>
          )}
        </div>
      )}
    </>
  );
}

function Actor({ event }: { event: AuditEvent }) {
  return (
    <>
      {event.actor ? (
        <>
          <Link to={`/users/${event.actor.id}`}>{event.actor.name}</Link>
          <span className="cell-secondary">{event.actor.email}</span>
        </>
      ) : (
        <span className="muted">System</span>
      )}
      {event.ip && <span className="cell-secondary">from {event.ip}</span>}
    </>
  );
}

function Target({ event, names }: { event: AuditEvent; names: Names }) {
  const { targetType, targetId } = event;
  // Signing in or out concerns the person's own account, already shown under Who.
  const isOwnAccount = targetType === 'user' && targetId === event.actor?.id;
  if (!targetType || isOwnAccount) return <span className="muted">—</span>;
  if (targetType === 'user' && targetId) {
    const name = names.users.get(targetId);
    return name ? (
      <Link to={`/users/${targetId}`}>{name}</Link>
    ) : (
      <span>A user no longer listed</span>
    );
  }
  if (targetType === 'school' && targetId) {
    return <span>{names.schools.get(targetId) ?? 'A school you cannot see'}</span>;
  }
  if (targetType === 'organisation') return <span>{names.organisation.name}</span>;
  if (targetType === 'sso' && targetId) return <span>{describeSsoTarget(targetId)}</span>;
  if (targetType === 'sso_domain' && targetId) return <span>Domain {targetId}</span>;
  return (
    <span>
      {targetType}
      {targetId && <span className="cell-secondary">{targetId}</span>}
    </span>
  );
}
