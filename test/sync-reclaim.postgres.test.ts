/**
 * A worker killed in the middle of a sync: another worker resumes the run from its page within
 * a minute (not when the queue's job expires), and it ends with exact counts.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgres, type Database } from '../src/server/db/client';
import type { SyncRun } from '../src/shared/wonde-api';
import { startWondeSimulator, type WondeSimulator } from '../src/wonde-simulator/index';
import { postgresUrlFor } from './db-context';
import {
  deploymentEnv,
  onCluster,
  seedDeployment,
  signInOverHttp,
  type Seeded,
} from './deployment';
import { eventually, servedAt, startPlaster, type PlasterProcess } from './processes';

const name = `plaster_reclaim_${randomBytes(6).toString('hex')}`;
let database: Database;
let sim: WondeSimulator;
let seeded: Seeded;
const processes: PlasterProcess[] = [];

// Workers sharing a PostgreSQL queue: it runs in the PostgreSQL pass of the suite only
// (vitest.config.ts).
describe('a worker killed mid-sync (PostgreSQL)', () => {
  beforeAll(async () => {
    await onCluster(`create database "${name}"`);
    database = openPostgres(postgresUrlFor(name), { max: 2 });
    sim = await startWondeSimulator({
      seed: 'reclaim',
      schools: [{ phase: 'SECONDARY', pupils: 1000 }],
    });
    seeded = await seedDeployment(database, sim);
  });
  afterAll(async () => {
    await Promise.all(processes.map((p) => p.stop()));
    await sim?.close();
    await database?.close();
    await onCluster(`drop database if exists "${name}" with (force)`);
  });

  it('another worker resumes the run within 60 s and it ends with exact counts', async () => {
    // A short stale limit keeps the test quick; the default (60 s) is the same mechanism.
    const env = deploymentEnv(postgresUrlFor(name), sim, { WONDE_SYNC_STALE_AFTER_SECONDS: '6' });
    const serve = startPlaster(['serve'], env);
    const first = startPlaster(['worker'], env);
    processes.push(serve, first);
    const report = () =>
      processes.map((p) => `--- ${p.child.spawnargs[2]}\n${p.output().slice(-4000)}`).join('\n');
    try {
      const url = await servedAt(serve);
      await first.waitFor(/worker started/, 60_000);
      const http = await signInOverHttp(url, seeded.adminEmail);
      sim.controls.setLatency(1_500);
      const { syncRunId } = await http.json<{ syncRunId: string }>(
        'POST',
        `/api/v1/schools/${seeded.schoolId}/wonde/sync`,
        { mode: 'full' },
      );
      const runNow = () => http.json<SyncRun>('GET', `/api/v1/sync-runs/${syncRunId}`);
      await eventually(
        'the first worker to read a page',
        async () => ((await runNow()).pagesFetched > 0 ? true : undefined),
        30_000,
      );

      await first.stop('SIGKILL');
      const killedAt = Date.now();
      const atKill = await runNow();
      expect(atKill.status).toBe('running');
      const second = startPlaster(['worker'], env);
      processes.push(second);

      const resumed = await eventually(
        'another worker to resume the run',
        async () => {
          const run = await runNow();
          return run.attempts > atKill.attempts ? run : undefined;
        },
        60_000,
      );
      const resumedAfter = Date.now() - killedAt;
      expect(resumedAfter).toBeLessThan(60_000);
      expect(resumed.pagesFetched).toBeGreaterThanOrEqual(atKill.pagesFetched);

      sim.controls.setLatency(100);
      const ended = await eventually(
        'the resumed sync to end',
        async () => {
          const run = await runNow();
          return run.status === 'succeeded' || run.status === 'failed' ? run : undefined;
        },
        60_000,
      );
      const endedAfter = Date.now() - killedAt;
      const expected = sim.controls.listSchools()[0]!.counts;
      expect(ended.status, ended.error ?? '').toBe('succeeded');
      expect(ended.counts).toMatchObject({
        created: expected.students + expected.employees,
        updated: 0,
        removed: 0,
      });
      expect(ended.peopleSeen).toBe(expected.students + expected.employees);
      console.info(
        `reclaim figures: resumed ${resumedAfter} ms after the worker was killed ` +
          `(stale limit 6 s); ended ${endedAfter} ms after`,
      );
    } catch (error) {
      throw new Error(`${(error as Error).message}\n${report()}`, { cause: error });
    }
  }, 120_000);
});
