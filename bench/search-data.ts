/**
 * The people search benchmark's data: a generated trust, mapped as the sync maps Wonde's answers
 * and written as the sync writes them.
 */
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { Db } from '../src/server/db/client';
import { incidents } from '../src/server/db/schema';
import { createOrganisation } from '../src/server/features/organisations/create-organisation';
import { upsertPeople } from '../src/server/features/people/people.service';
import { insertSchool } from '../src/server/features/schools/schools.repo';
import { createUser } from '../src/server/features/users/users.service';
import {
  pupilFromWonde,
  staffFromWonde,
  type PersonFields,
} from '../src/server/features/wonde/person-mapping';
import { INCLUDES } from '../src/server/features/wonde/wonde-client';
import { EmployeeSchema, StudentSchema } from '../src/server/features/wonde/wonde-responses';
import {
  createSeededRandom,
  generateWondeDataset,
  type GenerateWondeDatasetOptions,
  type WondeDataset,
} from '../src/wonde-simulator/index';
import { createSimState } from '../src/wonde-simulator/sim-state.store';
import {
  parseIncludes,
  presentEmployee,
  presentStudent,
} from '../src/wonde-simulator/wonde-json.presenter';

export const SEED = 'plaster-search-bench';
/** 160 mixed schools: about 93,600 pupils and 7,700 staff (contacts are not in the directory). */
export const SCHOOLS = 160;
export const TRUST = 'Kestrel Learning Trust';
/** People per upsertPeople call and transaction: a page of Wonde's listing as the sync reads it. */
export const PAGE_SIZE = 200;
/** Incidents logged against people, so that the incident counts of each search find some. */
export const INCIDENTS = 10_000;

/** One person of the directory as the queries see them: names, school and status. */
export type BenchPerson = Pick<
  PersonFields,
  'type' | 'firstName' | 'lastName' | 'legalFirstName' | 'legalLastName' | 'status' | 'wondeId'
> & { schoolIndex: number };

export type BenchSchool = {
  wondeId: string;
  name: string;
  urn: string;
  phase: 'PRIMARY' | 'SECONDARY';
  /** In the order of the dataset: pupils then staff, as the sync reads them. */
  people: PersonFields[];
};

export type BenchTrust = {
  dataset: WondeDataset;
  schools: BenchSchool[];
  people: BenchPerson[];
  pupils: number;
  staff: number;
  generateMs: number;
};

/**
 * What the benchmark keeps once the trust is loaded: the names the queries are made of and the
 * schools' sizes. The generated data itself (half a gigabyte of objects) is let go, so that its
 * garbage collection does not land in the measurements.
 */
export type TrustSummary = {
  people: BenchPerson[];
  schools: Array<{ name: string; people: number }>;
  pupils: number;
  staff: number;
  generateMs: number;
};

/**
 * The trust in Wonde's wire shapes, read back through Plaster's own response schemas and person
 * mapping: what `runSync` would write from the simulator's pages, without the HTTP in between.
 * Leaving dates are compared with the dataset's own day, so the ~2% of leavers it describes are
 * leavers here too. Another dataset (the demo's, for the browser benchmark) by `options`.
 */
export function buildTrust(
  options: GenerateWondeDatasetOptions & { seed: string } = {
    seed: SEED,
    schools: SCHOOLS,
    trust: TRUST,
  },
): BenchTrust {
  const started = performance.now();
  const dataset = generateWondeDataset(options);
  const state = createSimState({
    dataset,
    rng: createSeededRandom(options.seed),
    now: () => new Date(`${dataset.asOf}T12:00:00Z`),
  });
  const studentIncludes = parseIncludes([INCLUDES.students]);
  const employeeIncludes = parseIncludes([INCLUDES.employees]);
  const origin = 'http://127.0.0.1';
  const schools: BenchSchool[] = [];
  const people: BenchPerson[] = [];
  let pupils = 0;
  let staff = 0;
  for (const [schoolIndex, record] of state.schools.entries()) {
    const { school } = record;
    const mapped: PersonFields[] = [
      ...school.students.map((s) =>
        pupilFromWonde(
          StudentSchema.parse(presentStudent({ record, includes: studentIncludes, origin }, s)),
          dataset.asOf,
        ),
      ),
      ...school.employees.map((e) =>
        staffFromWonde(
          EmployeeSchema.parse(presentEmployee({ record, includes: employeeIncludes, origin }, e)),
          dataset.asOf,
        ),
      ),
    ];
    pupils += school.students.length;
    staff += school.employees.length;
    schools.push({
      wondeId: school.id,
      name: school.name,
      urn: String(school.urn),
      phase: school.phase,
      people: mapped,
    });
    for (const p of mapped) {
      people.push({
        type: p.type,
        wondeId: p.wondeId,
        firstName: p.firstName,
        lastName: p.lastName,
        legalFirstName: p.legalFirstName,
        legalLastName: p.legalLastName,
        status: p.status,
        schoolIndex,
      });
    }
  }
  return { dataset, schools, people, pupils, staff, generateMs: performance.now() - started };
}

export type LoadedTrust = {
  organisationId: string;
  /** Database ids, in the order of `BenchTrust.schools`. */
  schoolIds: string[];
  userEmail: string;
  userPassword: string;
  incidents: number;
  loadMs: number;
  analyzeMs: number;
};

/**
 * Generates the trust, then writes one organisation, its schools, and every school's people
 * through `upsertPeople`, a page of 200 per transaction (pupils first, then staff, as the sync
 * reads them); a few incidents; then `ANALYZE`. Also an admin of the whole trust, for the HTTP
 * part.
 */
export async function loadTrust(
  db: Db,
  analyze: () => Promise<void>,
  progress: (line: string) => void,
): Promise<{ trust: TrustSummary; loaded: LoadedTrust }> {
  const trust = buildTrust();
  progress(`  generated ${trust.people.length} people in ${Math.round(trust.generateMs)} ms`);
  const started = performance.now();
  const organisation = await createOrganisation(db, { name: TRUST, kind: 'trust' });
  const userEmail = 'bench-search@school.example';
  const userPassword = 'bench search password of enough length';
  const user = await createUser(db, organisation.id, null, {
    email: userEmail,
    name: 'Bench Search',
    role: 'admin',
    allSchools: true,
    schoolIds: [],
    password: userPassword,
  });

  const schoolIds: string[] = [];
  const personIds: Array<{ id: string; schoolId: string; name: string; type: 'pupil' | 'staff' }> =
    [];
  for (const [index, school] of trust.schools.entries()) {
    const row = await insertSchool(db, {
      organisationId: organisation.id,
      name: school.name,
      urn: school.urn,
      wondeSchoolId: school.wondeId,
    });
    schoolIds.push(row.id);
    const target = { organisationId: organisation.id, schoolId: row.id, runId: randomUUID() };
    for (let from = 0; from < school.people.length; from += PAGE_SIZE) {
      const page = school.people.slice(from, from + PAGE_SIZE);
      await db.transaction((tx) => upsertPeople(tx, target, page));
    }
    if ((index + 1) % 20 === 0 || index + 1 === trust.schools.length) {
      progress(`  schools ${index + 1}/${trust.schools.length}`);
    }
  }

  // Ids of the people just written, to log incidents against a deterministic sample of them.
  const rows = await db.query.people.findMany({
    columns: {
      id: true,
      schoolId: true,
      firstName: true,
      lastName: true,
      type: true,
      wondeId: true,
    },
  });
  const byWondeId = new Map(rows.map((r) => [`${r.schoolId}/${r.wondeId}`, r]));
  for (const person of trust.people) {
    const row = byWondeId.get(`${schoolIds[person.schoolIndex]}/${person.wondeId}`);
    if (row)
      personIds.push({
        id: row.id,
        schoolId: row.schoolId,
        name: `${row.firstName} ${row.lastName}`,
        type: row.type,
      });
  }
  const rng = createSeededRandom(`${SEED}:incidents`);
  // Over the last 90 days, so that the repeat window (30 days to now) holds some of them.
  const occurredFrom = Date.now() - 90 * 86_400_000;
  const values: Array<typeof incidents.$inferInsert> = [];
  for (let number = 1; number <= INCIDENTS; number++) {
    // A few people (the accident-prone) have several incidents each.
    const pool = rng.chance(0.3) ? personIds.slice(0, 500) : personIds;
    const person = rng.pick(pool);
    values.push({
      organisationId: organisation.id,
      schoolId: person.schoolId,
      number,
      occurredAt: new Date(occurredFrom + rng.int(0, 90 * 86_400) * 1000),
      reportedByUserId: user.id,
      category: rng.weighted([
        ['accident_injury', 80],
        ['ill_health', 10],
        ['near_miss', 5],
        ['other', 5],
      ] as const),
      personKind: person.type,
      personId: person.id,
      personName: person.name,
      description: 'Fell in the playground and grazed a knee.',
      outcome: 'returned_to_class_or_work',
    });
  }
  for (let from = 0; from < values.length; from += 1_000) {
    await db.insert(incidents).values(values.slice(from, from + 1_000));
  }
  const loadMs = performance.now() - started;

  const analyzeStarted = performance.now();
  await analyze();
  return {
    trust: {
      people: trust.people,
      schools: trust.schools.map((school) => ({ name: school.name, people: school.people.length })),
      pupils: trust.pupils,
      staff: trust.staff,
      generateMs: trust.generateMs,
    },
    loaded: {
      organisationId: organisation.id,
      schoolIds,
      userEmail,
      userPassword,
      incidents: values.length,
      loadMs,
      analyzeMs: performance.now() - analyzeStarted,
    },
  };
}
