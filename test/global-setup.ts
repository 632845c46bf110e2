import { rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { createPglite, openPglite, openPostgres } from '../src/server/db/client';
import { postgresUrlFor, testEngine, type TestDbContext } from './db-context';

declare module 'vitest' {
  export interface ProvidedContext {
    testDb: TestDbContext;
  }
}

/**
 * Migrates one template database per run; each test file then gets its own copy (db.ts), so
 * files run in parallel and never see each other's rows.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  if (testEngine() === 'pglite') {
    const client = await createPglite();
    await openPglite(client).migrate();
    const dump = await client.dumpDataDir('none');
    await client.close();
    const templatePath = join(tmpdir(), `plaster-test-template-${process.pid}.tar`);
    writeFileSync(templatePath, Buffer.from(await dump.arrayBuffer()));
    project.provide('testDb', { engine: 'pglite', templatePath });
    return () => Promise.resolve(rmSync(templatePath, { force: true }));
  }

  const template = `plaster_test_template_${process.pid}`;
  const admin = new pg.Client({ connectionString: postgresUrlFor('postgres') });
  await admin.connect();
  // Copies left behind by an interrupted run.
  const stale = await admin.query<{ datname: string }>(
    "select datname from pg_database where datname like 'plaster\\_test\\_%'",
  );
  for (const { datname } of stale.rows) {
    await admin.query(`drop database if exists "${datname}" with (force)`);
  }
  await admin.query(`create database "${template}"`);
  const database = openPostgres(postgresUrlFor(template), { max: 1 });
  await database.migrate();
  await database.close();
  project.provide('testDb', { engine: 'postgres', template });
  return async () => {
    await admin.query(`drop database if exists "${template}" with (force)`);
    await admin.end();
  };
}
