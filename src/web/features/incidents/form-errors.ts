import { ApiError, InvalidInputError } from '../../app/api';
import type { FieldProblem } from '../../app/api';
import { fieldMessage } from '../../app/field-errors';

const labels: Record<string, string> = {
  schoolId: 'School',
  person: 'Affected person',
  'person.name': 'Name of the affected person',
  'person.contact': 'Contact of the affected person',
  'person.personType': 'Who the person is',
  'person.personId': 'Affected person',
  occurredAt: 'Date and time',
  date: 'Date',
  time: 'Time',
  locationId: 'Place',
  locationDetail: 'Place',
  category: 'Kind of incident',
  description: 'What happened',
  injuries: 'Injuries',
  headInjury: 'Head injury',
  firstAidGiven: 'First aid',
  firstAidBy: 'Who gave first aid',
  firstAidDetails: 'First aid given',
  outcome: 'What happened afterwards',
  witnesses: 'Witnesses',
  immediateActions: 'Immediate actions',
  followUpActions: 'Follow-up actions',
  'riddor.workRelated': 'Work-related',
  'riddor.workRelatedReason': 'Why it is work-related',
  'riddor.takenDirectlyToHospital': 'Taken straight to hospital',
  'riddor.specifiedInjury': 'Specified injury',
  'riddor.incapacityStartDate': 'First day away',
  'riddor.incapacityDays': 'Days away',
  'riddor.decision': 'RIDDOR decision',
  'riddor.reference': 'HSE reference',
  'riddor.reportedOn': 'Date reported',
  'riddor.reportedBy': 'Reported by',
  note: 'Sign-off note',
  version: 'This incident',
};

const rowFields: Record<string, Record<string, string>> = {
  injuries: { type: 'type', bodyPart: 'body part', side: 'side' },
  followUpActions: { description: 'what needs doing', owner: 'owner', dueOn: 'due date' },
};
const rowNames: Record<string, string> = {
  injuries: 'Injury',
  followUpActions: 'Follow-up action',
};

/** The words for a field's path: "Injury 2 body part", "Days away", "What happened". */
export function labelForPath(path: string): string {
  const known = labels[path];
  if (known) return known;
  const [list, index, field] = path.split('.');
  if (list && rowNames[list] && index !== undefined && /^\d+$/.test(index)) {
    const fieldName = field ? rowFields[list]?.[field] : undefined;
    return `${rowNames[list]} ${Number(index) + 1}${fieldName ? ` ${fieldName}` : ''}`;
  }
  const [first] = path.split('.');
  return (first && labels[first]) || 'This incident';
}

/** Problems keyed by full path, each a sentence: what each field shows beside it. */
export function problemsByPath(error: unknown): Map<string, string> {
  const map = new Map<string, string>();
  const details: FieldProblem[] =
    error instanceof ApiError || error instanceof InvalidInputError ? error.details : [];
  for (const problem of details) {
    const path = problem.path.replace(/\[(\d+)\]/g, '.$1');
    if (!map.has(path)) map.set(path, fieldMessage(labelForPath(path), problem.message));
  }
  return map;
}

/**
 * A refused form, with each problem worded as a sentence naming its field, for the summary at
 * the top; any other error as it is.
 */
export function forSummary(error: unknown): unknown {
  const isInvalid =
    error instanceof InvalidInputError || (error instanceof ApiError && error.status === 400);
  if (!isInvalid) return error;
  const problems = [...problemsByPath(error)].map(([path, message]) => ({ path, message }));
  if (problems.length === 0) return error;
  return new InvalidInputError(problems);
}

/** Someone else saved the record after this page loaded it. */
export function isConflict(error: unknown): boolean {
  return error instanceof ApiError && error.status === 409;
}

/** The first problem for any of these paths, or for anything under them. */
export function errorFor(problems: Map<string, string>, ...paths: string[]): string | undefined {
  for (const path of paths) {
    const exact = problems.get(path);
    if (exact) return exact;
  }
  for (const [key, message] of problems) {
    if (paths.some((path) => key.startsWith(`${path}.`))) return message;
  }
  return undefined;
}
