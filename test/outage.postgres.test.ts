/**
 * A database outage in the middle of work: the real `serve` (working the queue too) and a
 * `worker` run against a PostgreSQL server of this test's own, which is stopped for 20 seconds
 * while a sync is reading pages and an email is at the mail server, then started again. Both
 * processes live through it; the sync ends with exact counts, the email reaches the mail server
 * once, and requests during the outage are answered 503.
 */
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgres, type Database } from '../src/server/db/client';
import { createIncident } from '../src/server/features/incidents/incidents.service';
import type { Notification } from '../src/shared/notifications-api';
import { CreateIncidentInputSchema } from '../src/shared/incidents-api';
import type { SyncRun } from '../src/shared/wonde-api';
import { startWondeSimulator, type WondeSimulator } from '../src/wonde-simulator/index';
import { startCluster, type Cluster } from './cluster';
import { deploymentEnv, seedDeployment, signInOverHttp, type Seeded } from './deployment';
import { eventually, servedAt, startPlaster, type PlasterProcess } from './processes';

/** A mail server that holds its answer to each message until told to accept. */
type HeldSmtp = {
  url: string;
  /** Message-IDs of the messages it accepted, one entry per acceptance. */
  accepted: string[];
  /** How many messages are waiting for their answer. */
  holding(): number;
  /** Accepts the held messages and, from now on, every message at once. */
  open(): void;
  close(): Promise<void>;
};

async function startHeldSmtp(): Promise<HeldSmtp> {
  const accepted: string[] = [];
  let held: Array<() => void> = [];
  let isOpen = false;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      let message = '';
      stream.on('data', (chunk: Buffer) => (message += chunk.toString()));
      stream.on('end', () => {
        const accept = () => {
          accepted.push(/^message-id:\s*(\S+)/im.exec(message)?.[1] ?? '(none)');
          callback();
        };
        if (isOpen) accept();
        else held.push(accept);
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    accepted,
    holding: () => held.length,
    open() {
      isOpen = true;
      for (const accept of held) accept();
      held = [];
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const OUTAGE_MS = 20_000;

/** A process's output less the lines logging each HTTP request, its last part. */
const withoutRequests = (output: string) =>
  output
    .split('\n')
    .filter((line) => !/"msg":"(incoming request|request completed)"/.test(line))
    .join('\n')
    .slice(-8000);

let cluster: Cluster;
let database: Database;
let sim: WondeSimulator;
let smtp: HeldSmtp;
let seeded: Seeded;
const processes: PlasterProcess[] = [];

// About PostgreSQL going away: it runs in the PostgreSQL pass of the suite only (vitest.config.ts).
describe('a 20-second database outage (PostgreSQL)', () => {
  beforeAll(async () => {
    cluster = await startCluster();
    database = openPostgres(cluster.url, { max: 2 });
    // A secondary school: several pages of pupils, each answered slowly, so the sync is still
    // reading when the database goes.
    sim = await startWondeSimulator({
      seed: 'outage',
      schools: [{ phase: 'SECONDARY', pupils: 1000 }],
    });
    smtp = await startHeldSmtp();
    seeded = await seedDeployment(database, sim);
  });
  afterAll(async () => {
    await Promise.all(processes.map((p) => p.stop()));
    await sim?.close();
    await smtp?.close();
    await database?.close();
    await cluster?.destroy();
  });

  it('serve and worker live through it; the sync ends exact, the email goes once, requests get 503', async () => {
    const env = deploymentEnv(cluster.url, sim, { SMTP_URL: smtp.url });
    const serve = startPlaster(['serve'], { ...env, RUN_JOBS_IN_SERVE: 'true' });
    const worker = startPlaster(['worker'], env);
    processes.push(serve, worker);
    const report = () =>
      [
        ...processes.map((p) => `--- ${p.child.spawnargs[2]}\n${withoutRequests(p.output())}`),
        `--- PostgreSQL\n${cluster.log().slice(-3000)}`,
      ].join('\n');
    try {
      const url = await servedAt(serve);
      await worker.waitFor(/worker started/, 60_000);
      const http = await signInOverHttp(url, seeded.adminEmail);

      sim.controls.setLatency(2_500);
      const { syncRunId } = await http.json<{ syncRunId: string }>(
        'POST',
        `/api/v1/schools/${seeded.schoolId}/wonde/sync`,
        { mode: 'full' },
      );
      const incident = await createIncident(
        database.db,
        {
          userId: (await http.json<{ user: { id: string } }>('GET', '/api/v1/me')).user.id,
          organisationId: seeded.organisationId,
          role: 'admin',
          scope: { organisationId: seeded.organisationId, schoolIds: 'all' },
          ip: null,
        },
        CreateIncidentInputSchema.parse({
          schoolId: seeded.schoolId,
          occurredAt: new Date(Date.now() - 60_000).toISOString(),
          locationDetail: 'Car park',
          category: 'accident_injury',
          person: { kind: 'manual', personType: 'visitor', name: 'Pat Visitor' },
          description: 'Tripped on the kerb.',
          outcome: 'returned_to_class_or_work',
        }),
      );
      await http.json('POST', `/api/v1/incidents/${incident.incident.id}/notifications`, {
        recipients: [{ name: 'Pat Visitor', email: 'pat.visitor@example.org' }],
        subject: 'An accident at school today',
        text: 'Pat tripped on the kerb in the car park.',
        idempotencyKey: 'outage-test-email',
      });

      // The email is at the mail server, waiting for its answer; the sync has read a page.
      await eventually('the email at the mail server', () => smtp.holding() || undefined, 30_000);
      await eventually(
        'a page of the sync',
        async () => {
          const run = await http.json<SyncRun>('GET', `/api/v1/sync-runs/${syncRunId}`);
          return run.pagesFetched > 0 ? run : undefined;
        },
        30_000,
      );

      await cluster.stop('immediate');
      const stoppedAt = Date.now();
      // The mail server accepts while the database is down: the outcome cannot be recorded yet.
      setTimeout(() => smtp.open(), 2_000);
      const duringOutage: number[] = [];
      const readyDuringOutage: number[] = [];
      while (Date.now() - stoppedAt < OUTAGE_MS) {
        const response = await http.request('GET', `/api/v1/sync-runs/${syncRunId}`);
        duringOutage.push(response.status);
        readyDuringOutage.push((await http.request('GET', '/readyz')).status);
        await new Promise((resolve) => setTimeout(resolve, 1_000));
      }
      await cluster.start();
      const restartedAt = Date.now();
      sim.controls.setLatency(200);

      expect(duringOutage.length).toBeGreaterThan(5);
      expect(new Set(duringOutage)).toEqual(new Set([503]));
      // A load balancer is told too, and hears "ready" again once the database is back.
      expect(new Set(readyDuringOutage)).toEqual(new Set([503]));
      await eventually(
        'serve to answer again',
        async () =>
          (await http.request('GET', `/api/v1/sync-runs/${syncRunId}`)).status === 200 || undefined,
        30_000,
      );
      const answeredAfter = Date.now() - restartedAt;
      await eventually(
        '/readyz to say ready',
        async () => (await http.request('GET', '/readyz')).status === 200 || undefined,
        30_000,
      );

      const run = await eventually(
        'the sync to end',
        async () => {
          const r = await http.json<SyncRun>('GET', `/api/v1/sync-runs/${syncRunId}`);
          return r.status === 'succeeded' || r.status === 'failed' ? r : undefined;
        },
        60_000,
      );
      const syncEndedAfter = Date.now() - restartedAt;
      const expected = sim.controls.listSchools()[0]!.counts;
      expect(run.status, run.error ?? '').toBe('succeeded');
      expect(run.counts).toMatchObject({
        created: expected.students + expected.employees,
        updated: 0,
        removed: 0,
      });
      expect(run.peopleSeen).toBe(expected.students + expected.employees);

      const sent = await eventually(
        'the email to be recorded as sent',
        async () => {
          const { notifications } = await http.json<{ notifications: Notification[] }>(
            'GET',
            `/api/v1/incidents/${incident.incident.id}/notifications`,
          );
          return notifications[0]?.status === 'sent' ? notifications[0] : undefined;
        },
        60_000,
      );
      expect(sent.attempts).toBe(1);
      expect(smtp.accepted).toHaveLength(1);

      expect([serve.alive(), worker.alive()]).toEqual([true, true]);
      console.info(
        `outage figures: serve answered ${answeredAfter} ms after the database returned; ` +
          `sync ended ${syncEndedAfter} ms after; ${smtp.accepted.length} email(s) at the mail server`,
      );
    } catch (error) {
      throw new Error(`${(error as Error).message}\n${report()}`, { cause: error });
    }
  }, 120_000);
});
