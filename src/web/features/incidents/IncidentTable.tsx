import { Link } from 'react-router';
import type { IncidentSummary } from '../../../shared/incidents-api';
import { DateTime } from '../../components/DateTime';
import {
  categoryLabels,
  personDetail,
  personKindLabels,
  placeOf,
  riddorAttention,
  statusBadgeClass,
  statusLabels,
} from './describe';

type IncidentTableProps = {
  incidents: IncidentSummary[];
  caption: string;
  /** Leave the school column out when every row is at the same school. */
  showSchool?: boolean;
};

/** Incidents, newest first: number, when, who, where, what, and whether anything is pending. */
export function IncidentTable({ incidents, caption, showSchool = true }: IncidentTableProps) {
  return (
    <div className="table-wrap">
      <table className="table table--stack table--incidents">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Number</th>
            <th scope="col">When</th>
            <th scope="col">Person</th>
            {showSchool && <th scope="col">School</th>}
            <th scope="col">Category</th>
            <th scope="col">Place</th>
            <th scope="col">Status</th>
          </tr>
        </thead>
        <tbody>
          {incidents.map((incident) => {
            const detail = personDetail(incident.person);
            const attention = riddorAttention(incident.riddor);
            const place = placeOf(incident);
            return (
              <tr key={incident.id}>
                <th scope="row" data-label="Number" className="numeric">
                  <Link to={`/incidents/${incident.id}`} className="strong-link">
                    <span className="visually-hidden">Incident </span>
                    {incident.number}
                  </Link>
                </th>
                <td data-label="When" className="nowrap">
                  <DateTime value={incident.occurredAt} />
                </td>
                <td data-label="Person">
                  {incident.person.name}
                  <span className="cell-secondary">
                    {detail ?? personKindLabels[incident.person.kind]}
                  </span>
                  {incident.headInjury && (
                    <span className="badge badge--danger badge--inline">Head injury</span>
                  )}
                </td>
                {showSchool && <td data-label="School">{incident.school.name}</td>}
                <td data-label="Category">{categoryLabels[incident.category]}</td>
                <td data-label="Place">{place || <span className="muted">Not recorded</span>}</td>
                <td data-label="Status">
                  <span className={statusBadgeClass[incident.status]}>
                    {statusLabels[incident.status]}
                  </span>
                  {attention && (
                    <span className={`${attention.className} badge--inline`}>
                      {attention.label}
                    </span>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
