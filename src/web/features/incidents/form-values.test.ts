import { describe, expect, it } from 'vitest';
import type { Incident } from '../../../shared/incidents-api';
import {
  CreateIncidentInputSchema,
  UpdateIncidentInputSchema,
} from '../../../shared/incidents-api';
import type { PersonSearchResult } from '../../../shared/people-api';
import {
  blankValues,
  emptyInjury,
  hasChanges,
  hasHeadBodyPart,
  OTHER_PLACE,
  problemsOf,
  toCreateInput,
  toUpdateInput,
  valuesFromIncident,
} from './form-values';
import type { IncidentFormValues } from './form-values';

const schoolId = '0b7c1c8e-5b1f-4b7e-8d0e-2f9c6b1d4a22';
const locationId = '2a4f4f0e-9a77-4d7e-b1f1-7c5d3f1e9b10';
const now = new Date('2026-06-10T10:00:00.000Z');

const pupil: PersonSearchResult = {
  id: '6f1d2a52-3c1e-4c61-9a55-0d4c1f7c3b11',
  type: 'pupil',
  firstName: 'Oliver',
  lastName: 'Smith',
  schoolId,
  schoolName: 'Oakfield Primary School',
  yearGroup: '3',
  occupation: null,
  status: 'current',
  incidentCount: 0,
  repeat: false,
};

function complete(change: Partial<IncidentFormValues> = {}): IncidentFormValues {
  return {
    ...blankValues(schoolId, now),
    person: { kind: 'directory', person: pupil },
    place: locationId,
    category: 'accident_injury',
    description: 'Fell in the playground.',
    firstAidGiven: 'yes',
    firstAidBy: 'Alex Morgan',
    outcome: 'returned_to_class_or_work',
    ...change,
  };
}

describe('a new incident', () => {
  it('starts now, in London', () => {
    const values = blankValues(schoolId, now);
    expect(values.date).toBe('2026-06-10');
    expect(values.time).toBe('11:00');
  });

  it('asks for everything the book needs before sending', () => {
    const paths = problemsOf(blankValues(schoolId, now), now).map((problem) => problem.path);
    expect(paths).toEqual([
      'person',
      'locationId',
      'category',
      'description',
      'firstAidGiven',
      'outcome',
    ]);
  });

  it('refuses a time more than a few minutes ahead', () => {
    const problems = problemsOf(complete({ time: '11:30' }), now);
    expect(problems.map((problem) => problem.path)).toEqual(['date']);
  });

  it('asks for a description when the place is somewhere else', () => {
    const problems = problemsOf(complete({ place: OTHER_PLACE }), now);
    expect(problems.map((problem) => problem.path)).toEqual(['locationDetail']);
  });

  it('names the half-filled injury row', () => {
    const injury = { ...emptyInjury(), bodyPart: 'knee' };
    const problems = problemsOf(complete({ injuries: [emptyInjury(), injury] }), now);
    expect(problems.map((problem) => problem.path)).toEqual(['injuries.1.type']);
  });

  it('sends what the API accepts, with blank rows left out and the UK time as an instant', () => {
    const input = toCreateInput(
      complete({
        injuries: [
          emptyInjury(),
          { ...emptyInjury(), type: 'graze', bodyPart: 'knee', side: 'left' },
        ],
        riddor: {
          workRelated: 'no',
          workRelatedReason: 'ignored when not work-related',
          takenDirectlyToHospital: 'unknown',
          specifiedInjury: 'fracture',
          incapacityStartDate: '',
          incapacityDays: '4',
        },
      }),
    );
    expect(CreateIncidentInputSchema.safeParse(input).success).toBe(true);
    expect(input.person).toEqual({ kind: 'directory', personId: pupil.id });
    expect(input.occurredAt).toBe('2026-06-10T10:00:00.000Z');
    expect(input.injuries).toEqual([{ type: 'graze', bodyPart: 'knee', side: 'left' }]);
    // A pupil is asked the questions for non-workers only.
    expect(input.riddor).toEqual({
      workRelated: false,
      workRelatedReason: null,
      takenDirectlyToHospital: null,
      specifiedInjury: null,
      incapacityStartDate: null,
      incapacityDays: null,
    });
  });

  it('sends a member of the public entered by hand as the book’s person type', () => {
    const input = toCreateInput(
      complete({
        person: {
          kind: 'manual',
          personType: 'public',
          name: ' Lee Carver ',
          contact: '',
        },
      }),
    );
    expect(input.person).toEqual({
      kind: 'manual',
      personType: 'public',
      name: 'Lee Carver',
      contact: null,
    });
    expect(CreateIncidentInputSchema.safeParse(input).success).toBe(true);
  });

  it('sends a pupil named offline as one still to match, with the staff questions left out', () => {
    const values = complete({
      person: { kind: 'unmatched', personType: 'pupil', name: ' Oliver Smith ' },
    });
    const input = toCreateInput(values);
    expect(input.person).toEqual({ kind: 'unmatched', personType: 'pupil', name: 'Oliver Smith' });
    expect(CreateIncidentInputSchema.safeParse(input).success).toBe(true);
    expect(input.riddor?.incapacityDays).toBeNull();

    const nameless = problemsOf(
      complete({ person: { kind: 'unmatched', personType: 'staff', name: '  ' } }),
      now,
    );
    expect(nameless).toEqual([
      { path: 'person', message: 'Enter the full name of the person affected.' },
    ]);
  });

  it('spots head and face injuries', () => {
    expect(hasHeadBodyPart([{ ...emptyInjury(), bodyPart: 'Forehead' }])).toBe(true);
    expect(hasHeadBodyPart([{ ...emptyInjury(), bodyPart: 'left eye' }])).toBe(true);
    expect(hasHeadBodyPart([{ ...emptyInjury(), bodyPart: 'knee' }])).toBe(false);
  });
});

const incident: Incident = {
  id: '9d3c1c8e-5b1f-4b7e-8d0e-2f9c6b1d4a99',
  number: 12,
  school: { id: schoolId, name: 'Oakfield Primary School' },
  occurredAt: '2026-06-09T12:15:00.000Z',
  reportedAt: '2026-06-09T12:40:00.000Z',
  reportedBy: { id: '1d3c1c8e-5b1f-4b7e-8d0e-2f9c6b1d4a01', name: 'Alex Morgan' },
  location: { id: locationId, name: 'Playground' },
  locationDetail: null,
  category: 'accident_injury',
  person: {
    kind: 'pupil',
    personId: pupil.id,
    name: 'Oliver Smith',
    yearGroup: '3',
    occupation: null,
    contact: null,
    unmatched: false,
  },
  description: 'Fell in the playground.',
  injuries: [{ type: 'graze', bodyPart: 'knee', side: 'left' }],
  headInjury: false,
  firstAidGiven: true,
  firstAidBy: 'Alex Morgan',
  firstAidDetails: null,
  outcome: 'returned_to_class_or_work',
  witnesses: null,
  immediateActions: null,
  followUpActions: [{ description: 'Check the surface', owner: 'Site', dueOn: null, done: false }],
  status: 'open',
  closedBy: null,
  closedAt: null,
  closureNote: null,
  riddor: {
    workRelated: null,
    workRelatedReason: null,
    takenDirectlyToHospital: null,
    specifiedInjury: null,
    incapacityStartDate: null,
    incapacityDays: null,
    decision: 'undecided',
    reference: null,
    reportedOn: null,
    reportedBy: null,
    assessment: {
      suggestion: 'not_reportable',
      reason: 'Not taken directly from the scene to hospital for treatment.',
      deadline: null,
      overdue: false,
    },
  },
  version: 3,
  createdAt: '2026-06-09T12:40:00.000Z',
  updatedAt: '2026-06-09T12:40:00.000Z',
};

describe('an edit', () => {
  it('sends nothing but the version when nothing changed', () => {
    const initial = valuesFromIncident(incident);
    expect(initial.date).toBe('2026-06-09');
    expect(initial.time).toBe('13:15');
    const input = toUpdateInput(initial, valuesFromIncident(incident), incident.version);
    expect(input).toEqual({ version: 3 });
    expect(hasChanges(input)).toBe(false);
  });

  it('sends only the fields that changed', () => {
    const initial = valuesFromIncident(incident);
    const edited: IncidentFormValues = {
      ...initial,
      description: 'Fell on the wet tarmac.',
      followUpActions: initial.followUpActions.map((row) => ({ ...row, done: true })),
      riddor: { ...initial.riddor, takenDirectlyToHospital: 'no' },
    };
    const input = toUpdateInput(initial, edited, incident.version);
    expect(input).toEqual({
      version: 3,
      description: 'Fell on the wet tarmac.',
      followUpActions: [
        { description: 'Check the surface', owner: 'Site', dueOn: null, done: true },
      ],
      riddor: { takenDirectlyToHospital: false },
    });
    expect(UpdateIncidentInputSchema.safeParse(input).success).toBe(true);
  });

  it('keeps the recorded person unless someone else is chosen', () => {
    const initial = valuesFromIncident(incident);
    expect(initial.person?.kind).toBe('recorded');
    const input = toUpdateInput(
      initial,
      { ...initial, person: { kind: 'manual', personType: 'visitor', name: 'Dana', contact: '' } },
      incident.version,
    );
    expect(input.person).toEqual({
      kind: 'manual',
      personType: 'visitor',
      name: 'Dana',
      contact: null,
    });
  });
});
