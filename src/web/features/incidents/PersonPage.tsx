import { Link, useParams } from 'react-router';
import type { Person } from '../../../shared/incidents-api';
import { isNotFound } from '../../app/api';
import { Loading } from '../../components/Loading';
import { NotFoundMessage } from '../../components/NotFoundMessage';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { yearGroupLabel } from '../people/describe';
import { countIncidents, personKindLabels } from './describe';
import { IncidentResults } from './IncidentResults';
import { usePersonIncidentsQuery, usePersonQuery } from './queries';

/** A pupil or member of staff: who they are, and every incident logged against them. */
export function PersonPage() {
  const personId = useParams().personId ?? '';
  const person = usePersonQuery(personId);
  const incidents = usePersonIncidentsQuery(personId);
  const name = person.data ? `${person.data.firstName} ${person.data.lastName}`.trim() : 'Person';

  return (
    <>
      <PageHeader title={name} back={<Link to="/people">People</Link>} />
      {person.isPending && <Loading />}
      {person.isError &&
        (isNotFound(person.error) ? (
          <NotFoundMessage what="person" backTo="/people" backLabel="Go to People" />
        ) : (
          <QueryError error={person.error} onRetry={() => void person.refetch()} />
        ))}
      {person.data && (
        <>
          {person.data.repeat.flagged && <RepeatFlag person={person.data} />}
          <PersonSummary person={person.data} />
          <section aria-labelledby="person-incidents">
            <h2 id="person-incidents" className="section-heading">
              Incidents
            </h2>
            <IncidentResults
              query={incidents}
              caption={`Incidents involving ${name}, newest first`}
              empty="No incidents have been logged for them."
              showSchool={false}
            />
          </section>
        </>
      )}
    </>
  );
}

function RepeatFlag({ person }: { person: Person }) {
  const { count, windowDays } = person.repeat;
  return (
    <div className="repeat-flag" role="note" aria-label="Repeat incidents">
      <p className="repeat-flag__title">
        {countIncidents(count)} in the last {windowDays} days
      </p>
      <p className="repeat-flag__text">
        That is at or over your organisation’s threshold of {person.repeat.threshold}. Look at what
        they have in common.
      </p>
    </div>
  );
}

function PersonSummary({ person }: { person: Person }) {
  const isPupil = person.type === 'pupil';
  const detail = isPupil
    ? person.yearGroup?.trim()
      ? yearGroupLabel(person.yearGroup)
      : null
    : person.occupation?.trim() || null;
  return (
    <section className="card" aria-labelledby="person-details">
      <h2 id="person-details" className="card__title">
        Details
      </h2>
      <dl className="summary-list">
        <div>
          <dt>Type</dt>
          <dd>{personKindLabels[person.type]}</dd>
        </div>
        <div>
          <dt>School</dt>
          <dd>{person.school.name}</dd>
        </div>
        <div>
          <dt>{isPupil ? 'Year group' : 'Job title'}</dt>
          <dd>{detail ?? <span className="muted">Not recorded</span>}</dd>
        </div>
        <div>
          <dt>Status</dt>
          <dd>
            {person.removed ? (
              <span className="badge badge--muted">Removed</span>
            ) : person.status === 'left' ? (
              <span className="badge badge--warning">Left</span>
            ) : (
              'Current'
            )}
            {person.removed && (
              <span className="cell-secondary">No longer in the school’s records.</span>
            )}
          </dd>
        </div>
        <div>
          <dt>Incidents</dt>
          <dd>{person.incidentCount > 0 ? countIncidents(person.incidentCount) : 'None'}</dd>
        </div>
      </dl>
    </section>
  );
}
