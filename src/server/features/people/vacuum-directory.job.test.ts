import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, testJobDeps, type TestApp } from '../../../../test/app';
import { buildOrganisation, buildPeople } from '../../../../test/factories';
import { vacuumDirectoryJob } from './vacuum-directory.job';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const deadRows = async (table: string): Promise<number> => {
  const result = (await t.db.execute(
    sql`select n_dead_tup::int as dead from pg_stat_user_tables where relname = ${table}`,
  )) as { rows: Array<{ dead: number }> };
  return result.rows[0]!.dead;
};

describe('people.vacuum job', () => {
  it('reclaims the rows a rename left behind in the directory and its search keys', async () => {
    const { organisation, schools } = await buildOrganisation(t.db, { schools: 1 });
    const target = { organisationId: organisation.id, schoolId: schools[0]!.id };
    await buildPeople(t.db, target, [{ firstName: 'Ada', lastName: 'Lovelace' }]);
    await t.db.execute(
      sql`update people set last_name = 'Byron', search_text = ' ada byron ' where first_name = 'Ada'`,
    );
    // Statistics reach the shared counters when a transaction ends; ask for them now.
    await t.db.execute(sql`select pg_stat_force_next_flush()`);
    expect(await deadRows('people_search_keys')).toBeGreaterThan(0);

    const result = await vacuumDirectoryJob.handler({}, testJobDeps(t.db), {
      isLastAttempt: true,
      jobId: randomUUID(),
    });
    expect(result).toBe('done');
    expect(await deadRows('people_search_keys')).toBe(0);
    expect(await deadRows('people')).toBe(0);
  });
});
