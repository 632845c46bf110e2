/** API contracts of the incident book. Dates are `YYYY-MM-DD`; instants are ISO 8601. */
import { z } from 'zod';
import { dateOnly, dateTime, text } from './fields';
import { MANUAL_PERSON_TYPES } from './fixed-lists';
import { PERSON_STATUSES, PERSON_TYPES } from './people-api';

export const CATEGORIES = [
  'accident_injury',
  'near_miss',
  'dangerous_occurrence',
  'ill_health',
  'violence_aggression',
  'other',
] as const;
export const CategorySchema = z.enum(CATEGORIES);

export const OUTCOMES = [
  'returned_to_class_or_work',
  'sent_home',
  'hospital',
  'ambulance_called',
  'other',
] as const;
export const OutcomeSchema = z.enum(OUTCOMES);

export const STATUSES = ['open', 'under_review', 'closed'] as const;
export const StatusSchema = z.enum(STATUSES);

export { MANUAL_PERSON_TYPES };
export const PERSON_KINDS = [...PERSON_TYPES, ...MANUAL_PERSON_TYPES] as const;
export const PersonKindSchema = z.enum(PERSON_KINDS);

/** RIDDOR specified injuries to workers (regulation 4). */
export const SPECIFIED_INJURIES = [
  'fracture',
  'amputation',
  'sight_loss',
  'crush_head_torso',
  'serious_burn',
  'scalping',
  'loss_of_consciousness',
  'enclosed_space',
] as const;
export const SpecifiedInjurySchema = z.enum(SPECIFIED_INJURIES);

export const RIDDOR_DECISIONS = ['undecided', 'not_reportable', 'reportable'] as const;
export const RiddorDecisionSchema = z.enum(RIDDOR_DECISIONS);

const DateOnly = dateOnly();
const Text = (max: number) => text().trim().max(max, `is too long (at most ${max} characters)`);
const Required = (max: number) => Text(max).min(1, 'is required');
const Optional = (max: number) =>
  Text(max)
    .nullish()
    .transform((v) => (v ? v : null));

export const InjuryInputSchema = z.strictObject({
  type: Required(100),
  bodyPart: Required(100),
  side: z.enum(['left', 'right', 'both', 'centre']).nullish(),
});

export const FollowUpActionInputSchema = z.strictObject({
  description: Required(1000),
  owner: Required(200),
  dueOn: DateOnly.nullish(),
  done: z.boolean().optional(),
});

/**
 * The affected person: a directory entry, someone entered by hand, or a pupil or member of staff
 * named without the directory to hand (offline) and to be matched to their entry later, by
 * changing the incident's person to it.
 */
export const AffectedPersonInputSchema = z.discriminatedUnion(
  'kind',
  [
    z.strictObject({
      kind: z.literal('directory'),
      personId: z.uuid({ error: 'must be a person id' }),
    }),
    z.strictObject({
      kind: z.literal('manual'),
      personType: z.enum(MANUAL_PERSON_TYPES),
      name: Required(200),
      contact: Optional(200),
    }),
    z.strictObject({
      kind: z.literal('unmatched'),
      personType: z.enum(PERSON_TYPES),
      name: Required(200),
    }),
  ],
  { error: 'must be a directory person, a person entered by hand or one to match' },
);

export const RiddorInputSchema = z.strictObject({
  /** Arose out of or in connection with work (premises, equipment, supervision, activity). */
  workRelated: z.boolean().nullish(),
  workRelatedReason: Optional(1000),
  /** Non-workers: taken directly from the scene to hospital for treatment. */
  takenDirectlyToHospital: z.boolean().nullish(),
  specifiedInjury: SpecifiedInjurySchema.nullish(),
  /** Workers: first day away or unable to do their normal work (not the accident day). */
  incapacityStartDate: DateOnly.nullish(),
  /** Workers: consecutive days of incapacity, the accident day not counted. */
  incapacityDays: z.number().int().min(0).max(3650).nullish(),
  decision: RiddorDecisionSchema.optional(),
  reference: Optional(100),
  reportedOn: DateOnly.nullish(),
  reportedBy: Optional(200),
});

// Where it happened: a place of the school (locationId), a description (locationDetail), or both;
// at least one is required.
const incidentFields = {
  occurredAt: dateTime(),
  locationId: z.uuid({ error: 'must be a location id' }).nullish(),
  locationDetail: Optional(300),
  category: CategorySchema,
  description: Required(10_000),
  injuries: z.array(InjuryInputSchema).max(20).default([]),
  headInjury: z.boolean().default(false),
  firstAidGiven: z.boolean().default(false),
  firstAidBy: Optional(200),
  firstAidDetails: Optional(2000),
  outcome: OutcomeSchema,
  witnesses: Optional(2000),
  immediateActions: Optional(2000),
  followUpActions: z.array(FollowUpActionInputSchema).max(30).default([]),
  riddor: RiddorInputSchema.prefault({}),
};

export const CreateIncidentInputSchema = z.strictObject({
  schoolId: z.uuid({ error: 'must be a school id' }),
  person: AffectedPersonInputSchema,
  ...incidentFields,
});
export type CreateIncidentInput = z.input<typeof CreateIncidentInputSchema>;

/**
 * The header (IETF draft "The Idempotency-Key HTTP Header Field") an app sends with a create it
 * may have to retry, such as one queued while offline: the same key and body again answer 200
 * with the incident first logged, and `Idempotent-Replayed: true`, instead of a second one. A key
 * is the sender's own: another user's same key is another key. Reusing one for a different
 * body is refused (409).
 */
export const IDEMPOTENCY_KEY_HEADER = 'Idempotency-Key';
export const IDEMPOTENT_REPLAYED_HEADER = 'Idempotent-Replayed';
/** Long enough for a UUID or a random token; characters that need no quoting in a header. */
export const IdempotencyKeySchema = text().regex(
  /^[A-Za-z0-9._:-]{16,200}$/,
  'must be 16 to 200 letters, digits or . _ : -',
);

/** Any subset of the fields; `version` is the one the editor started from (409 if stale). */
export const UpdateIncidentInputSchema = z.strictObject({
  version: z.number().int().positive(),
  person: AffectedPersonInputSchema.optional(),
  occurredAt: incidentFields.occurredAt.optional(),
  locationId: incidentFields.locationId,
  locationDetail: Text(300).nullish(),
  category: CategorySchema.optional(),
  description: Required(10_000).optional(),
  injuries: z.array(InjuryInputSchema).max(20).optional(),
  headInjury: z.boolean().optional(),
  firstAidGiven: z.boolean().optional(),
  firstAidBy: Text(200).nullish(),
  firstAidDetails: Text(2000).nullish(),
  outcome: OutcomeSchema.optional(),
  witnesses: Text(2000).nullish(),
  immediateActions: Text(2000).nullish(),
  followUpActions: z.array(FollowUpActionInputSchema).max(30).optional(),
  riddor: RiddorInputSchema.partial().optional(),
});
export type UpdateIncidentInput = z.input<typeof UpdateIncidentInputSchema>;

export const ChangeStatusInputSchema = z.strictObject({
  version: z.number().int().positive(),
  status: StatusSchema,
  /** Required to close: the manager's sign-off. */
  note: Optional(2000),
});
export type ChangeStatusInput = z.input<typeof ChangeStatusInputSchema>;

export const RiddorAssessmentSchema = z.object({
  /** What the answers so far suggest. */
  suggestion: z.enum(['reportable', 'not_reportable', 'needs_answers']),
  /** Why, in one sentence. */
  reason: z.string(),
  /** The last day to report, when reportable. */
  deadline: DateOnly.nullable(),
  overdue: z.boolean(),
});
export type RiddorAssessment = z.infer<typeof RiddorAssessmentSchema>;

const Actor = z.object({ id: z.uuid(), name: z.string() }).nullable();

export const IncidentSchema = z.object({
  id: z.uuid(),
  number: z.number(),
  school: z.object({ id: z.uuid(), name: z.string() }),
  occurredAt: z.string(),
  reportedAt: z.string(),
  reportedBy: Actor,
  location: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  locationDetail: z.string().nullable(),
  category: CategorySchema,
  person: z.object({
    kind: PersonKindSchema,
    /** The directory entry, while it exists. */
    personId: z.uuid().nullable(),
    name: z.string(),
    yearGroup: z.string().nullable(),
    occupation: z.string().nullable(),
    contact: z.string().nullable(),
    /** Named without the directory (offline) and not yet matched to their entry. */
    unmatched: z.boolean(),
  }),
  description: z.string(),
  injuries: z.array(
    z.object({ type: z.string(), bodyPart: z.string(), side: z.string().nullable() }),
  ),
  headInjury: z.boolean(),
  firstAidGiven: z.boolean(),
  firstAidBy: z.string().nullable(),
  firstAidDetails: z.string().nullable(),
  outcome: OutcomeSchema,
  witnesses: z.string().nullable(),
  immediateActions: z.string().nullable(),
  followUpActions: z.array(
    z.object({
      description: z.string(),
      owner: z.string(),
      dueOn: z.string().nullable(),
      done: z.boolean(),
    }),
  ),
  status: StatusSchema,
  closedBy: Actor,
  closedAt: z.string().nullable(),
  closureNote: z.string().nullable(),
  riddor: z.object({
    workRelated: z.boolean().nullable(),
    workRelatedReason: z.string().nullable(),
    takenDirectlyToHospital: z.boolean().nullable(),
    specifiedInjury: SpecifiedInjurySchema.nullable(),
    incapacityStartDate: z.string().nullable(),
    incapacityDays: z.number().nullable(),
    decision: RiddorDecisionSchema,
    reference: z.string().nullable(),
    reportedOn: z.string().nullable(),
    reportedBy: z.string().nullable(),
    assessment: RiddorAssessmentSchema,
  }),
  version: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Incident = z.infer<typeof IncidentSchema>;

export const IncidentSummarySchema = IncidentSchema.pick({
  id: true,
  number: true,
  school: true,
  occurredAt: true,
  location: true,
  locationDetail: true,
  category: true,
  person: true,
  headInjury: true,
  outcome: true,
  status: true,
}).extend({
  riddor: z.object({ decision: RiddorDecisionSchema, assessment: RiddorAssessmentSchema }),
});
export type IncidentSummary = z.infer<typeof IncidentSummarySchema>;

const flag = z.enum(['true', 'false']).transform((v) => v === 'true');

export const IncidentFiltersSchema = z.object({
  schoolId: z.uuid().optional(),
  from: DateOnly.optional(),
  to: DateOnly.optional(),
  category: CategorySchema.optional(),
  status: StatusSchema.optional(),
  personType: PersonKindSchema.optional(),
  yearGroup: text().max(10).optional(),
  personId: z.uuid().optional(),
  /** Only incidents this user logged (a reporter's own recent incidents). */
  reportedBy: z.uuid().optional(),
  headInjury: flag.optional(),
  /** true: only incidents whose person is still to be matched to the directory. */
  unmatched: flag.optional(),
  /** awaiting: a RIDDOR decision is needed; overdue: reportable and past its deadline. */
  riddor: z.enum(['awaiting', 'overdue', 'reportable', 'reported']).optional(),
  q: text().trim().max(100).optional(),
});
export type IncidentFilters = z.input<typeof IncidentFiltersSchema>;

export const IncidentListQuerySchema = IncidentFiltersSchema.extend({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  /** The `nextCursor` of the previous page. */
  cursor: text().max(200).optional(),
});

export const IncidentListSchema = z.object({
  incidents: z.array(IncidentSummarySchema),
  nextCursor: z.string().nullable(),
  total: z.number(),
});

export const IncidentHistoryEntrySchema = z.object({
  at: z.string(),
  actor: Actor,
  action: z.string(),
  changes: z.record(z.string(), z.tuple([z.unknown(), z.unknown()])).nullable(),
});
export type IncidentHistoryEntry = z.infer<typeof IncidentHistoryEntrySchema>;

export const LocationSchema = z.object({
  id: z.uuid(),
  schoolId: z.uuid(),
  name: z.string(),
  archived: z.boolean(),
});
export type Location = z.infer<typeof LocationSchema>;

export const LocationInputSchema = z.strictObject({ name: Required(100) });
export const UpdateLocationInputSchema = z.strictObject({
  name: Required(100).optional(),
  archived: z.boolean().optional(),
});

/** Counts for the dashboard, over the filtered incidents. */
export const PatternsSchema = z.object({
  total: z.number(),
  byCategory: z.array(z.object({ key: CategorySchema, count: z.number() })),
  byLocation: z.array(z.object({ key: z.string(), count: z.number() })),
  byHour: z.array(z.object({ key: z.number(), count: z.number() })),
  byWeekday: z.array(z.object({ key: z.number(), count: z.number() })),
  byYearGroup: z.array(z.object({ key: z.string(), count: z.number() })),
  bySchool: z.array(z.object({ key: z.string(), name: z.string(), count: z.number() })),
  /** People at or over the repeat threshold within the window. */
  repeatPeople: z.array(
    z.object({ personId: z.uuid(), name: z.string(), schoolName: z.string(), count: z.number() }),
  ),
});
export type Patterns = z.infer<typeof PatternsSchema>;

export const PersonSchema = z.object({
  id: z.uuid(),
  type: z.enum(PERSON_TYPES),
  firstName: z.string(),
  lastName: z.string(),
  school: z.object({ id: z.uuid(), name: z.string() }),
  yearGroup: z.string().nullable(),
  occupation: z.string().nullable(),
  status: z.enum(PERSON_STATUSES),
  removed: z.boolean(),
  incidentCount: z.number(),
  /** At or over the repeat threshold: N incidents within the window. */
  repeat: z.object({
    flagged: z.boolean(),
    count: z.number(),
    threshold: z.number(),
    windowDays: z.number(),
  }),
});
export type Person = z.infer<typeof PersonSchema>;
