/**
 * A PostgreSQL deployment of Plaster for tests that run the real processes: the database seeded
 * with an organisation, an admin and a school connected to the Wonde simulator, the environment
 * the processes are started with, and an HTTP client that signs in as the admin.
 */
import pg from 'pg';
import type { Database } from '../src/server/db/client';
import { insertSchool } from '../src/server/features/schools/schools.repo';
import { upsertConnection } from '../src/server/features/wonde/wonde.repo';
import type { WondeSimulator } from '../src/wonde-simulator/index';
import { testSessions } from './app';
import { postgresUrlFor } from './db-context';
import { buildOrganisation, buildUser, PASSWORD } from './factories';

export type Seeded = { organisationId: string; schoolId: string; adminEmail: string };

/** Migrates the database, then adds an admin and a school whose Wonde access is approved. */
export async function seedDeployment(database: Database, sim: WondeSimulator): Promise<Seeded> {
  await database.withStartupLock(() => database.migrate());
  const { organisation } = await buildOrganisation(database.db, { schools: 0 });
  const admin = await buildUser(database.db, organisation.id, { role: 'admin' });
  const simSchool = sim.schools[0]!;
  const school = await insertSchool(database.db, {
    organisationId: organisation.id,
    name: simSchool.name,
    urn: String(simSchool.urn),
    wondeSchoolId: simSchool.id,
  });
  await upsertConnection(database.db, {
    schoolId: school.id,
    organisationId: organisation.id,
    wondeSchoolId: simSchool.id,
    wondeSchoolName: simSchool.name,
    apiBaseUrl: sim.url,
    state: 'approved',
  });
  return { organisationId: organisation.id, schoolId: school.id, adminEmail: admin.email };
}

/** What `serve` and `worker` are started with: this database, the simulator, a mail server. */
export function deploymentEnv(
  databaseUrl: string,
  sim: WondeSimulator,
  extra: Record<string, string> = {},
): Record<string, string> {
  return {
    DATABASE_URL: databaseUrl,
    SESSION_SECRET: testSessions.secret,
    ENCRYPTION_KEY: '5a'.repeat(32),
    PLASTER_DEMO: 'off',
    WONDE_API_URL: sim.url,
    WONDE_TOKEN: sim.partnerToken,
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'info',
    ...extra,
  };
}

export type HttpClient = {
  request(method: 'GET' | 'POST', path: string, body?: unknown): Promise<Response>;
  json<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T>;
};

/** Signs in over HTTP as `email`, then sends the session cookie and CSRF token with each request. */
export async function signInOverHttp(baseUrl: string, email: string): Promise<HttpClient> {
  const login = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: PASSWORD }),
  });
  if (login.status !== 200) throw new Error(`sign-in failed: ${login.status}`);
  const cookie = login.headers.getSetCookie().map((c) => c.split(';')[0]);
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const request = (method: 'GET' | 'POST', path: string, body?: unknown) =>
    fetch(`${baseUrl}${path}`, {
      method,
      headers: {
        cookie: cookie.join('; '),
        'x-csrf-token': csrfToken,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  return {
    request,
    async json<T>(method: 'GET' | 'POST', path: string, body?: unknown) {
      const response = await request(method, path, body);
      if (!response.ok) throw new Error(`${method} ${path}: ${response.status}`);
      return (await response.json()) as T;
    },
  };
}

/** Runs a statement on the machine's cluster as its superuser (creating and dropping databases). */
export async function onCluster(statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: postgresUrlFor('postgres') });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}
