import type { ReactNode } from 'react';
import { Link, useParams } from 'react-router';
import type { Incident } from '../../../shared/incidents-api';
import { isNotFound } from '../../app/api';
import { useNotice } from '../../app/notice';
import { DateTime } from '../../components/DateTime';
import { formatDateTime } from '../../components/format';
import { Loading } from '../../components/Loading';
import { formatDate } from '../../components/london-time';
import { NotFoundMessage } from '../../components/NotFoundMessage';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { StatusMessage } from '../../components/StatusMessage';
import { useSession } from '../auth/session';
import { IncidentNotifications } from '../notifications/IncidentNotifications';
import {
  categoryLabels,
  incidentTitle,
  outcomeLabels,
  personDetail,
  personKindLabels,
  placeOf,
  sideLabels,
  statusBadgeClass,
  statusLabels,
} from './describe';
import type { InjurySide } from './describe';
import { HeadInjuryBanner } from './HeadInjuryBanner';
import { IncidentHistory } from './IncidentHistory';
import { IncidentToDo } from './IncidentToDo';
import { MatchPersonSection } from './MatchPersonSection';
import { canEditIncident, canManageIncidents } from './permissions';
import { useIncidentQuery } from './queries';
import { RiddorBox } from './RiddorBox';
import { StatusSection } from './StatusSection';

/** One incident, everything about it; printed, it is the incident report. */
export function IncidentPage() {
  const incidentId = useParams().incidentId ?? '';
  const incident = useIncidentQuery(incidentId);
  const notice = useNotice();

  return (
    <>
      <PageHeader
        title={incident.data ? incidentTitle(incident.data) : 'Incident'}
        description={
          incident.data &&
          `${categoryLabels[incident.data.category]} · ${incident.data.person.name} · ${formatDateTime(incident.data.occurredAt)}`
        }
        back={<Link to="/incidents">All incidents</Link>}
        actions={incident.data && <IncidentActions incident={incident.data} />}
      />
      <StatusMessage message={notice} />
      {incident.isPending && <Loading />}
      {incident.isError &&
        (isNotFound(incident.error) ? (
          <NotFoundMessage what="incident" backTo="/incidents" backLabel="Go to all incidents" />
        ) : (
          <QueryError error={incident.error} onRetry={() => void incident.refetch()} />
        ))}
      {incident.data && (
        <IncidentDetails incident={incident.data} onReload={() => incident.refetch()} />
      )}
    </>
  );
}

function IncidentActions({ incident }: { incident: Incident }) {
  const session = useSession();
  return (
    <>
      {canEditIncident(session, incident) && (
        <Link to={`/incidents/${incident.id}/edit`} className="button">
          Edit
        </Link>
      )}
      <button type="button" className="button button--secondary" onClick={() => window.print()}>
        Print
      </button>
    </>
  );
}

function Row({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div>
      <dt>{term}</dt>
      <dd>{children}</dd>
    </div>
  );
}

const none = <span className="muted">None recorded</span>;

function IncidentDetails({
  incident,
  onReload,
}: {
  incident: Incident;
  onReload: () => Promise<unknown>;
}) {
  const session = useSession();
  const canManage = canManageIncidents(session);
  const { person } = incident;
  const detail = personDetail(person);
  const place = placeOf(incident);

  return (
    <div className="incident">
      <div className="print-only print-header">
        <p className="print-header__org">{session.organisation.name}</p>
        <p className="print-header__title">
          Incident report: {incidentTitle(incident).toLowerCase()}, {incident.school.name}
        </p>
      </div>

      <p className="meta-line">
        <span className={statusBadgeClass[incident.status]}>{statusLabels[incident.status]}</span>
        {incident.headInjury && <span className="badge badge--danger">Head injury</span>}
        <span>
          Logged by {incident.reportedBy?.name ?? 'someone no longer listed'} on{' '}
          <DateTime value={incident.reportedAt} />
        </span>
      </p>

      {person.unmatched && (
        <MatchPersonSection incident={incident} canEdit={canEditIncident(session, incident)} />
      )}

      {incident.headInjury && <HeadInjuryBanner incident={incident} />}
      <IncidentToDo incident={incident} />

      <div className="incident__grid">
        <section className="card" aria-labelledby="incident-person">
          <h2 id="incident-person" className="card__title">
            Affected person
          </h2>
          <dl className="summary-list">
            <Row term="Name">
              {person.personId ? (
                <Link to={`/people/${person.personId}`} className="strong-link">
                  {person.name}
                </Link>
              ) : (
                person.name
              )}
            </Row>
            <Row term="Type">
              {personKindLabels[person.kind]}
              {person.unmatched && ' (not yet matched to the school’s records)'}
            </Row>
            {person.kind === 'pupil' && <Row term="Year group">{detail ?? none}</Row>}
            {person.kind === 'staff' && <Row term="Job title">{detail ?? none}</Row>}
            {person.kind !== 'pupil' && person.kind !== 'staff' && (
              <Row term="Contact">{person.contact ?? none}</Row>
            )}
            <Row term="School">{incident.school.name}</Row>
          </dl>
        </section>

        <section className="card" aria-labelledby="incident-when">
          <h2 id="incident-when" className="card__title">
            When and where
          </h2>
          <dl className="summary-list">
            <Row term="Date and time">
              <DateTime value={incident.occurredAt} />
            </Row>
            <Row term="Place">{place || none}</Row>
            <Row term="Kind of incident">{categoryLabels[incident.category]}</Row>
            <Row term="Logged">
              <DateTime value={incident.reportedAt} /> by{' '}
              {incident.reportedBy?.name ?? 'someone no longer listed'}
            </Row>
          </dl>
        </section>
      </div>

      <section className="card" aria-labelledby="incident-what">
        <h2 id="incident-what" className="card__title">
          What happened
        </h2>
        <p className="preserve-lines incident__description">{incident.description}</p>
      </section>

      <section className="card" aria-labelledby="incident-injuries">
        <h2 id="incident-injuries" className="card__title">
          Injuries and first aid
        </h2>
        {incident.injuries.length === 0 ? (
          <p className="muted">No injuries recorded.</p>
        ) : (
          <div className="table-wrap table-wrap--flat">
            <table className="table table--stack">
              <caption className="visually-hidden">Injuries</caption>
              <thead>
                <tr>
                  <th scope="col">Injury</th>
                  <th scope="col">Part of the body</th>
                  <th scope="col">Side</th>
                </tr>
              </thead>
              <tbody>
                {incident.injuries.map((injury, index) => (
                  <tr key={index}>
                    <td data-label="Injury">{injury.type}</td>
                    <td data-label="Part of the body">{injury.bodyPart}</td>
                    <td data-label="Side">
                      {injury.side
                        ? (sideLabels[injury.side as InjurySide] ?? injury.side)
                        : 'Not applicable'}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <dl className="summary-list">
          <Row term="Head injury">{incident.headInjury ? <strong>Yes</strong> : 'No'}</Row>
          <Row term="First aid given">{incident.firstAidGiven ? 'Yes' : 'No'}</Row>
          {incident.firstAidGiven && (
            <>
              <Row term="Given by">{incident.firstAidBy ?? none}</Row>
              <Row term="First aid">
                {incident.firstAidDetails ? (
                  <span className="preserve-lines">{incident.firstAidDetails}</span>
                ) : (
                  none
                )}
              </Row>
            </>
          )}
          <Row term="Afterwards">{outcomeLabels[incident.outcome]}</Row>
        </dl>
      </section>

      <section className="card" aria-labelledby="incident-actions">
        <h2 id="incident-actions" className="card__title">
          Witnesses and actions
        </h2>
        <dl className="summary-list">
          <Row term="Witnesses">
            {incident.witnesses ? (
              <span className="preserve-lines">{incident.witnesses}</span>
            ) : (
              none
            )}
          </Row>
          <Row term="Immediate actions">
            {incident.immediateActions ? (
              <span className="preserve-lines">{incident.immediateActions}</span>
            ) : (
              none
            )}
          </Row>
        </dl>
        <h3 className="section-title">Follow-up actions</h3>
        {incident.followUpActions.length === 0 ? (
          <p className="muted">No follow-up actions.</p>
        ) : (
          <div className="table-wrap table-wrap--flat">
            <table className="table table--stack">
              <caption className="visually-hidden">Follow-up actions</caption>
              <thead>
                <tr>
                  <th scope="col">What needs doing</th>
                  <th scope="col">Who</th>
                  <th scope="col">Due</th>
                  <th scope="col">Done</th>
                </tr>
              </thead>
              <tbody>
                {incident.followUpActions.map((action, index) => (
                  <tr key={index}>
                    <td data-label="What needs doing" className="preserve-lines">
                      {action.description}
                    </td>
                    <td data-label="Who">{action.owner}</td>
                    <td data-label="Due">
                      {action.dueOn ? formatDate(action.dueOn) : <span className="muted">—</span>}
                    </td>
                    <td data-label="Done">
                      {action.done ? (
                        <span className="badge badge--success">Done</span>
                      ) : (
                        <span className="badge badge--muted">Not yet</span>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <IncidentNotifications incident={incident} />
      <RiddorBox
        incident={incident}
        canDecide={canManage && incident.status !== 'closed'}
        onReload={onReload}
      />
      <StatusSection incident={incident} canManage={canManage} onReload={onReload} />
      <IncidentHistory incidentId={incident.id} schoolId={incident.school.id} />

      <p className="print-only print-footer">
        Printed on {formatDateTime(new Date().toISOString())} by {session.user.name}.
      </p>
    </div>
  );
}
