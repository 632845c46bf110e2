/**
 * How an incident reads: the API's shapes of a stored incident, and the readable values its
 * change history records. No database and no access rules here; the service decides what is
 * shown to whom and calls these.
 */
import type { Incident, IncidentSummary } from '../../../shared/incidents-api';
import { londonDate } from '../../lib/london-time';
import type { IncidentChildren, IncidentDetailRow, IncidentRow } from './incidents.repo';
import { assessRiddor } from './riddor';

/** An incident as the API shows it, with its injuries and follow-up actions. */
export function presentIncident(row: IncidentDetailRow, children: IncidentChildren): Incident {
  const i = row.incident;
  return {
    ...presentSummary(row),
    reportedAt: i.reportedAt.toISOString(),
    reportedBy: row.reporterName ? { id: i.reportedByUserId, name: row.reporterName } : null,
    description: i.description,
    injuries: children.injuries.map((j) => ({ type: j.type, bodyPart: j.bodyPart, side: j.side })),
    firstAidGiven: i.firstAidGiven,
    firstAidBy: i.firstAidBy,
    firstAidDetails: i.firstAidDetails,
    witnesses: i.witnesses,
    immediateActions: i.immediateActions,
    followUpActions: children.actions.map((a) => ({
      description: a.description,
      owner: a.owner,
      dueOn: a.dueOn,
      done: a.doneAt !== null,
    })),
    closedBy:
      i.closedByUserId && row.closerName ? { id: i.closedByUserId, name: row.closerName } : null,
    closedAt: i.closedAt?.toISOString() ?? null,
    closureNote: i.closureNote,
    riddor: {
      workRelated: i.workRelated,
      workRelatedReason: i.workRelatedReason,
      takenDirectlyToHospital: i.takenDirectlyToHospital,
      specifiedInjury: i.specifiedInjury as Incident['riddor']['specifiedInjury'],
      incapacityStartDate: i.incapacityStartDate,
      incapacityDays: i.incapacityDays,
      decision: i.riddorDecision,
      reference: i.riddorReference,
      reportedOn: i.riddorReportedOn,
      reportedBy: i.riddorReportedBy,
      assessment: assessmentOf(i),
    },
    version: i.version,
    createdAt: i.createdAt.toISOString(),
    updatedAt: i.updatedAt.toISOString(),
  };
}

function assessmentOf(i: IncidentRow) {
  return assessRiddor(
    {
      personKind: i.personKind,
      accidentDate: londonDate(i.occurredAt),
      outcome: i.outcome,
      workRelated: i.workRelated,
      takenDirectlyToHospital: i.takenDirectlyToHospital,
      specifiedInjury: i.specifiedInjury,
      incapacityDays: i.incapacityDays,
      decision: i.riddorDecision,
      reportedOn: i.riddorReportedOn,
    },
    londonDate(),
  );
}

export function presentSummary(row: IncidentDetailRow): IncidentSummary {
  const i = row.incident;
  return {
    id: i.id,
    number: i.number,
    school: { id: i.schoolId, name: row.schoolName },
    occurredAt: i.occurredAt.toISOString(),
    location:
      i.locationId && row.locationName ? { id: i.locationId, name: row.locationName } : null,
    locationDetail: i.locationDetail,
    category: i.category,
    person: {
      kind: i.personKind,
      personId: i.personId,
      name: i.personName,
      yearGroup: i.personYearGroup,
      occupation: i.personOccupation,
      contact: i.personContact,
      unmatched: i.personUnmatched,
    },
    headInjury: i.headInjury,
    outcome: i.outcome,
    status: i.status,
    riddor: { decision: i.riddorDecision, assessment: assessmentOf(i) },
  };
}

/** "Year 7", "Reception", "Nursery", as schools say it. */
function yearGroupLabel(ncYear: string): string {
  if (ncYear === 'R') return 'Reception';
  if (/^N\d?$/.test(ncYear)) return 'Nursery';
  return `Year ${ncYear}`;
}

/** "Oliver Smith (Year 4)"; "Oliver Smyth (to match)" until matched, so the match shows. */
function personLabel(person: Incident['person']): string {
  if (person.unmatched) return `${person.name} (to match)`;
  return `${person.name}${person.yearGroup ? ` (${yearGroupLabel(person.yearGroup)})` : ''}`;
}

/** The editable fields as readable values, for the change history. */
function historyView(incident: Incident) {
  return {
    occurredAt: incident.occurredAt,
    location: incident.location?.name ?? null,
    locationDetail: incident.locationDetail,
    category: incident.category,
    person: personLabel(incident.person),
    description: incident.description,
    injuries: incident.injuries.map((j) => [j.type, j.bodyPart, j.side].filter(Boolean).join(', ')),
    headInjury: incident.headInjury,
    firstAidGiven: incident.firstAidGiven,
    firstAidBy: incident.firstAidBy,
    firstAidDetails: incident.firstAidDetails,
    outcome: incident.outcome,
    witnesses: incident.witnesses,
    immediateActions: incident.immediateActions,
    followUpActions: incident.followUpActions.map(
      (a) =>
        `${a.description} (${a.owner}${a.dueOn ? `, by ${a.dueOn}` : ''}${a.done ? ', done' : ''})`,
    ),
    'riddor.workRelated': incident.riddor.workRelated,
    'riddor.workRelatedReason': incident.riddor.workRelatedReason,
    'riddor.takenDirectlyToHospital': incident.riddor.takenDirectlyToHospital,
    'riddor.specifiedInjury': incident.riddor.specifiedInjury,
    'riddor.incapacityStartDate': incident.riddor.incapacityStartDate,
    'riddor.incapacityDays': incident.riddor.incapacityDays,
    'riddor.decision': incident.riddor.decision,
    'riddor.reference': incident.riddor.reference,
    'riddor.reportedOn': incident.riddor.reportedOn,
    'riddor.reportedBy': incident.riddor.reportedBy,
  };
}

/** What an edit changed, field by field in readable values, for the incident's history. */
export function changesBetween(
  before: Incident,
  after: Incident,
): Record<string, [unknown, unknown]> {
  const a = historyView(before);
  const b = historyView(after);
  const changes: Record<string, [unknown, unknown]> = {};
  for (const key of Object.keys(a) as Array<keyof typeof a>) {
    if (JSON.stringify(a[key]) !== JSON.stringify(b[key])) changes[key] = [a[key], b[key]];
  }
  return changes;
}
