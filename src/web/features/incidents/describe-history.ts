/** The change history of an incident in words: "Category: Near miss → Accident or injury". */
import type { IncidentHistoryEntry } from '../../../shared/incidents-api';
import { formatDateTime } from '../../components/format';
import { formatDate } from '../../components/london-time';
import {
  categoryLabels,
  outcomeLabels,
  personKindLabels,
  riddorDecisionLabels,
  sideLabels,
  specifiedInjuryLabels,
  statusLabels,
} from './describe';

const actionLabels: Record<string, string> = {
  created: 'Logged the incident',
  updated: 'Changed the incident',
  status_changed: 'Changed the status',
};

export function describeHistoryAction(entry: IncidentHistoryEntry): string {
  if (entry.action === 'status_changed' && entry.changes?.status) {
    const after = entry.changes.status[1];
    if (after === 'closed') return 'Closed the incident';
    if (after === 'under_review') return 'Marked it under review';
    if (after === 'open') {
      return entry.changes.status[0] === 'closed' ? 'Reopened the incident' : 'Marked it open';
    }
  }
  return actionLabels[entry.action] ?? entry.action.replace(/_/g, ' ');
}

const fieldLabels: Record<string, string> = {
  occurredAt: 'Date and time',
  schoolId: 'School',
  school: 'School',
  locationId: 'Place',
  location: 'Place',
  locationDetail: 'Place, described',
  category: 'Kind of incident',
  description: 'What happened',
  injuries: 'Injuries',
  headInjury: 'Head injury',
  firstAidGiven: 'First aid given',
  firstAidBy: 'First aid given by',
  firstAidDetails: 'First aid',
  outcome: 'Afterwards',
  witnesses: 'Witnesses',
  immediateActions: 'Immediate actions',
  followUpActions: 'Follow-up actions',
  status: 'Status',
  note: 'Note',
  closureNote: 'Sign-off note',
  person: 'Affected person',
  personId: 'Affected person',
  personName: 'Affected person',
  personType: 'Person type',
  personKind: 'Person type',
  kind: 'Person type',
  name: 'Name',
  contact: 'Contact',
  yearGroup: 'Year group',
  occupation: 'Job title',
  'riddor.workRelated': 'RIDDOR: arose from the school’s work',
  'riddor.workRelatedReason': 'RIDDOR: how the school’s work caused it',
  'riddor.takenDirectlyToHospital': 'RIDDOR: taken straight to hospital',
  'riddor.specifiedInjury': 'RIDDOR: specified injury',
  'riddor.incapacityStartDate': 'RIDDOR: first day away',
  'riddor.incapacityDays': 'RIDDOR: days away',
  'riddor.decision': 'RIDDOR decision',
  'riddor.reference': 'RIDDOR reference',
  'riddor.reportedOn': 'RIDDOR reported on',
  'riddor.reportedBy': 'RIDDOR reported by',
};

export function describeHistoryField(field: string): string {
  const known = fieldLabels[field];
  if (known) return known;
  const last = field.split('.').pop() ?? field;
  if (fieldLabels[last]) return fieldLabels[last];
  const words = field.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/[_.]/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1).toLowerCase();
}

const enumLabels: Record<string, Record<string, string>> = {
  category: categoryLabels,
  outcome: outcomeLabels,
  status: statusLabels,
  decision: riddorDecisionLabels,
  specifiedInjury: specifiedInjuryLabels,
  side: sideLabels,
  kind: personKindLabels,
  personType: personKindLabels,
  personKind: personKindLabels,
};

const instantPattern = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;
const datePattern = /^\d{4}-\d{2}-\d{2}$/;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export type HistoryContext = { locationNames: Map<string, string> };

/** A value before or after a change, readable; "none" when there was none. */
export function describeHistoryValue(
  field: string,
  value: unknown,
  context: HistoryContext,
): string {
  if (value === null || value === undefined || value === '') return 'none';
  const key = field.split('.').pop() ?? field;
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  if (typeof value === 'number') return value.toLocaleString('en-GB');
  if (typeof value === 'string') {
    const labels = enumLabels[key];
    if (labels?.[value]) return labels[value];
    if ((key === 'locationId' || key === 'location') && context.locationNames.has(value)) {
      return context.locationNames.get(value) ?? value;
    }
    if (instantPattern.test(value)) return formatDateTime(value);
    if (datePattern.test(value)) return formatDate(value);
    return value;
  }
  if (Array.isArray(value)) {
    if (value.length === 0) return 'none';
    return value.map((item) => describeItem(item, context)).join('; ');
  }
  if (isRecord(value)) return describeItem(value, context);
  return JSON.stringify(value);
}

/** One injury, follow-up action, person or place, in a line. */
function describeItem(item: unknown, context: HistoryContext): string {
  if (!isRecord(item)) return describeHistoryValue('', item, context);
  if (typeof item.type === 'string' && typeof item.bodyPart === 'string') {
    const side =
      typeof item.side === 'string' ? sideLabels[item.side as keyof typeof sideLabels] : null;
    return `${item.type}, ${item.bodyPart}${side ? ` (${side.toLowerCase()})` : ''}`;
  }
  if (typeof item.description === 'string' && typeof item.owner === 'string') {
    const due =
      typeof item.dueOn === 'string' && item.dueOn ? `, due ${formatDate(item.dueOn)}` : '';
    return `${item.description} (${item.owner}${due})${item.done === true ? ', done' : ''}`;
  }
  if (typeof item.name === 'string') {
    const kind =
      typeof item.kind === 'string'
        ? personKindLabels[item.kind as keyof typeof personKindLabels]
        : undefined;
    return kind ? `${item.name} (${kind.toLowerCase()})` : item.name;
  }
  return Object.entries(item)
    .filter(([, value]) => value !== null && value !== undefined && value !== '')
    .map(
      ([key, value]) =>
        `${describeHistoryField(key)}: ${describeHistoryValue(key, value, context)}`,
    )
    .join(', ');
}

export type HistoryChange = { field: string; before: unknown; after: unknown };

/**
 * Each changed field; a change to a group of fields (the RIDDOR answers) is split into the
 * fields within it that changed.
 */
export function historyChanges(changes: IncidentHistoryEntry['changes']): HistoryChange[] {
  const list: HistoryChange[] = [];
  for (const [field, [before, after]] of Object.entries(changes ?? {})) {
    const isGroup =
      (isRecord(before) || before === null) &&
      isRecord(after) &&
      !('name' in after) &&
      !('type' in after);
    if (field === 'riddor' && isGroup) {
      const was = isRecord(before) ? before : {};
      for (const key of Object.keys(after)) {
        if (key === 'assessment') continue;
        if (JSON.stringify(was[key] ?? null) === JSON.stringify(after[key] ?? null)) continue;
        list.push({ field: `riddor.${key}`, before: was[key], after: after[key] });
      }
      continue;
    }
    list.push({ field, before, after });
  }
  return list;
}
