import { academicYearStart, parseYmd } from './calendar.lib';
import type { NcYear, SchoolPhase } from './dataset.types';
import type { IdAllocator } from './id-allocator.lib';
import type { Locality } from './person-details.factory';
import type { SeededRandom } from './seeded-random.lib';

/** What the person factories need to know about the school they are filling. */
export type SchoolContext = {
  rng: SeededRandom;
  ids: IdAllocator;
  /** `YYYY-MM-DD`; generated timestamps all fall before this day starts (UTC). */
  asOf: string;
  /** Calendar year in which the current academic year began. */
  startYear: number;
  phase: SchoolPhase;
  years: readonly NcYear[];
  locality: Locality;
  /** Lower-case ASCII fragment used in school email domains. */
  slug: string;
  laCode: string;
  establishmentNumber: string;
  /** When the school joined Wonde; no record was created before it. */
  schoolCreatedAtMs: number;
  nextMisId: () => string;
  nextAdmissionNumber: () => string;
};

export type SchoolContextInput = Omit<
  SchoolContext,
  'startYear' | 'nextMisId' | 'nextAdmissionNumber'
> & {
  /** Continue numbering after these when adding people to an existing school. */
  lastMisId?: number;
  lastAdmissionNumber?: number;
};

export function createSchoolContext(input: SchoolContextInput): SchoolContext {
  const { lastMisId, lastAdmissionNumber, ...rest } = input;
  let misId = lastMisId ?? input.rng.int(1000, 9000);
  let admission = lastAdmissionNumber ?? input.rng.int(1, 3000);
  return {
    ...rest,
    startYear: academicYearStart(input.asOf),
    nextMisId: () => String((misId += input.rng.int(1, 3))),
    nextAdmissionNumber: () => String((admission += 1)).padStart(6, '0'),
  };
}

const HOUR_MS = 3_600_000;

/**
 * Created and updated timestamps for a record that existed from `fromMs`. MIS records are
 * touched by nightly syncs and edits, so `updatedAt` leans towards the recent past.
 */
export function recordTimestamps(
  ctx: SchoolContext,
  fromMs: number,
): { createdAt: string; updatedAt: string } {
  const endMs = parseYmd(ctx.asOf) - 1;
  const startMs = Math.min(Math.max(fromMs, ctx.schoolCreatedAtMs), endMs - 48 * HOUR_MS);
  const createdMs = startMs + Math.floor(ctx.rng.next() * 8 * HOUR_MS);
  const span = endMs - createdMs;
  const updatedMs = endMs - Math.floor(span * ctx.rng.next() ** 3);
  return {
    createdAt: new Date(createdMs).toISOString(),
    updatedAt: new Date(Math.max(updatedMs, createdMs)).toISOString(),
  };
}
