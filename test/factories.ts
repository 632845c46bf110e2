import { randomBytes, randomUUID } from 'node:crypto';
import { inArray } from 'drizzle-orm';
import type { Organisation, Role, School, User } from '../src/shared/api';
import type { Db } from '../src/server/db/client';
import { people } from '../src/server/db/schema';
import { upsertPeople } from '../src/server/features/people/people.service';
import { searchTextOf } from '../src/server/features/people/search-text';
import { createOrganisation } from '../src/server/features/organisations/create-organisation';
import { insertSchool } from '../src/server/features/schools/schools.repo';
import { presentSchool } from '../src/server/features/schools/schools.service';
import { createUser } from '../src/server/features/users/users.service';

export const PASSWORD = 'correct horse battery staple';

const unique = () => randomBytes(4).toString('hex');

/** An organisation with `schools` schools (two by default). */
export async function buildOrganisation(
  db: Db,
  options: { name?: string; kind?: 'trust' | 'school'; schools?: number } = {},
): Promise<{ organisation: Organisation; schools: School[] }> {
  const organisation = await createOrganisation(db, {
    name: options.name ?? `Trust ${unique()}`,
    kind: options.kind ?? 'trust',
  });
  const schools: School[] = [];
  for (let i = 0; i < (options.schools ?? 2); i++) {
    const row = await insertSchool(db, {
      organisationId: organisation.id,
      name: `School ${i + 1} of ${organisation.name}`,
      urn: String(100000 + Math.floor(Math.random() * 899999)),
      wondeSchoolId: null,
    });
    schools.push(presentSchool(row));
  }
  return { organisation, schools };
}

export async function buildUser(
  db: Db,
  organisationId: string,
  options: { role?: Role; email?: string; schoolIds?: string[]; password?: string } = {},
): Promise<User & { password: string }> {
  const password = options.password ?? PASSWORD;
  const user = await createUser(db, organisationId, null, {
    email: options.email ?? `user-${unique()}@school.example`,
    name: `Test ${options.role ?? 'admin'}`,
    role: options.role ?? 'admin',
    allSchools: options.schoolIds === undefined,
    schoolIds: options.schoolIds ?? [],
    password,
  });
  return { ...user, password };
}

export type PersonSpec = {
  firstName: string;
  lastName: string;
  type?: 'pupil' | 'staff';
  legalFirstName?: string;
  ncYear?: string;
  occupation?: string;
  status?: 'current' | 'left';
};

/** Directory entries as a sync would write them, with their search text. */
export async function buildPeople(
  db: Db,
  target: { organisationId: string; schoolId: string },
  specs: PersonSpec[],
): Promise<string[]> {
  const wondeIds = specs.map(
    () => `A${String(Math.floor(Math.random() * 1e10)).padStart(10, '0')}`,
  );
  await upsertPeople(
    db,
    { ...target, runId: randomUUID() },
    specs.map((p, i) => ({
      type: p.type ?? 'pupil',
      wondeId: wondeIds[i]!,
      misId: null,
      firstName: p.firstName,
      lastName: p.lastName,
      legalFirstName: p.legalFirstName ?? null,
      legalLastName: null,
      searchText: searchTextOf(p.firstName, p.lastName, p.legalFirstName),
      email: null,
      phone: null,
      address: null,
      occupation: p.occupation ?? null,
      ncYear: p.ncYear ?? null,
      educationDetails: null,
      status: p.status ?? 'current',
      wondeUpdatedAt: null,
      wondeRestoredAt: null,
    })),
  );
  const rows = await db
    .select({ id: people.id, wondeId: people.wondeId })
    .from(people)
    .where(inArray(people.wondeId, wondeIds));
  const byWondeId = new Map(rows.map((r) => [r.wondeId, r.id]));
  return wondeIds.map((w) => byWondeId.get(w)!);
}
