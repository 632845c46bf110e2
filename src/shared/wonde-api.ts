/** API contracts of a school's Wonde connection and its sync runs. */
import { z } from 'zod';
import { text } from './fields';

/** The states of a school's Wonde connection, once it has one. */
export const CONNECTION_STATES = ['pending', 'approved', 'declined', 'revoked', 'error'] as const;
export const ConnectionStateSchema = z.enum(['not_connected', ...CONNECTION_STATES]);
export type ConnectionState = z.infer<typeof ConnectionStateSchema>;

export const SYNC_MODES = ['full', 'delta'] as const;
export const SYNC_STATUSES = ['queued', 'running', 'succeeded', 'failed'] as const;

export const SyncRunSchema = z.object({
  id: z.uuid(),
  schoolId: z.uuid(),
  mode: z.enum(SYNC_MODES),
  status: z.enum(SYNC_STATUSES),
  /** approval, schedule, nightly, manual, command line */
  trigger: z.string(),
  queuedAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  /** The listing being read: students, employees, deletions, or finishing. */
  phase: z.string().nullable(),
  attempts: z.number(),
  pagesFetched: z.number(),
  peopleSeen: z.number(),
  counts: z.object({
    created: z.number(),
    updated: z.number(),
    unchanged: z.number(),
    left: z.number(),
    removed: z.number(),
    restored: z.number(),
  }),
  error: z.string().nullable(),
});
export type SyncRun = z.infer<typeof SyncRunSchema>;

export const WondeConnectionSchema = z.object({
  schoolId: z.uuid(),
  state: ConnectionStateSchema,
  /** False when this Plaster has no Wonde partner token: connecting is unavailable. */
  wondeAvailable: z.boolean(),
  wondeSchoolId: z.string().nullable(),
  wondeSchoolName: z.string().nullable(),
  wondeSchoolAddress: z.string().nullable(),
  /** Why it was declined or revoked, or what went wrong. */
  stateReason: z.string().nullable(),
  requestedAt: z.string().nullable(),
  stateChangedAt: z.string().nullable(),
  /** Start of the last successful sync. */
  lastSyncedAt: z.string().nullable(),
  /**
   * Access revoked or declined: when the synced directory is removed and the Wonde school let
   * go, unless the school approves again first.
   */
  releasesAt: z.string().nullable(),
  directory: z.object({ pupils: z.number(), staff: z.number(), left: z.number() }),
  /** The run queued or running now, if any. */
  liveRun: SyncRunSchema.nullable(),
  recentRuns: z.array(SyncRunSchema),
});
export type WondeConnection = z.infer<typeof WondeConnectionSchema>;

const Urn = text()
  .trim()
  .regex(/^\d{6}$/, 'must be the six-digit DfE URN');
const WondeSchoolId = text()
  .trim()
  .regex(/^A\d{9,10}$/, 'must be a Wonde school id such as A1930499544');

/** Find by URN or by Wonde school id; exactly one of the two. */
export const WondeLookupInputSchema = z.union(
  [z.strictObject({ urn: Urn }), z.strictObject({ wondeSchoolId: WondeSchoolId })],
  { error: 'give either urn or wondeSchoolId' },
);
export type WondeLookupInput = z.infer<typeof WondeLookupInputSchema>;

export const WondeSchoolCandidateSchema = z.object({
  wondeSchoolId: z.string(),
  name: z.string(),
  urn: z.string().nullable(),
  address: z.string().nullable(),
});
export type WondeSchoolCandidate = z.infer<typeof WondeSchoolCandidateSchema>;

export const WondeLookupResultSchema = z.object({
  candidates: z.array(WondeSchoolCandidateSchema),
});

export const SyncRequestInputSchema = z.strictObject({
  mode: z.enum(['delta', 'full']).default('delta'),
});

export const SyncRequestResultSchema = z.object({
  syncRunId: z.uuid(),
  /** False when a run was already queued or running: that one is returned. */
  isNew: z.boolean(),
});
