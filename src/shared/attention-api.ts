import { z } from 'zod';
import { IncidentSummarySchema } from './incidents-api';

/** A list of what needs someone, with how many there are in all (the list shows the first). */
const IncidentsNeeding = z.object({ total: z.number(), incidents: z.array(IncidentSummarySchema) });

export const SCHOOL_PROBLEMS = [
  'awaiting_approval',
  'access_revoked',
  'access_declined',
  'connection_error',
  'sync_failed',
] as const;

/** What managers and admins should act on, in their schools, each with where it is resolved. */
export const AttentionSchema = z.object({
  /** RIDDOR: a decision is needed (Plaster suggests reportable, or needs answers). */
  riddorDecisions: IncidentsNeeding,
  /** RIDDOR: treated as reportable, not yet reported, past the deadline. */
  riddorOverdue: IncidentsNeeding,
  /** Head injuries not closed whose family no email has gone to. */
  headInjuriesUntold: IncidentsNeeding,
  /** Open or under review for longer than `openAfterDays`. */
  openTooLong: IncidentsNeeding,
  openAfterDays: z.number(),
  /** Incidents with an email that could not be delivered, or that may not have been. */
  emailsFailed: IncidentsNeeding,
  /** Schools whose Wonde link needs an admin (only for those who manage Wonde). */
  schools: z.array(
    z.object({
      school: z.object({ id: z.uuid(), name: z.string() }),
      problem: z.enum(SCHOOL_PROBLEMS),
      since: z.string(),
      detail: z.string().nullable(),
    }),
  ),
});
export type Attention = z.infer<typeof AttentionSchema>;
