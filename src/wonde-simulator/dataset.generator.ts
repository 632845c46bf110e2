import { createHash } from 'node:crypto';
import { parseYmd } from './calendar.lib';
import type { SchoolPhase, SimSchool, WondeDataset } from './dataset.types';
import { generateEmployees } from './employee.factory';
import { createSchoolContext } from './generation-context.lib';
import { createIdAllocator } from './id-allocator.lib';
import { TOWNS } from './name-pools.data';
import { generatePupils } from './pupil.factory';
import { buildSchoolBasics, buildYearGroups, createSchoolRegistry } from './school.factory';
import { createSeededRandom } from './seeded-random.lib';

/** A fixed day, so that the same seed gives the same data whenever it runs. */
export const DEFAULT_AS_OF = '2026-10-01';

export type SchoolSpec = {
  phase?: SchoolPhase;
  /** Number on roll, nursery and sixth form included. */
  pupils?: number;
  /** Defaults to about one per 12 pupils. */
  employees?: number;
  name?: string;
  hasNursery?: boolean;
  hasSixthForm?: boolean;
};

export type GenerateWondeDatasetOptions = {
  /** Same seed, same options → the same dataset, byte for byte. Default 1. */
  seed?: number | string;
  /** A count, or one spec per school. Default 1. */
  schools?: number | readonly SchoolSpec[];
  /** Name of the multi-academy trust the schools belong to; `null` for unrelated schools. */
  trust?: string | null;
  /** The day the data describes (`YYYY-MM-DD`). Default {@link DEFAULT_AS_OF}. */
  asOf?: string;
};

function checkCount(name: string, value: number): number {
  if (!Number.isInteger(value) || value < 0)
    throw new RangeError(`${name} must be a whole number, got ${String(value)}`);
  return value;
}

function phaseFor(index: number, rng: ReturnType<typeof createSeededRandom>): SchoolPhase {
  // The first two schools cover both phases; the rest follow England's rough 3:1 mix of schools.
  if (index === 0) return 'PRIMARY';
  if (index === 1) return 'SECONDARY';
  return rng.chance(0.75) ? 'PRIMARY' : 'SECONDARY';
}

/**
 * Generates schools, pupils, contacts and staff as plain objects. Pure and deterministic: no
 * clock, no Math.random, no I/O. A trust of ~70 mixed schools is about 100,000 people.
 */
export function generateWondeDataset(options: GenerateWondeDatasetOptions = {}): WondeDataset {
  const seed = String(options.seed ?? 1);
  const asOf = options.asOf ?? DEFAULT_AS_OF;
  parseYmd(asOf);
  const rootRng = createSeededRandom(seed);
  const ids = createIdAllocator(rootRng.fork('ids'));
  const registry = createSchoolRegistry();
  const trustName = options.trust ?? null;
  const specs: readonly SchoolSpec[] =
    typeof options.schools === 'number' || options.schools === undefined
      ? Array.from({ length: checkCount('schools', options.schools ?? 1) }, () => ({}))
      : options.schools;
  for (const spec of specs) {
    if (spec.pupils !== undefined) checkCount('pupils', spec.pupils);
    if (spec.employees !== undefined) checkCount('employees', spec.employees);
  }
  const layoutRng = rootRng.fork('layout');
  // A trust is regional: its schools share one or two towns.
  const trustTowns = [layoutRng.pick(TOWNS), layoutRng.pick(TOWNS)];

  const schools: SimSchool[] = specs.map((spec, index) => {
    const rng = rootRng.fork(`school:${index}`);
    const phase = spec.phase ?? phaseFor(index, layoutRng);
    const town = trustName ? rng.pick(trustTowns) : rng.pick(TOWNS);
    const basics = buildSchoolBasics(
      rng,
      ids,
      registry,
      {
        phase,
        name: spec.name,
        hasNursery: spec.hasNursery,
        hasSixthForm: spec.hasSixthForm,
        isAcademy: trustName !== null,
        town,
      },
      asOf,
    );
    const ctx = createSchoolContext({
      rng,
      ids,
      asOf,
      phase,
      years: basics.years,
      locality: basics.locality,
      slug: basics.slug,
      laCode: basics.laCode,
      establishmentNumber: basics.establishmentNumber,
      schoolCreatedAtMs: basics.createdAtMs,
    });
    const pupilCount =
      spec.pupils ?? (phase === 'PRIMARY' ? rng.int(200, 450) : rng.int(900, 1800));
    const staffCount =
      spec.employees ?? Math.max(3, Math.round((pupilCount / 12) * (0.85 + rng.next() * 0.3)));
    const yearGroups = buildYearGroups(
      rng,
      ids,
      basics.years,
      basics.createdAtMs,
      ctx.nextMisId,
      asOf,
    );
    const { students, contacts } = generatePupils(ctx, pupilCount);
    const employees = generateEmployees(ctx, staffCount);
    return {
      id: basics.id,
      name: basics.name,
      urn: basics.urn,
      establishmentNumber: basics.establishmentNumber,
      laCode: basics.laCode,
      phase,
      mis: basics.mis,
      timezone: 'Europe/London',
      address: basics.address,
      email: basics.email,
      phoneNumber: basics.phoneNumber,
      yearGroups,
      students,
      employees,
      contacts,
      createdAt: new Date(basics.createdAtMs).toISOString(),
    };
  });

  return { seed, asOf, trust: trustName === null ? null : { name: trustName }, schools };
}

/** SHA-256 over the dataset's JSON, school by school so that large trusts never build one huge string. */
export function hashWondeDataset(dataset: WondeDataset): string {
  const hash = createHash('sha256');
  hash.update(JSON.stringify({ seed: dataset.seed, asOf: dataset.asOf, trust: dataset.trust }));
  for (const school of dataset.schools) hash.update(JSON.stringify(school));
  return hash.digest('hex');
}

/** Number of people (pupils, staff and contacts) in a dataset. */
export function countPeople(dataset: WondeDataset): number {
  return dataset.schools.reduce(
    (sum, school) =>
      sum + school.students.length + school.employees.length + school.contacts.length,
    0,
  );
}
