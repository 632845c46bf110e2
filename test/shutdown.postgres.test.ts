/**
 * SIGTERM in the middle of things: a request in flight is answered, the process exits 0, and a
 * full sync it was running finishes after the next start with exact counts.
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

const name = `plaster_shutdown_${randomBytes(6).toString('hex')}`;
let database: Database;
let sim: WondeSimulator;
let seeded: Seeded;
const processes: PlasterProcess[] = [];

// A process stopped and started again on a database it shares: it runs in the PostgreSQL pass of
// the suite only (vitest.config.ts).
describe('SIGTERM (PostgreSQL)', () => {
  beforeAll(async () => {
    await onCluster(`create database "${name}"`);
    database = openPostgres(postgresUrlFor(name), { max: 2 });
    sim = await startWondeSimulator({
      seed: 'shutdown',
      schools: [{ phase: 'SECONDARY', pupils: 600 }],
    });
    seeded = await seedDeployment(database, sim);
  });
  afterAll(async () => {
    await Promise.all(processes.map((p) => p.stop('SIGKILL')));
    await sim?.close();
    await database?.close();
    await onCluster(`drop database if exists "${name}" with (force)`);
  });

  it('answers the request in flight, exits 0, and the sync ends after the next start', async () => {
    const env = deploymentEnv(postgresUrlFor(name), sim, {
      RUN_JOBS_IN_SERVE: 'true',
      WONDE_SYNC_STALE_AFTER_SECONDS: '6',
    });
    const first = startPlaster(['serve'], env);
    processes.push(first);
    const report = () =>
      processes.map((p, i) => `--- serve ${i + 1}\n${p.output().slice(-4000)}`).join('\n');
    try {
      const url = await servedAt(first);
      const http = await signInOverHttp(url, seeded.adminEmail);
      sim.controls.setLatency(1_000);
      const { syncRunId } = await http.json<{ syncRunId: string }>(
        'POST',
        `/api/v1/schools/${seeded.schoolId}/wonde/sync`,
        { mode: 'full' },
      );
      await eventually(
        'the sync to read a page',
        async () => {
          const run = await http.json<SyncRun>('GET', `/api/v1/sync-runs/${syncRunId}`);
          return run.pagesFetched > 0 ? run : undefined;
        },
        30_000,
      );

      // A request that waits on Wonde (a second or more), stopped while it is on its way.
      const lookup = http.request('POST', `/api/v1/schools/${seeded.schoolId}/wonde/lookup`, {
        urn: '999999',
      });
      await new Promise((resolve) => setTimeout(resolve, 200));
      first.child.kill('SIGTERM');
      const answered = await lookup;
      expect(answered.status).not.toBeGreaterThanOrEqual(500);
      expect(await first.exited).toBe(0);
      expect(first.output()).toContain('shutting down');

      sim.controls.setLatency(50);
      const second = startPlaster(['serve'], env);
      processes.push(second);
      const again = await signInOverHttp(await servedAt(second), seeded.adminEmail);
      const ended = await eventually(
        'the sync to end after the restart',
        async () => {
          const run = await again.json<SyncRun>('GET', `/api/v1/sync-runs/${syncRunId}`);
          return run.status === 'succeeded' || run.status === 'failed' ? run : undefined;
        },
        90_000,
      );
      const expected = sim.controls.listSchools()[0]!.counts;
      expect(ended.status, ended.error ?? '').toBe('succeeded');
      expect(ended.counts).toMatchObject({
        created: expected.students + expected.employees,
        updated: 0,
        removed: 0,
      });
      expect(ended.peopleSeen).toBe(expected.students + expected.employees);
    } catch (error) {
      throw new Error(`${(error as Error).message}\n${report()}`, { cause: error });
    }
  }, 180_000);
});
