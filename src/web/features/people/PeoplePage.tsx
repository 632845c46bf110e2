import { useId, useState } from 'react';
import { Link } from 'react-router';
import type { PersonSearchResult } from '../../../shared/people-api';
import { PageHeader } from '../../components/PageHeader';
import { useSession } from '../auth/session';
import { manualPersonTypeLabels } from './affected-person';
import type { AffectedPerson } from './affected-person';
import {
  incidentsLabel,
  personName,
  personStatusLabels,
  personTypeLabels,
  roleOrYear,
} from './describe';
import { PersonCombobox } from './PersonCombobox';

export function PeoplePage() {
  const { schools } = useSession();
  const id = useId();
  const [schoolId, setSchoolId] = useState('');
  const [chosen, setChosen] = useState<AffectedPerson | null>(null);

  return (
    <>
      <PageHeader
        title="People"
        description="Find a pupil or member of staff from your schools’ records, synced from each school’s MIS."
      />
      <div className="card">
        <div className="form">
          {schools.length > 1 && (
            <div className="field field--medium">
              <label htmlFor={`${id}-school`} className="field__label">
                School
              </label>
              <select
                id={`${id}-school`}
                className="input"
                value={schoolId}
                onChange={(event) => setSchoolId(event.target.value)}
              >
                <option value="">All your schools</option>
                {schools.map((school) => (
                  <option key={school.id} value={school.id}>
                    {school.name}
                  </option>
                ))}
              </select>
            </div>
          )}
          <PersonCombobox
            label="Find a pupil or member of staff"
            value={chosen}
            onChange={setChosen}
            schoolId={schoolId || undefined}
          />
        </div>
      </div>
      {chosen?.kind === 'directory' && <PersonDetails person={chosen.person} />}
      {chosen?.kind === 'manual' && (
        <section className="card" aria-labelledby={`${id}-manual-title`}>
          <h2 id={`${id}-manual-title`} className="card__title">
            Not in the school’s records
          </h2>
          <p className="muted">
            Visitors, contractors and others are not kept in the directory. Their details are
            recorded with the incident they are part of.
          </p>
          <dl className="summary-list">
            <div>
              <dt>Name</dt>
              <dd>{chosen.name.trim() || <span className="muted">Not given yet</span>}</dd>
            </div>
            <div>
              <dt>Type</dt>
              <dd>{manualPersonTypeLabels[chosen.personType]}</dd>
            </div>
            <div>
              <dt>Contact</dt>
              <dd>{chosen.contact.trim() || <span className="muted">None</span>}</dd>
            </div>
          </dl>
        </section>
      )}
    </>
  );
}

function PersonDetails({ person }: { person: PersonSearchResult }) {
  const id = useId();
  const detail = roleOrYear(person);
  return (
    <section className="card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="card__title">
        {personName(person)}
      </h2>
      <dl className="summary-list">
        <div>
          <dt>Name</dt>
          <dd>{personName(person)}</dd>
        </div>
        <div>
          <dt>Type</dt>
          <dd>{personTypeLabels[person.type]}</dd>
        </div>
        <div>
          <dt>School</dt>
          <dd>{person.schoolName}</dd>
        </div>
        <div>
          <dt>{person.type === 'pupil' ? 'Year group' : 'Job title'}</dt>
          <dd>{detail ?? <span className="muted">Not recorded</span>}</dd>
        </div>
        <div>
          <dt>Status</dt>
          <dd>
            {person.status === 'left' ? (
              <span className="badge badge--warning">{personStatusLabels.left}</span>
            ) : (
              personStatusLabels.current
            )}
          </dd>
        </div>
        <div>
          <dt>Incidents</dt>
          <dd>{person.incidentCount > 0 ? incidentsLabel(person.incidentCount) : 'None'}</dd>
        </div>
      </dl>
      <p>
        <Link to={`/people/${person.id}`} className="strong-link">
          Open {personName(person)}’s page and incidents
        </Link>
      </p>
    </section>
  );
}
