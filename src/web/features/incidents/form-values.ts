/**
 * The incident form's values (strings, as inputs hold them), how they become the API's input,
 * what is checked before sending, and which fields an edit changed.
 */
import type {
  CreateIncidentInput,
  Incident,
  UpdateIncidentInput,
} from '../../../shared/incidents-api';
import type { FieldProblem } from '../../app/api';
import { isDateOnly, londonDateAndTime, londonInstant } from '../../components/london-time';
import { manualPersonTypes } from '../people/affected-person';
import type { AffectedPerson, ManualPersonType } from '../people/affected-person';
import type { Category, InjurySide, Outcome, PersonKind, SpecifiedInjury } from './describe';

export type YesNo = '' | 'yes' | 'no';
/** Yes, no, or not known yet (sent as no answer). */
export type YesNoUnknown = YesNo | 'unknown';

export type InjuryRow = { key: string; type: string; bodyPart: string; side: InjurySide | '' };
export type FollowUpRow = {
  key: string;
  description: string;
  owner: string;
  dueOn: string;
  done: boolean;
};

/** The person already on an incident being edited, kept as it is unless someone changes it. */
export type RecordedPerson = { kind: 'recorded'; person: Incident['person'] };
export type PersonValue = AffectedPerson | RecordedPerson | null;

/** Where it happened: a listed place's id, somewhere else described by hand, or not said. */
export const OTHER_PLACE = 'other';

export type RiddorValues = {
  workRelated: YesNoUnknown;
  workRelatedReason: string;
  takenDirectlyToHospital: YesNoUnknown;
  specifiedInjury: SpecifiedInjury | '';
  incapacityStartDate: string;
  incapacityDays: string;
};

export type IncidentFormValues = {
  schoolId: string;
  person: PersonValue;
  date: string;
  time: string;
  place: string;
  locationDetail: string;
  category: Category | '';
  description: string;
  injuries: InjuryRow[];
  headInjury: boolean;
  firstAidGiven: YesNo;
  firstAidBy: string;
  firstAidDetails: string;
  outcome: Outcome | '';
  witnesses: string;
  immediateActions: string;
  followUpActions: FollowUpRow[];
  riddor: RiddorValues;
};

type ManualKind = Extract<PersonKind, ManualPersonType>;

const isManualKind = (kind: PersonKind): kind is ManualKind =>
  (manualPersonTypes as readonly string[]).includes(kind);

export function fromManualKind(kind: PersonKind): ManualPersonType {
  return isManualKind(kind) ? kind : 'other';
}

let rowCounter = 0;
export function newRowKey(): string {
  rowCounter += 1;
  return `row-${rowCounter}`;
}

export function emptyInjury(): InjuryRow {
  return { key: newRowKey(), type: '', bodyPart: '', side: '' };
}

export function emptyFollowUp(): FollowUpRow {
  return { key: newRowKey(), description: '', owner: '', dueOn: '', done: false };
}

const emptyRiddor: RiddorValues = {
  workRelated: '',
  workRelatedReason: '',
  takenDirectlyToHospital: '',
  specifiedInjury: '',
  incapacityStartDate: '',
  incapacityDays: '',
};

/** A new incident: now, in London, at the given school. */
export function blankValues(schoolId: string, now = new Date()): IncidentFormValues {
  const { date, time } = londonDateAndTime(now);
  return {
    schoolId,
    person: null,
    date,
    time,
    place: '',
    locationDetail: '',
    category: '',
    description: '',
    injuries: [],
    headInjury: false,
    firstAidGiven: '',
    firstAidBy: '',
    firstAidDetails: '',
    outcome: '',
    witnesses: '',
    immediateActions: '',
    followUpActions: [],
    riddor: emptyRiddor,
  };
}

const yesNo = (value: boolean | null): YesNoUnknown => (value === null ? '' : value ? 'yes' : 'no');

/** An incident as the form shows it for editing. */
export function valuesFromIncident(incident: Incident): IncidentFormValues {
  const { date, time } = londonDateAndTime(incident.occurredAt);
  const { person } = incident;
  const isManual = person.kind !== 'pupil' && person.kind !== 'staff';
  return {
    schoolId: incident.school.id,
    person: isManual
      ? {
          kind: 'manual',
          personType: fromManualKind(person.kind),
          name: person.name,
          contact: person.contact ?? '',
        }
      : { kind: 'recorded', person },
    date,
    time,
    place: incident.location ? incident.location.id : incident.locationDetail ? OTHER_PLACE : '',
    locationDetail: incident.locationDetail ?? '',
    category: incident.category,
    description: incident.description,
    injuries: incident.injuries.map((injury) => ({
      key: newRowKey(),
      type: injury.type,
      bodyPart: injury.bodyPart,
      side: isSide(injury.side) ? injury.side : '',
    })),
    headInjury: incident.headInjury,
    firstAidGiven: incident.firstAidGiven ? 'yes' : 'no',
    firstAidBy: incident.firstAidBy ?? '',
    firstAidDetails: incident.firstAidDetails ?? '',
    outcome: incident.outcome,
    witnesses: incident.witnesses ?? '',
    immediateActions: incident.immediateActions ?? '',
    followUpActions: incident.followUpActions.map((action) => ({
      key: newRowKey(),
      description: action.description,
      owner: action.owner,
      dueOn: action.dueOn ?? '',
      done: action.done,
    })),
    riddor: {
      workRelated: yesNo(incident.riddor.workRelated),
      workRelatedReason: incident.riddor.workRelatedReason ?? '',
      takenDirectlyToHospital: yesNo(incident.riddor.takenDirectlyToHospital),
      specifiedInjury: incident.riddor.specifiedInjury ?? '',
      incapacityStartDate: incident.riddor.incapacityStartDate ?? '',
      incapacityDays:
        incident.riddor.incapacityDays === null ? '' : String(incident.riddor.incapacityDays),
    },
  };
}

function isSide(value: string | null): value is InjurySide {
  return value === 'left' || value === 'right' || value === 'both' || value === 'centre';
}

/** Pupil, staff, or the kind of someone entered by hand; null before anyone is chosen. */
export function personKindOf(person: PersonValue): PersonKind | null {
  if (!person) return null;
  if (person.kind === 'directory') return person.person.type;
  if (person.kind === 'manual' || person.kind === 'unmatched') return person.personType;
  return person.person.kind;
}

const headWords =
  /\b(head|face|forehead|scalp|temple|eyes?|eyebrows?|eyelids?|nose|mouth|lips?|teeth|tooth|tongue|jaw|chin|cheeks?|ears?)\b/i;

/** Whether any injury is to the head or face. */
export function hasHeadBodyPart(injuries: InjuryRow[]): boolean {
  return injuries.some((injury) => headWords.test(injury.bodyPart));
}

const text = (value: string) => value.trim();
const optionalText = (value: string) => value.trim() || null;
const answer = (value: YesNoUnknown) => (value === 'yes' ? true : value === 'no' ? false : null);
const isBlankInjury = (row: InjuryRow) => !row.type.trim() && !row.bodyPart.trim() && !row.side;
const isBlankFollowUp = (row: FollowUpRow) =>
  !row.description.trim() && !row.owner.trim() && !row.dueOn;

type IncidentFields = Omit<CreateIncidentInput, 'schoolId' | 'person'>;

/** The fields both a new incident and an edit send, built the same way for both. */
function fieldsOf(values: IncidentFormValues): IncidentFields {
  const kind = personKindOf(values.person);
  const isStaff = kind === 'staff';
  const isPlaceListed = values.place !== '' && values.place !== OTHER_PLACE;
  const days = values.riddor.incapacityDays.trim();
  const instant = londonInstant(values.date, values.time);
  return {
    occurredAt: instant ? instant.toISOString() : `${values.date}T${values.time}`,
    locationId: isPlaceListed ? values.place : null,
    locationDetail: values.place === '' ? null : optionalText(values.locationDetail),
    category: values.category as Category,
    description: text(values.description),
    injuries: values.injuries
      .filter((row) => !isBlankInjury(row))
      .map((row) => ({
        type: text(row.type),
        bodyPart: text(row.bodyPart),
        side: row.side || null,
      })),
    headInjury: values.headInjury,
    firstAidGiven: values.firstAidGiven === 'yes',
    firstAidBy: values.firstAidGiven === 'yes' ? optionalText(values.firstAidBy) : null,
    firstAidDetails: values.firstAidGiven === 'yes' ? optionalText(values.firstAidDetails) : null,
    outcome: values.outcome as Outcome,
    witnesses: optionalText(values.witnesses),
    immediateActions: optionalText(values.immediateActions),
    followUpActions: values.followUpActions
      .filter((row) => !isBlankFollowUp(row))
      .map((row) => ({
        description: text(row.description),
        owner: text(row.owner),
        dueOn: row.dueOn || null,
        done: row.done,
      })),
    riddor: {
      // Only the questions that apply to the person: workers, or pupils and everyone else.
      workRelated: isStaff ? null : answer(values.riddor.workRelated),
      workRelatedReason:
        !isStaff && values.riddor.workRelated === 'yes'
          ? optionalText(values.riddor.workRelatedReason)
          : null,
      takenDirectlyToHospital: isStaff ? null : answer(values.riddor.takenDirectlyToHospital),
      specifiedInjury: isStaff ? values.riddor.specifiedInjury || null : null,
      incapacityStartDate: isStaff ? values.riddor.incapacityStartDate || null : null,
      incapacityDays: isStaff && days !== '' ? Number(days) : null,
    },
  };
}

function personInput(person: AffectedPerson): CreateIncidentInput['person'] {
  if (person.kind === 'directory') return { kind: 'directory', personId: person.person.id };
  if (person.kind === 'unmatched') {
    return { kind: 'unmatched', personType: person.personType, name: person.name.trim() };
  }
  return {
    kind: 'manual',
    personType: person.personType,
    name: person.name.trim(),
    contact: person.contact.trim() || null,
  };
}

/** What the form says is missing or wrong, as the server would word it, before anything is sent. */
export function problemsOf(values: IncidentFormValues, now = new Date()): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const add = (path: string, message: string) => problems.push({ path, message });

  if (!values.schoolId) add('schoolId', 'Choose the school.');
  if (!values.person) {
    add('person', 'Choose the person affected, or enter someone who is not in the list.');
  } else if (
    (values.person.kind === 'manual' || values.person.kind === 'unmatched') &&
    !values.person.name.trim()
  ) {
    add('person', 'Enter the full name of the person affected.');
  }
  if (!isDateOnly(values.date)) add('date', 'Enter the date it happened.');
  const instant = londonInstant(values.date, values.time);
  if (!/^\d{2}:\d{2}/.test(values.time) || (isDateOnly(values.date) && !instant)) {
    add('time', 'Enter the time it happened, such as 12:30.');
  } else if (instant && instant.getTime() > now.getTime() + 5 * 60_000) {
    add('date', 'The date and time cannot be in the future.');
  }
  if (values.place === '')
    add('locationId', 'Choose where it happened, or choose Somewhere else and describe it.');
  if (values.place === OTHER_PLACE && !values.locationDetail.trim()) {
    add('locationDetail', 'Describe where it happened.');
  }
  if (!values.category) add('category', 'Choose what kind of incident it was.');
  if (!values.description.trim()) add('description', 'Say what happened.');
  values.injuries.forEach((row, index) => {
    if (isBlankInjury(row)) return;
    if (!row.type.trim()) add(`injuries.${index}.type`, 'Enter the type of injury.');
    if (!row.bodyPart.trim()) add(`injuries.${index}.bodyPart`, 'Enter the part of the body.');
  });
  if (!values.firstAidGiven) add('firstAidGiven', 'Say whether first aid was given.');
  if (!values.outcome) add('outcome', 'Choose what happened afterwards.');
  values.followUpActions.forEach((row, index) => {
    if (isBlankFollowUp(row)) return;
    if (!row.description.trim()) {
      add(`followUpActions.${index}.description`, 'Say what needs doing.');
    }
    if (!row.owner.trim()) add(`followUpActions.${index}.owner`, 'Say who will do it.');
    if (row.dueOn && !isDateOnly(row.dueOn)) {
      add(`followUpActions.${index}.dueOn`, 'Enter a real date.');
    }
  });
  if (personKindOf(values.person) === 'staff') {
    const days = values.riddor.incapacityDays.trim();
    if (days !== '' && (!/^\d+$/.test(days) || Number(days) > 3650)) {
      add('riddor.incapacityDays', 'Enter a whole number of days, such as 8.');
    }
    const start = values.riddor.incapacityStartDate;
    if (start && !isDateOnly(start)) add('riddor.incapacityStartDate', 'Enter a real date.');
    else if (start && isDateOnly(values.date) && start <= values.date) {
      add(
        'riddor.incapacityStartDate',
        'The first day away is after the day of the accident: that day is not counted.',
      );
    }
  }
  return problems;
}

/** A new incident's input. Call once `problemsOf` finds nothing. */
export function toCreateInput(values: IncidentFormValues): CreateIncidentInput {
  if (!values.person || values.person.kind === 'recorded') {
    throw new Error('A new incident needs a person chosen in the form.');
  }
  return { schoolId: values.schoolId, person: personInput(values.person), ...fieldsOf(values) };
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Only what changed since the form was opened, with the version it was opened at. */
export function toUpdateInput(
  initial: IncidentFormValues,
  values: IncidentFormValues,
  version: number,
): UpdateIncidentInput {
  const before = fieldsOf(initial);
  const after = fieldsOf(values);
  const input: UpdateIncidentInput = { version };
  const changes: Record<string, unknown> = {};
  for (const key of Object.keys(after) as (keyof IncidentFields)[]) {
    if (key === 'riddor') continue;
    if (!same(before[key], after[key])) changes[key] = after[key];
  }
  const riddorBefore = before.riddor ?? {};
  const riddorAfter = after.riddor ?? {};
  const riddor: Record<string, unknown> = {};
  for (const key of Object.keys(riddorAfter) as (keyof typeof riddorAfter)[]) {
    if (!same(riddorBefore[key], riddorAfter[key])) riddor[key] = riddorAfter[key];
  }
  if (Object.keys(riddor).length > 0) changes.riddor = riddor;
  if (values.person && values.person.kind !== 'recorded') {
    const person = personInput(values.person);
    const wasPerson =
      initial.person && initial.person.kind !== 'recorded' ? personInput(initial.person) : null;
    if (!same(person, wasPerson)) changes.person = person;
  }
  return Object.assign(input, changes);
}

/** Whether an edit would send anything besides the version. */
export function hasChanges(input: UpdateIncidentInput): boolean {
  return Object.keys(input).some((key) => key !== 'version');
}
