import { useId } from 'react';
import { Link } from 'react-router';
import { DateTime } from '../../components/DateTime';
import { useIncidentsQuery } from './queries';
import { incidentTitle, statusLabels } from './describe';

/** Under the form: the incidents this user logged lately, to check on or add to. */
export function RecentOwnIncidents({ userId }: { userId: string }) {
  const headingId = useId();
  const recent = useIncidentsQuery({ reportedBy: userId });
  const incidents = recent.data?.pages[0]?.incidents.slice(0, 5) ?? [];
  if (incidents.length === 0) return null;
  return (
    <section className="card recent-own" aria-labelledby={headingId}>
      <h2 id={headingId} className="card__title">
        Your recent incidents
      </h2>
      <ul className="attention-list">
        {incidents.map((incident) => (
          <li key={incident.id}>
            <Link to={`/incidents/${incident.id}`}>
              {incidentTitle(incident)}: {incident.person.name}
            </Link>{' '}
            <span className="cell-secondary">
              <DateTime value={incident.occurredAt} />, {statusLabels[incident.status]}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
