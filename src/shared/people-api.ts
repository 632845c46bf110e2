/** API contracts of the people directory: the affected-person search. */
import { z } from 'zod';
import { text } from './fields';

/** Who the directory holds: pupils and staff. */
export const PERSON_TYPES = ['pupil', 'staff'] as const;
/** Leavers (and staff no longer employed) are `left`. */
export const PERSON_STATUSES = ['current', 'left'] as const;

const flag = z
  .enum(['true', 'false', '1', '0'], { error: 'must be true or false' })
  .transform((v) => v === 'true' || v === '1');

export const PersonSearchQuerySchema = z.object({
  /** What the user typed: any part of forename, surname or legal name, in any order. */
  q: text().trim().min(1, 'is required').max(100, 'is too long'),
  schoolId: z.uuid({ error: 'must be a school id' }).optional(),
  type: z.enum(PERSON_TYPES).optional(),
  /** Leavers (and staff no longer employed) are left out unless asked for. */
  includeLeavers: flag.optional(),
  limit: z.coerce.number().int().min(1).max(50).default(10),
});
export type PersonSearchQuery = z.input<typeof PersonSearchQuerySchema>;

export const PersonSearchResultSchema = z.object({
  id: z.uuid(),
  type: z.enum(PERSON_TYPES),
  firstName: z.string(),
  lastName: z.string(),
  schoolId: z.uuid(),
  schoolName: z.string(),
  /** Pupils: National Curriculum year as the MIS gives it ("R", "7", "N2"). */
  yearGroup: z.string().nullable(),
  /** Staff: job title. */
  occupation: z.string().nullable(),
  status: z.enum(PERSON_STATUSES),
  /** Incidents logged against this person. */
  incidentCount: z.number(),
  /** At or over the organisation's repeat threshold within its window. */
  repeat: z.boolean(),
});
export type PersonSearchResult = z.infer<typeof PersonSearchResultSchema>;

export const PersonSearchResponseSchema = z.object({ results: z.array(PersonSearchResultSchema) });
