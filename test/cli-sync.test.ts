import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../src/server/db/client';
import { createOrganisation } from '../src/server/features/organisations/create-organisation';
import { insertSchool } from '../src/server/features/schools/schools.repo';
import { upsertConnection } from '../src/server/features/wonde/wonde.repo';
import { startWondeSimulator, type WondeSimulator } from '../src/wonde-simulator/index';
import { testSessions } from './app';
import { createTestDatabase, type TestDatabase } from './db';
import { runPlaster } from './plaster-cli';

let sim: WondeSimulator;
let testDb: TestDatabase;
let dataDir: string;
let env: Record<string, string>;
let schoolId: string;

const plaster = (args: string[]) => runPlaster(args, env);

beforeAll(async () => {
  sim = await startWondeSimulator({
    seed: 'cli-sync',
    schools: [{ phase: 'PRIMARY', pupils: 240 }],
  });
  testDb = await createTestDatabase();
  dataDir = mkdtempSync(join(tmpdir(), 'plaster-cli-sync-'));
  const wonde = {
    WONDE_API_URL: sim.url,
    WONDE_TOKEN: sim.partnerToken,
    PLASTER_DEMO: 'off',
    LOG_LEVEL: 'warn',
  };
  env = testDb.url
    ? {
        ...wonde,
        DATABASE_URL: testDb.url,
        SESSION_SECRET: testSessions.secret,
        ENCRYPTION_KEY: 'cd'.repeat(32),
      }
    : { ...wonde, DATA_DIR: dataDir };

  // An approved connection, in the database the command will open.
  const database: Database = testDb.url ? testDb : await openDatabase({ dataDir });
  if (!testDb.url) await database.migrate();
  const organisation = await createOrganisation(database.db, { name: 'Sync Trust', kind: 'trust' });
  const simSchool = sim.schools[0]!;
  const school = await insertSchool(database.db, {
    organisationId: organisation.id,
    name: simSchool.name,
    urn: String(simSchool.urn),
    wondeSchoolId: simSchool.id,
  });
  schoolId = school.id;
  await upsertConnection(database.db, {
    schoolId,
    organisationId: organisation.id,
    wondeSchoolId: simSchool.id,
    wondeSchoolName: simSchool.name,
    apiBaseUrl: sim.url,
    state: 'approved',
  });
  if (database !== testDb) await database.close();
});

afterAll(async () => {
  await sim.close();
  await testDb.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('plaster sync', () => {
  it('syncs a school, showing progress and the final counts', async () => {
    const run = await plaster(['sync', '--school', schoolId, '--full']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const total = sim.controls.listSchools()[0]!.counts;
    expect(run.stdout).toMatch(/students: \d+ pages, \d+ people/);
    expect(run.stdout).toContain(
      `Sync succeeded (full, ${sim.schools[0]!.name}): created ${total.students + total.employees}, updated 0`,
    );

    const again = await plaster(['sync', '--school', schoolId]);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/Sync succeeded \(delta, .*\): created 0, updated 0, unchanged 0/);
  });

  it('refuses a missing or malformed school id with a clear message', async () => {
    const missing = await plaster(['sync']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('--school is required');
    const malformed = await plaster(['sync', '--school', 'oakfield']);
    expect(malformed.code).toBe(1);
    expect(malformed.stderr).toContain('--school must be a school id');
    const unknown = await plaster(['sync', '--school', '00000000-0000-4000-8000-000000000000']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('School not found');
  });
});
