import { stringify } from 'csv-stringify/sync';
import type { Db } from '../../db/client';
import type { Scope } from '../../access/scope';
import type { IncidentListFilters } from './incidents.repo';
import { allIncidents } from './incidents.service';

const when = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
});

const words = (value: string) => value.replaceAll('_', ' ');
const yesNo = (value: boolean | null) => (value === null ? '' : value ? 'yes' : 'no');

const COLUMNS = [
  'Number',
  'School',
  'Occurred',
  'Reported',
  'Reported by',
  'Person',
  'Person type',
  'Year group',
  'Job title',
  'Category',
  'Location',
  'What happened',
  'Injuries',
  'Head injury',
  'First aid given',
  'First aid by',
  'Outcome',
  'Witnesses',
  'Immediate actions',
  'Status',
  'RIDDOR decision',
  'RIDDOR suggestion',
  'RIDDOR deadline',
  'RIDDOR reference',
  'RIDDOR reported on',
];

/**
 * The filtered list as CSV for Excel: RFC 4180 quoting, CRLF, UTF-8 with a byte-order mark,
 * and cells that would start a formula (=, +, -, @, tab, CR) prefixed with a quote mark.
 */
export async function incidentsCsv(
  db: Db,
  scope: Scope,
  filters: IncidentListFilters,
): Promise<string> {
  const records: Array<Array<string | number>> = [];
  for await (const { row, children } of allIncidents(db, scope, filters)) {
    const i = row.incident;
    records.push([
      i.number,
      row.schoolName,
      when.format(i.occurredAt),
      when.format(i.reportedAt),
      row.reporterName ?? '',
      // Named offline and not yet matched to the school's records: the office should know.
      i.personUnmatched ? `${i.personName} (to match)` : i.personName,
      words(i.personKind),
      i.personYearGroup ?? '',
      i.personOccupation ?? '',
      words(i.category),
      [row.locationName, i.locationDetail].filter(Boolean).join(': '),
      i.description,
      children.injuries
        .map((j) => [j.type, j.bodyPart, j.side].filter(Boolean).join(' '))
        .join('; '),
      yesNo(i.headInjury),
      yesNo(i.firstAidGiven),
      i.firstAidBy ?? '',
      words(i.outcome),
      i.witnesses ?? '',
      i.immediateActions ?? '',
      words(i.status),
      words(i.riddorDecision),
      words(i.riddorSuggestion),
      i.riddorDeadline ?? '',
      i.riddorReference ?? '',
      i.riddorReportedOn ?? '',
    ]);
  }
  return stringify(records, {
    bom: true,
    record_delimiter: 'windows',
    escape_formulas: true,
    header: true,
    columns: COLUMNS,
  });
}
