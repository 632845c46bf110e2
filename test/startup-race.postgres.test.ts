/**
 * Processes started together on an empty PostgreSQL database all come up: the migrations and the
 * job queue's schema are created by one of them while the others wait for it.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testSessions } from './app';
import { postgresUrlFor } from './db-context';
import { eventually, servedAt, startPlaster, type PlasterProcess } from './processes';

const name = `plaster_race_${randomBytes(6).toString('hex')}`;
const started: PlasterProcess[] = [];

async function admin<T>(run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: postgresUrlFor('postgres') });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

// Processes racing on one PostgreSQL database: it runs in the PostgreSQL pass of the suite only
// (vitest.config.ts).
describe('starting on an empty database (PostgreSQL)', () => {
  beforeAll(async () => {
    await admin((client) => client.query(`create database "${name}"`));
  });
  afterAll(async () => {
    await Promise.all(started.map((p) => p.stop()));
    await admin((client) => client.query(`drop database if exists "${name}" with (force)`));
  });

  it('serve and a worker started at the same moment both come up and stay up', async () => {
    const env = {
      DATABASE_URL: postgresUrlFor(name),
      SESSION_SECRET: testSessions.secret,
      ENCRYPTION_KEY: 'ef'.repeat(32),
      PLASTER_DEMO: 'off',
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
    };
    const serve = startPlaster(['serve'], { ...env, RUN_JOBS_IN_SERVE: 'true' });
    const worker = startPlaster(['worker'], env);
    const secondServe = startPlaster(['serve'], env);
    started.push(serve, worker, secondServe);

    const report = () =>
      started.map((p) => `--- ${p.child.spawnargs.slice(2).join(' ')}\n${p.output()}`).join('\n');
    const urls = await Promise.all([servedAt(serve), servedAt(secondServe)]).catch(
      (error: Error) => {
        throw new Error(`${error.message}\n${report()}`);
      },
    );
    await worker.waitFor(/worker started/, 60_000).catch((error: Error) => {
      throw new Error(`${error.message}\n${report()}`);
    });

    for (const url of urls) {
      const response = await eventually(
        `${url} to answer`,
        async () => {
          const answer = await fetch(`${url}/api/v1/me`);
          return answer.status === 401 ? answer : undefined;
        },
        10_000,
      );
      expect(response.status).toBe(401);
    }
    // A moment later nothing has exited (a failure in the background would have ended one).
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    expect(
      started.map((p) => p.alive()),
      report(),
    ).toEqual([true, true, true]);
  }, 90_000);
});
