import type {
  SimContact,
  SimEmployee,
  SimPersonBase,
  SimSchool,
  SimStudent,
  WondeDataset,
} from './dataset.types';
import type { IdAllocator } from './id-allocator.lib';
import { createIdAllocator } from './id-allocator.lib';
import type { SimClock } from './sim-clock.lib';
import { createSimClock } from './sim-clock.lib';
import type { SeededRandom } from './seeded-random.lib';

/** A school's relation to the partner account, as Wonde's school lists show it. */
export type AccessState = 'none' | 'pending' | 'approved' | 'declined' | 'revoked';

export type PersonKind = 'student' | 'employee' | 'contact';

export type PersonOfKind = { student: SimStudent; employee: SimEmployee; contact: SimContact };

/**
 * Fields a school can withhold from the partner. A withheld person field is sent as `null`;
 * a withheld to-one include keeps its shape with every value `null`; a to-many include is empty.
 */
export const SCOPED_FIELDS = [
  'students.date_of_birth',
  'students.gender',
  'students.education_details',
  'students.extended_details',
  'students.contact_details',
  'students.contacts',
  'students.year',
  'employees.date_of_birth',
  'employees.gender',
  'employees.contact_details',
  'employees.employment_details',
  'employees.roles',
  'employees.next_of_kin',
  'contacts.date_of_birth',
  'contacts.gender',
  'contacts.contact_details',
] as const;

export type ScopedField = (typeof SCOPED_FIELDS)[number];

export type DeletionRecord = {
  id: string;
  type: PersonKind;
  misId: string;
  deletedAt: string;
  restoredAt: string | null;
};

/** Live people of one kind; deleted ones wait in `removed` so that they can be restored. */
export type PersonTable<T extends SimPersonBase> = {
  live: T[];
  byId: Map<string, T>;
  removed: Map<string, T>;
};

export type AccessRequestContact = {
  first_name?: string;
  last_name?: string;
  phone_number?: string;
  email_address?: string;
  notes?: string;
};

export type SchoolRecord = {
  /** The school's dataset object; its people arrays are the live tables' arrays. */
  school: SimSchool;
  access: AccessState;
  audited: boolean;
  /** The per-school token; only valid while the school is approved. */
  token: string | null;
  approvedAt: string | null;
  deniedFields: Set<ScopedField>;
  accessRequestContacts: AccessRequestContact[];
  people: { [K in PersonKind]: PersonTable<PersonOfKind[K]> };
  /** One entry per deleted person, in order of first deletion. */
  deletions: Map<string, DeletionRecord>;
};

export type SimState = {
  seed: string;
  asOf: string;
  trust: WondeDataset['trust'];
  schools: SchoolRecord[];
  schoolsById: Map<string, SchoolRecord>;
  partnerToken: string;
  clock: SimClock;
  ids: IdAllocator;
  /** For tokens and people added at run time; seeded, so runs repeat. */
  rng: SeededRandom;
};

export type InitialAccess = AccessState | Readonly<Record<string, AccessState>>;

function tableOf<T extends SimPersonBase>(live: T[]): PersonTable<T> {
  return { live, byId: new Map(live.map((person) => [person.id, person])), removed: new Map() };
}

function latestTimestamp(dataset: WondeDataset): string {
  let latest = '1970-01-01T00:00:00.000Z';
  for (const school of dataset.schools) {
    if (school.createdAt > latest) latest = school.createdAt;
    for (const list of [school.students, school.employees, school.contacts]) {
      for (const person of list) if (person.updatedAt > latest) latest = person.updatedAt;
    }
  }
  return latest;
}

function reserveIds(ids: IdAllocator, dataset: WondeDataset): void {
  for (const school of dataset.schools) {
    ids.reserve(school.id);
    for (const group of school.yearGroups) ids.reserve(group.id);
    for (const person of [...school.students, ...school.contacts]) ids.reserve(person.id);
    for (const employee of school.employees) {
      ids.reserve(employee.id);
      for (const role of employee.roles) {
        ids.reserve(role.id);
        ids.reserve(role.contractId);
      }
      for (const kin of employee.nextOfKin) ids.reserve(kin.id);
    }
  }
}

/**
 * Builds the simulator's mutable state around a dataset, which it takes ownership of.
 * Schools that start approved get a per-school token at once.
 */
export function createSimState(input: {
  dataset: WondeDataset;
  rng: SeededRandom;
  partnerToken?: string;
  initialAccess?: InitialAccess;
  now: () => Date;
}): SimState {
  const { dataset, rng } = input;
  const ids = createIdAllocator(rng.fork('ids'));
  reserveIds(ids, dataset);
  const tokenRng = rng.fork('tokens');
  const partnerToken = input.partnerToken ?? tokenRng.hex(40);
  const clock = createSimClock(input.now, latestTimestamp(dataset));
  const accessFor = (schoolId: string): AccessState => {
    const initial = input.initialAccess ?? 'approved';
    return typeof initial === 'string' ? initial : (initial[schoolId] ?? 'none');
  };

  const schools = dataset.schools.map((school): SchoolRecord => {
    const access = accessFor(school.id);
    const isApproved = access === 'approved';
    return {
      school,
      access,
      audited: isApproved,
      token: isApproved ? tokenRng.hex(40) : null,
      approvedAt: isApproved ? school.createdAt : null,
      deniedFields: new Set(),
      accessRequestContacts: [],
      people: {
        student: tableOf(school.students),
        employee: tableOf(school.employees),
        contact: tableOf(school.contacts),
      },
      deletions: new Map(),
    };
  });

  return {
    seed: dataset.seed,
    asOf: dataset.asOf,
    trust: dataset.trust,
    schools,
    schoolsById: new Map(schools.map((record) => [record.school.id, record])),
    partnerToken,
    clock,
    ids,
    rng: rng.fork('runtime'),
  };
}

/** Who is calling: the partner's application token or one school's token. */
export type Caller = { kind: 'partner' } | { kind: 'school'; schoolId: string };

export function findCallerByToken(state: SimState, token: string): Caller | null {
  if (token === state.partnerToken) return { kind: 'partner' };
  for (const record of state.schools) {
    if (record.token !== null && record.token === token && record.access === 'approved') {
      return { kind: 'school', schoolId: record.school.id };
    }
  }
  return null;
}
