import { NC_YEARS, ncYearName, parseYmd } from './calendar.lib';
import type { NcYear, SchoolPhase, SimYearGroup } from './dataset.types';
import type { IdAllocator } from './id-allocator.lib';
import { PLACE_NAMES, SAINT_NAMES, STREET_NAMES } from './name-pools.data';
import type { Town } from './name-pools.data';
import { emailSlug, landlineNumber, postcodeIn } from './person-details.factory';
import type { Locality } from './person-details.factory';
import type { SeededRandom } from './seeded-random.lib';

export type SchoolBasics = {
  id: string;
  name: string;
  slug: string;
  urn: number;
  establishmentNumber: string;
  laCode: string;
  phase: SchoolPhase;
  mis: string;
  years: NcYear[];
  locality: Locality;
  address: { line1: string; line2: string | null; town: string; postcode: string };
  email: string;
  phoneNumber: string;
  createdAtMs: number;
};

export type SchoolBasicsInput = {
  phase: SchoolPhase;
  name?: string;
  hasNursery?: boolean;
  hasSixthForm?: boolean;
  isAcademy: boolean;
  town: Town;
};

/** Keeps URNs, establishment numbers and names unique across one dataset. */
export type SchoolRegistry = { urns: Set<number>; establishments: Set<string>; names: Set<string> };

export function createSchoolRegistry(): SchoolRegistry {
  return { urns: new Set(), establishments: new Set(), names: new Set() };
}

function schoolName(rng: SeededRandom, phase: SchoolPhase, isAcademy: boolean): string {
  const place = rng.pick(PLACE_NAMES);
  const saint = rng.pick(SAINT_NAMES);
  if (phase === 'PRIMARY') {
    return rng.weighted([
      [`${place} Primary School`, isAcademy ? 2 : 6],
      [`${place} Primary Academy`, isAcademy ? 5 : 0],
      [`${saint} C of E Primary School`, 2],
      [`${saint} Catholic Primary School`, 1.5],
      [`${place} Infant and Nursery School`, 0.7],
      [`${place} Community Primary School`, 1],
    ] as const);
  }
  return rng.weighted([
    [`${place} High School`, 3],
    [`${place} Academy`, isAcademy ? 4 : 1],
    [`${saint} Catholic High School`, 1],
    [`The ${place} School`, 1.5],
    [`${place} Community College`, 1],
  ] as const);
}

function yearsFor(
  phase: SchoolPhase,
  hasNursery: boolean,
  hasSixthForm: boolean,
  hasN1: boolean,
): NcYear[] {
  if (phase === 'SECONDARY') {
    return NC_YEARS.filter((year) => {
      const n = Number(year);
      return n >= 7 && (n <= 11 || hasSixthForm);
    });
  }
  return NC_YEARS.filter((year) => {
    if (year === 'N1') return hasNursery && hasN1;
    if (year === 'N2') return hasNursery;
    return year === 'R' || (Number(year) >= 1 && Number(year) <= 6);
  });
}

export function buildSchoolBasics(
  rng: SeededRandom,
  ids: IdAllocator,
  registry: SchoolRegistry,
  input: SchoolBasicsInput,
  asOf: string,
): SchoolBasics {
  let name = input.name ?? schoolName(rng, input.phase, input.isAcademy);
  for (
    let tries = 0;
    input.name === undefined && registry.names.has(name) && tries < 50;
    tries += 1
  ) {
    name = schoolName(rng, input.phase, input.isAcademy);
  }
  registry.names.add(name);

  let urn = rng.int(100000, 149999);
  while (registry.urns.has(urn)) urn = rng.int(100000, 149999);
  registry.urns.add(urn);

  // Establishment numbers are unique within a local authority; 2xxx/3xxx primary, 4xxx/5xxx secondary.
  const base = input.phase === 'PRIMARY' ? 2000 : 4000;
  let establishmentNumber = String(rng.int(base, base + 1999));
  while (registry.establishments.has(`${input.town.laCode}/${establishmentNumber}`)) {
    establishmentNumber = String(rng.int(base, base + 1999));
  }
  registry.establishments.add(`${input.town.laCode}/${establishmentNumber}`);

  const hasNursery = input.hasNursery ?? (input.phase === 'PRIMARY' && rng.chance(0.6));
  const hasSixthForm = input.hasSixthForm ?? (input.phase === 'SECONDARY' && rng.chance(0.65));
  const locality: Locality = { town: input.town.town, outwardCodes: input.town.outward };
  const slug = emailSlug(
    name.replace(/ (School|Academy|C of E|Catholic|Community|College)/g, '').replace(/ /g, '-'),
  );
  const asOfMs = parseYmd(asOf);
  return {
    id: ids.nextWondeId(),
    name,
    slug,
    urn,
    establishmentNumber,
    laCode: input.town.laCode,
    phase: input.phase,
    mis: rng.weighted([
      ['SIMS', 50],
      ['Arbor', 25],
      ['Bromcom', 15],
      ['ScholarPack', input.phase === 'PRIMARY' ? 10 : 0],
    ] as const),
    years: yearsFor(input.phase, hasNursery, hasSixthForm, rng.chance(0.2)),
    locality,
    address: {
      line1: rng.pick(STREET_NAMES),
      line2: rng.chance(0.3) ? rng.pick(PLACE_NAMES) : null,
      town: input.town.town,
      postcode: postcodeIn(rng, locality),
    },
    email: `office@${slug}.example.org`,
    phoneNumber: landlineNumber(rng),
    // Schools joined Wonde between six years and two months before the data's day.
    createdAtMs: asOfMs - rng.int(60, 6 * 365) * 86_400_000 + rng.int(0, 86_399_999),
  };
}

export function buildYearGroups(
  rng: SeededRandom,
  ids: IdAllocator,
  years: readonly NcYear[],
  createdAtMs: number,
  nextMisId: () => string,
  asOf: string,
): SimYearGroup[] {
  const updatedMs = Math.max(createdAtMs, parseYmd(asOf) - rng.int(1, 60) * 86_400_000);
  return years.map((ncYear) => ({
    id: ids.nextWondeId(),
    misId: nextMisId(),
    ncYear,
    name: ncYearName(ncYear),
    createdAt: new Date(createdAtMs).toISOString(),
    updatedAt: new Date(updatedMs).toISOString(),
  }));
}
