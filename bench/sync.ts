/**
 * Sync benchmark: a full sync of a 1,500-pupil secondary school and its staff from the Wonde
 * simulator, over real HTTP, on PGlite and on PostgreSQL; then a second full sync (everyone
 * unchanged) and a delta sync after 20 changes in the MIS. See bench/README.md.
 *
 *   npx tsx bench/sync.ts
 *
 * BENCH_DATABASE_URL names the PostgreSQL server (default postgres://postgres@127.0.0.1:5432/postgres);
 * a database of its own is created there for each run and dropped afterwards.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { createPglite, openPglite, openPostgres, type Database } from '../src/server/db/client';
import { createOrganisation } from '../src/server/features/organisations/create-organisation';
import { insertSchool } from '../src/server/features/schools/schools.repo';
import { createUser } from '../src/server/features/users/users.service';
import { connectSchool } from '../src/server/features/wonde/connection.service';
import { requestSync, runSync, type SyncDeps } from '../src/server/features/wonde/sync.service';
import { createWondeClient } from '../src/server/features/wonde/wonde-client';
import type { WondeContext } from '../src/server/features/wonde/wonde-context';
import { londonDate } from '../src/server/lib/london-time';
import { findSyncRunAnywhere, type SyncRunRow } from '../src/server/features/wonde/wonde.repo';
import { createHttpClient, type HttpClient } from '../src/server/lib/http-client';
import { createLogger } from '../src/server/lib/logger';
import type { Actor } from '../src/server/access/scope';
import { createSecretBox } from '../src/server/lib/secret-box';
import { startWondeSimulator, type WondeSimulator } from '../src/wonde-simulator/index';

const SEED = 'plaster-bench';
const SCHOOL = { phase: 'SECONDARY', pupils: 1500 } as const;
const RUNS = 3;
const DEFAULT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

type Step = 'full' | 'again' | 'delta';
const STEPS: Array<{ step: Step; label: string }> = [
  { step: 'full', label: 'first full sync' },
  { step: 'again', label: 'second full, unchanged' },
  { step: 'delta', label: 'delta after 20 changes' },
];

type Counts = Pick<
  SyncRunRow,
  'pagesFetched' | 'peopleSeen' | 'created' | 'updated' | 'unchanged' | 'left' | 'removed'
>;

/** One timed sync run. */
type Measurement = {
  wallMs: number;
  /** Time spent waiting for Wonde's answers (request, simulator, transfer, JSON.parse). */
  httpMs: number;
  requests: number;
  counts: Counts;
};

type Engine = {
  label: string;
  /** What the engine is and how it is opened, for the notes under the table. */
  note(): string;
  /** A fresh, migrated database for one run, and how to get rid of it. */
  open(run: number): Promise<{ database: Database; dispose: () => Promise<void> }>;
};

const log = (line: string) => process.stderr.write(`${line}\n`);

// ---------------------------------------------------------------------------------------------
// Engines

function pgliteEngine(): Engine {
  let version = '?';
  return {
    label: 'PGlite',
    note: () =>
      `PGlite (PostgreSQL ${version}) in this process, on disk in a temp dir as production keeps it`,
    async open() {
      const dir = mkdtempSync(join(tmpdir(), 'plaster-bench-'));
      let database: Database | null = null;
      const dispose = async () => {
        await database?.close();
        rmSync(dir, { recursive: true, force: true });
      };
      try {
        database = openPglite(await createPglite(dir));
        await database.migrate();
        const { rows } = await database.executeSql('show server_version');
        version = (rows[0] as { server_version?: string } | undefined)?.server_version ?? '?';
        return { database, dispose };
      } catch (error) {
        await dispose();
        throw error;
      }
    },
  };
}

function urlFor(base: string, databaseName: string): string {
  const url = new URL(base);
  url.pathname = `/${databaseName}`;
  return url.toString();
}

/** The PostgreSQL engine, or a reason it cannot be used. */
async function postgresEngine(base: string): Promise<Engine | string> {
  const admin = new pg.Client({ connectionString: base, connectionTimeoutMillis: 3_000 });
  let version: string;
  try {
    await admin.connect();
    const result = await admin.query<{ server_version: string }>('show server_version');
    version = result.rows[0]?.server_version ?? '?';
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  } finally {
    await admin.end().catch(() => {});
  }
  const prefix = `plaster_bench_${randomBytes(4).toString('hex')}`;

  async function adminQuery(sql: string): Promise<void> {
    const client = new pg.Client({ connectionString: base });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  }

  const where = new URL(base);
  return {
    label: `PostgreSQL ${version.split(' ')[0]}`,
    note: () =>
      `PostgreSQL ${version} at ${where.host}, a pool of 10 as production opens it, a database per run`,
    async open(run) {
      const name = `${prefix}_${run}`;
      await adminQuery(`create database "${name}"`);
      // The pool as production opens it (openDatabase → openPostgres, 10 connections).
      const database = openPostgres(urlFor(base, name));
      const dispose = async () => {
        await database.close();
        await adminQuery(`drop database if exists "${name}" with (force)`);
      };
      try {
        await database.migrate();
      } catch (error) {
        await dispose();
        throw error;
      }
      return { database, dispose };
    },
  };
}

// ---------------------------------------------------------------------------------------------
// One run: a school connected to a fresh simulator, three syncs

/** The production HTTP client, with the time spent inside it added up. */
function timedHttp(inner: HttpClient) {
  const totals = { ms: 0, requests: 0 };
  const http: HttpClient = {
    async json(url, request) {
      const started = performance.now();
      try {
        return await inner.json(url, request);
      } finally {
        totals.ms += performance.now() - started;
        totals.requests++;
      }
    },
  };
  return {
    http,
    totals,
    reset() {
      totals.ms = 0;
      totals.requests = 0;
    },
  };
}

/** The 20 changes the delta picks up: what a busy day in a school's MIS might hold. */
function makeChanges(sim: WondeSimulator, schoolId: string): Partial<Counts> {
  const c = sim.controls;
  const data = c.snapshot().schools.find((s) => s.id === schoolId);
  if (!data) throw new Error('the simulated school has vanished');
  const pupils = data.students.filter((s) => s.education.leavingDate === null);
  const staff = data.employees.filter((m) => m.employment.current);
  const pick = <T>(list: T[], i: number): T => {
    const item = list[(i * 97) % list.length];
    if (item === undefined) throw new Error('not enough people to change');
    return item;
  };
  const today = londonDate();
  for (let i = 0; i < 10; i++)
    c.updatePerson(schoolId, 'student', pick(pupils, i).id, { surname: `Renamed-${i}` });
  for (let i = 0; i < 3; i++)
    c.updatePerson(schoolId, 'employee', pick(staff, i).id, {
      employment: { roleText: `Head of Year ${i + 7}` },
    });
  c.addStudent(schoolId, { forename: 'Zoë', surname: "O'Connor-Nguyễn" });
  c.addStudent(schoolId, { forename: 'Siobhán', surname: 'Smith-Jones' });
  c.addEmployee(schoolId, { forename: 'Oliver', surname: 'Smith', roleText: 'Cover Supervisor' });
  c.markLeaver(schoolId, 'student', pick(pupils, 10).id, { date: today });
  c.markLeaver(schoolId, 'student', pick(pupils, 11).id, { date: today });
  c.markLeaver(schoolId, 'employee', pick(staff, 3).id, { date: today });
  c.deletePerson(schoolId, 'student', pick(pupils, 12).id);
  // 10 + 3 renamed, 3 new, 3 leavers, 1 deleted; the deleted pupil is not listed.
  return { created: 3, updated: 13, left: 3, removed: 1, peopleSeen: 19, unchanged: 0 };
}

function check(step: string, counts: Counts, expected: Partial<Counts>) {
  for (const [field, value] of Object.entries(expected) as Array<[keyof Counts, number]>) {
    if (counts[field] !== value) {
      throw new Error(
        `${step}: expected ${field} ${value}, the run recorded ${counts[field]} (${JSON.stringify(counts)})`,
      );
    }
  }
}

async function runOnce(database: Database): Promise<Record<Step, Measurement>> {
  const sim = await startWondeSimulator({
    seed: SEED,
    schools: [SCHOOL],
    initialAccess: 'approved',
  });
  try {
    const logger = createLogger({ level: 'silent' });
    // As src/server/runtime.ts configures it for a local Wonde: 4 at once, no spacing, default retries.
    const timer = timedHttp(createHttpClient({ logger, maxConcurrent: 4, minTimeMs: 0 }));
    const queued: Array<{ id: string; schoolId: string }> = [];
    const wonde: WondeContext = {
      // perPage left to its production default (200).
      client: createWondeClient({
        http: timer.http,
        baseUrl: sim.url,
        partnerToken: sim.partnerToken,
      }),
      baseUrl: sim.url,
      partnerToken: sim.partnerToken,
      secrets: createSecretBox(randomBytes(32)),
      webhookSecret: null,
      releaseAfterDays: 14,
      enqueueSync: (run) => {
        queued.push({ id: run.id, schoolId: run.schoolId });
        return Promise.resolve();
      },
    };
    const { db } = database;
    const deps: SyncDeps = { db, wonde, logger };

    const simSchool = sim.schools[0];
    if (!simSchool) throw new Error('the simulator has no school');
    const organisation = await createOrganisation(db, { name: 'Bench Trust', kind: 'trust' });
    const school = await insertSchool(db, {
      organisationId: organisation.id,
      name: simSchool.name,
      urn: String(simSchool.urn),
      wondeSchoolId: null,
    });
    const user = await createUser(db, organisation.id, null, {
      email: 'bench-admin@school.example',
      name: 'Bench Admin',
      role: 'admin',
      allSchools: true,
      password: randomBytes(18).toString('base64url'),
    });
    const actor: Actor = {
      userId: user.id,
      organisationId: organisation.id,
      role: 'admin',
      scope: { organisationId: organisation.id, schoolIds: 'all' },
      ip: null,
    };
    const target = { organisationId: organisation.id, schoolId: school.id };

    // The school approved us already: connecting approves at once and queues the full sync.
    const connection = await connectSchool(deps, actor, school.id, simSchool.id);
    if (connection.state !== 'approved') {
      throw new Error(`connecting left the school ${connection.state}, not approved`);
    }

    const measure = async (runId: string, step: string): Promise<Measurement> => {
      timer.reset();
      const started = performance.now();
      const outcome = await runSync(deps, runId, { isLastAttempt: true });
      const wallMs = performance.now() - started;
      const run = await findSyncRunAnywhere(db, runId);
      if (outcome !== 'done' || run?.status !== 'succeeded') {
        throw new Error(`${step}: the run ended ${run?.status ?? 'missing'}: ${run?.error ?? ''}`);
      }
      return { wallMs, httpMs: timer.totals.ms, requests: timer.totals.requests, counts: run };
    };
    const queue = async (mode: 'full' | 'delta') => {
      const { run, isNew } = await requestSync(deps, target, mode, 'bench');
      if (!isNew || run.mode !== mode) throw new Error(`no new ${mode} run was queued`);
      return run.id;
    };

    const firstRun = queued.find((r) => r.schoolId === school.id);
    if (!firstRun) throw new Error('connecting queued no sync');
    const status = sim.controls.listSchools().find((s) => s.id === simSchool.id);
    const total = (status?.counts.students ?? 0) + (status?.counts.employees ?? 0);

    const full = await measure(firstRun.id, 'first full sync');
    check('first full sync', full.counts, {
      peopleSeen: total,
      created: total,
      updated: 0,
      removed: 0,
    });
    const again = await measure(await queue('full'), 'second full sync');
    check('second full sync', again.counts, {
      peopleSeen: total,
      unchanged: total,
      created: 0,
      updated: 0,
      removed: 0,
    });
    const expected = makeChanges(sim, simSchool.id);
    const delta = await measure(await queue('delta'), 'delta sync');
    check('delta sync', delta.counts, expected);
    return { full, again, delta };
  } finally {
    await sim.close();
  }
}

// ---------------------------------------------------------------------------------------------
// Figures

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

const int = (n: number) => Math.round(n).toLocaleString('en-GB');

/** "median (min–max)", or just the value when every run agreed. */
function spread(values: number[], format: (n: number) => string = int): string {
  const [min, max] = [Math.min(...values), Math.max(...values)];
  const mid = format(median(values));
  return format(min) === format(max) ? mid : `${mid} (${format(min)}–${format(max)})`;
}

type EngineResult =
  | { label: string; note: string; runs: Array<Record<Step, Measurement>> }
  | { label: string; skipped: string };

function table(results: EngineResult[]): string {
  const header = [
    'engine',
    'sync',
    'wall ms',
    'people/s',
    'people',
    'pages',
    'waiting on Wonde ms',
    'rest ms',
  ];
  const rows: string[][] = [];
  for (const result of results) {
    if ('skipped' in result) {
      rows.push([result.label, `skipped: ${result.skipped}`]);
      continue;
    }
    for (const { step, label } of STEPS) {
      const ms = result.runs.map((r) => r[step]);
      rows.push([
        result.label,
        label,
        spread(ms.map((m) => m.wallMs)),
        spread(ms.map((m) => m.counts.peopleSeen / (m.wallMs / 1000))),
        spread(ms.map((m) => m.counts.peopleSeen)),
        spread(ms.map((m) => m.counts.pagesFetched)),
        spread(ms.map((m) => m.httpMs)),
        spread(ms.map((m) => m.wallMs - m.httpMs)),
      ]);
    }
  }
  // A skipped engine's row is its label and a note; the note spans the columns.
  const widths = header.map((h, i) =>
    Math.max(
      h.length,
      ...rows.filter((r) => i === 0 || r.length > 2).map((r) => r[i]?.length ?? 0),
    ),
  );
  const numeric = (i: number) => i >= 2;
  const line = (cells: string[]) =>
    cells.length === 2
      ? `| ${cells[0]!.padEnd(widths[0]!)} | ${cells[1]} |`
      : `| ${cells.map((c, i) => (numeric(i) ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join(' | ')} |`;
  const rule = `|${widths.map((w, i) => (numeric(i) ? `${'-'.repeat(w + 1)}:` : '-'.repeat(w + 2))).join('|')}|`;
  return [line(header), rule, ...rows.map(line)].join('\n');
}

// ---------------------------------------------------------------------------------------------

async function benchEngine(engine: Engine): Promise<EngineResult> {
  const runs: Array<Record<Step, Measurement>> = [];
  for (let run = 1; run <= RUNS; run++) {
    const { database, dispose } = await engine.open(run);
    try {
      const result = await runOnce(database);
      runs.push(result);
      log(
        `${engine.label} run ${run}/${RUNS}: full ${int(result.full.wallMs)} ms, ` +
          `again ${int(result.again.wallMs)} ms, delta ${int(result.delta.wallMs)} ms`,
      );
    } finally {
      await dispose();
    }
  }
  return { label: engine.label, note: engine.note(), runs };
}

async function main(): Promise<void> {
  const base = process.env.BENCH_DATABASE_URL ?? DEFAULT_DATABASE_URL;
  const results: EngineResult[] = [];
  results.push(await benchEngine(pgliteEngine()));
  const postgres = await postgresEngine(base);
  if (typeof postgres === 'string') {
    const where = new URL(base);
    const note = `cannot connect to ${where.host}: ${postgres}`;
    log(`PostgreSQL skipped: ${note}`);
    results.push({ label: 'PostgreSQL', skipped: note });
  } else {
    results.push(await benchEngine(postgres));
  }

  const retried = results.some(
    (r) =>
      'runs' in r &&
      r.runs.some((run) =>
        STEPS.some(({ step }) => run[step].requests !== run[step].counts.pagesFetched),
      ),
  );
  const sample = results.find((r) => 'runs' in r);
  const people = sample && 'runs' in sample ? sample.runs[0]?.full.counts.peopleSeen : undefined;
  process.stdout.write(
    [
      `Sync of a ${int(SCHOOL.pupils)}-pupil secondary school and its staff` +
        `${people ? ` (${int(people)} people)` : ''} from the Wonde simulator, seed "${SEED}", per_page 200.`,
      `${RUNS} runs per engine, a fresh database and simulator each; median (min–max).`,
      '',
      table(results),
      '',
      'wall ms: runSync from start to end. people/s: people read from Wonde and applied, per second',
      'of wall time. pages: pages of 200 read. waiting on Wonde ms: inside the HTTP client (request,',
      "the simulator's answer, JSON.parse). rest ms: the remainder (validating, mapping, database).",
      ...results.flatMap((r) => ('note' in r ? [r.note] : [])),
      ...(retried ? ['Some requests were retried: the figures include the waits.'] : []),
      '',
    ].join('\n'),
  );
}

try {
  await main();
} catch (error) {
  process.stderr.write(
    `bench/sync.ts failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exitCode = 1;
}
