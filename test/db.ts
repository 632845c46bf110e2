import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { inject } from 'vitest';
import { createPglite, openPglite, openPostgres, type Database } from '../src/server/db/client';
import { postgresUrlFor } from './db-context';

export type TestDatabase = Database & {
  /** The PostgreSQL URL of this database, for a child process; undefined on PGlite. */
  url: string | undefined;
};

/** A migrated database of its own for one test file, on the engine the run was started for. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const context = inject('testDb');
  if (context.engine === 'pglite') {
    const template = new Blob([readFileSync(context.templatePath)]);
    return { ...openPglite(await createPglite(undefined, template)), url: undefined };
  }
  const name = `plaster_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: postgresUrlFor('postgres') });
  await admin.connect();
  try {
    await admin.query(`create database "${name}" template "${context.template}"`);
  } finally {
    await admin.end();
  }
  const database = openPostgres(postgresUrlFor(name), { max: 4 });
  return {
    ...database,
    url: postgresUrlFor(name),
    async close() {
      await database.close();
      const dropper = new pg.Client({ connectionString: postgresUrlFor('postgres') });
      await dropper.connect();
      await dropper.query(`drop database if exists "${name}" with (force)`);
      await dropper.end();
    },
  };
}
