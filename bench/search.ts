/**
 * People search benchmark: the affected-person autocomplete over a trust of about 100,000
 * pupils and staff, on PGlite (in memory) and PostgreSQL.
 *
 *   npx tsx bench/search.ts [--explain] [--only pglite|postgres]
 *   BENCH_DATABASE_URL=postgres://user:password@127.0.0.1:5432/postgres npx tsx bench/search.ts
 *
 * See bench/README.md. PostgreSQL gets a database `plaster_bench_<random>` of its own, created
 * here and dropped at the end, also when the run fails or is interrupted.
 */
import { randomBytes } from 'node:crypto';
import { cpus, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import pg from 'pg';
import {
  createPglite,
  openPglite,
  openPostgres,
  type Database,
  type Db,
} from '../src/server/db/client';
import { searchPeople } from '../src/server/features/people/people-search.service';
import type { Scope } from '../src/server/access/scope';
import { loadTrust, SEED } from './search-data';
import { isSearch, pgliteExplainer, postgresExplainer, type Explainer } from './search-explain';
import { httpRoundTrip, type HttpLoad } from './search-http';
import { vacuumDirectory } from '../src/server/features/people/people.repo';
import {
  generateQueries,
  KIND_LABELS,
  MIX,
  QUERY_KINDS,
  type BenchQuery,
  type QueryKind,
} from './search-queries';
import { int, ms, ratio, summarise, table } from './search-report';

const DEFAULT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/postgres';
const QUERIES = 1_000;
const WARMUP_QUERIES = 200;
const LIMIT = 10;
/**
 * One client alone, for what a request costs without queueing; 20 people typing, a request
 * every 250 ms each on average (the field waits 150 ms after the last key); and 20 clients
 * that never pause, for the most the machine serves.
 */
const HTTP_LOADS: HttpLoad[] = [
  { concurrency: 1, requests: 500, warmupRequests: 100 },
  { concurrency: 20, requests: 2_000, warmupRequests: 200, pauseMs: 250 },
  { concurrency: 20, requests: 2_000, warmupRequests: 200 },
];
const HTTP_TARGET_CONCURRENCY = 20;
/** p95 targets in milliseconds, printed beside the figures. */
const TARGET = { pglite: 15, postgres: 5, http: 20 } as const;

/** `--explain`; `--only pglite` or `--only postgres` for one engine, a quicker run. */
function parseOptions(): { explain: boolean; only: Engine['key'] | undefined } {
  const { values } = parseArgs({
    options: { explain: { type: 'boolean', default: false }, only: { type: 'string' } },
  });
  const { explain, only } = values;
  if (only !== undefined && only !== 'pglite' && only !== 'postgres') {
    throw new Error(`--only takes pglite or postgres, not ${only || 'nothing'}`);
  }
  return { explain, only };
}

const NAIVE_SQL = `select id, first_name, last_name, school_id from people
  where organisation_id = $1 and (first_name || ' ' || last_name) ilike '%' || $2 || '%'
  limit ${LIMIT}`;
const NAIVE_SCHOOL_SQL = `select id, first_name, last_name, school_id from people
  where organisation_id = $1 and school_id = any($3::uuid[])
    and (first_name || ' ' || last_name) ilike '%' || $2 || '%'
  limit ${LIMIT}`;

const log = (line: string) => process.stderr.write(`${line}\n`);
/** The machine's one-minute load average: other work on it shows in the figures. */
const load = () => `${loadavg()[0]!.toFixed(1)}/${cpus().length} cores`;
const print = (line = '') => process.stdout.write(`${line}\n`);

// ---------------------------------------------------------------------------------------------
// Engines, and their clean-up even when the run is interrupted

const cleanups = new Set<() => Promise<void>>();

async function runCleanups(): Promise<void> {
  for (const cleanup of [...cleanups].reverse()) {
    cleanups.delete(cleanup);
    await cleanup().catch((error: unknown) => log(`clean-up failed: ${String(error)}`));
  }
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    log(`${signal}: cleaning up`);
    void runCleanups().finally(() => process.exit(130));
  });
}

type Engine = {
  key: 'pglite' | 'postgres';
  label: string;
  note: string;
  database: Database;
  explainer: Explainer;
};

async function serverVersion(database: Database): Promise<string> {
  const { rows } = await database.executeSql('show server_version', []);
  const version = (rows[0] as { server_version?: string } | undefined)?.server_version ?? '?';
  return version.split(' ')[0] ?? version;
}

async function openPgliteEngine(): Promise<Engine> {
  const client = await createPglite();
  const database = openPglite(client);
  cleanups.add(() => database.close());
  await database.migrate();
  const version = await serverVersion(database);
  return {
    key: 'pglite',
    label: 'PGlite',
    note: `PGlite (PostgreSQL ${version}) in this process, in memory`,
    database,
    explainer: pgliteExplainer(client),
  };
}

/** A fresh database on the server of `base`, or why there is none. */
async function openPostgresEngine(base: string): Promise<Engine | string> {
  const admin = new pg.Client({ connectionString: base, connectionTimeoutMillis: 3_000 });
  let version: string;
  try {
    await admin.connect();
    const result = await admin.query<{ server_version: string }>('show server_version');
    version = result.rows[0]?.server_version.split(' ')[0] ?? '?';
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  } finally {
    await admin.end().catch(() => {});
  }
  const name = `plaster_bench_${randomBytes(6).toString('hex')}`;
  const adminQuery = async (sql: string) => {
    const client = new pg.Client({ connectionString: base });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await adminQuery(`create database "${name}"`);
  cleanups.add(() => adminQuery(`drop database if exists "${name}" with (force)`));
  const url = new URL(base);
  url.pathname = `/${name}`;
  // The pool as production opens it (openDatabase → openPostgres, 10 connections).
  const database = openPostgres(url.toString());
  cleanups.add(() => database.close());
  const explainer = postgresExplainer(url.toString());
  cleanups.add(() => explainer.close());
  await database.migrate();
  return {
    key: 'postgres',
    label: `PostgreSQL ${version}`,
    note: `PostgreSQL ${version} at ${url.host}, database ${name}, a pool of 10 as production opens it`,
    database,
    explainer,
  };
}

// ---------------------------------------------------------------------------------------------
// Measuring

type Sample = { query: BenchQuery; ms: number; results: number };
type Measured = { ours: Sample[]; naive: Sample[] };

type ScopeRun = {
  title: string;
  scope: Scope;
  queries: BenchQuery[];
  warmup: BenchQuery[];
};

/** The search as GET /api/v1/people/search runs it (people.routes.ts). */
function search(db: Db, scope: Scope, q: string) {
  return searchPeople(db, scope, { q, limit: LIMIT });
}

async function ours(engine: Engine, scope: Scope, query: BenchQuery): Promise<Sample> {
  const started = performance.now();
  const results = await search(engine.database.db, scope, query.text);
  return { query, ms: performance.now() - started, results: results.length };
}

async function naive(engine: Engine, scope: Scope, query: BenchQuery): Promise<Sample> {
  const started = performance.now();
  const { rows } =
    scope.schoolIds === 'all'
      ? await engine.database.executeSql(NAIVE_SQL, [scope.organisationId, query.text])
      : await engine.database.executeSql(NAIVE_SCHOOL_SQL, [
          scope.organisationId,
          query.text,
          [...scope.schoolIds],
        ]);
  return { query, ms: performance.now() - started, results: rows.length };
}

/** The pause before each search of {@link afterPauses}. */
const PAUSE_MS = 11_000;
const PAUSED_SEARCHES = 10;

/**
 * Searches as a school makes them, minutes apart: each after a pause longer than the time pg's
 * pool closes idle connections by default, so that a pool that closes them shows it.
 */
async function afterPauses(engine: Engine, run: ScopeRun): Promise<number[]> {
  const times: number[] = [];
  for (const query of run.queries.slice(0, PAUSED_SEARCHES)) {
    await sleep(PAUSE_MS);
    times.push((await ours(engine, run.scope, query)).ms);
  }
  return times;
}

/** Each query once each way, alternating which goes first so neither always finds a warm cache. */
async function measure(engine: Engine, run: ScopeRun): Promise<Measured> {
  for (const query of run.warmup) {
    await ours(engine, run.scope, query);
    await naive(engine, run.scope, query);
  }
  const measured: Measured = { ours: [], naive: [] };
  for (const [i, query] of run.queries.entries()) {
    if (i % 2 === 0) {
      measured.ours.push(await ours(engine, run.scope, query));
      measured.naive.push(await naive(engine, run.scope, query));
    } else {
      measured.naive.push(await naive(engine, run.scope, query));
      measured.ours.push(await ours(engine, run.scope, query));
    }
    if ((i + 1) % 250 === 0) log(`  ${run.title}: ${i + 1}/${run.queries.length}`);
  }
  return measured;
}

const mean = (values: number[]) =>
  values.length === 0 ? 0 : values.reduce((a, b) => a + b, 0) / values.length;

function scopeTable(engine: Engine, measured: Measured): string {
  const target = TARGET[engine.key];
  const rowOf = (label: string, share: string, filter: (s: Sample) => boolean): string[] => {
    const o = measured.ours.filter(filter);
    const n = measured.naive.filter(filter);
    const so = summarise(o.map((s) => s.ms));
    const sn = summarise(n.map((s) => s.ms));
    return [
      label,
      share,
      int(so.n),
      ms(mean(o.map((s) => s.ms))),
      ms(so.p50),
      ms(so.p95),
      ms(so.p99),
      mean(o.map((s) => s.results)).toFixed(1),
      ms(sn.p50),
      ms(sn.p95),
      ms(sn.p99),
      mean(n.map((s) => s.results)).toFixed(1),
      ratio(sn.p50, so.p50),
      ratio(sn.p95, so.p95),
      so.p95 <= target ? 'met' : 'MISSED',
    ];
  };
  const rows = QUERY_KINDS.map((kind) =>
    rowOf(KIND_LABELS[kind], `${MIX[kind]}%`, (s) => s.query.kind === kind),
  );
  rows.push(rowOf('all', '100%', () => true));
  return table(
    [
      'query kind',
      'share',
      'n',
      'mean',
      'p50',
      'p95',
      'p99',
      'found',
      'naive p50',
      'naive p95',
      'naive p99',
      'naive found',
      'naive/ours p50',
      'naive/ours p95',
      `p95 ≤ ${target} ms`,
    ],
    rows,
    1,
  );
}

/** The kinds whose p95 misses the engine's target, each with its query at the p95 rank. */
function misses(engine: Engine, measured: Measured): Array<{ kind: QueryKind; sample: Sample }> {
  const out: Array<{ kind: QueryKind; sample: Sample }> = [];
  for (const kind of QUERY_KINDS) {
    const samples = measured.ours.filter((s) => s.query.kind === kind).sort((a, b) => a.ms - b.ms);
    const sample = samples[Math.max(0, Math.ceil(0.95 * samples.length) - 1)];
    if (sample && sample.ms > TARGET[engine.key]) out.push({ kind, sample });
  }
  return out;
}

async function explainMisses(engine: Engine, run: ScopeRun, measured: Measured): Promise<void> {
  for (const { kind, sample } of misses(engine, measured)) {
    engine.explainer.take();
    await search(engine.explainer.db, run.scope, sample.query.text);
    const plans = await engine.explainer.explain(engine.explainer.take());
    print();
    print(
      `Plans on ${engine.label}, ${run.title}, ${KIND_LABELS[kind]}: q="${sample.query.text}" ` +
        `(${ms(sample.ms)} ms in the run, the kind's p95)`,
    );
    for (const { what, plan } of plans) {
      if (isSearch(what)) {
        print(`  ${what}:`);
        for (const line of plan) print(`    ${line}`);
      } else {
        const times = plan.filter((l) => /^(Planning|Execution) Time/.test(l.trim()));
        print(`  ${what}: ${times.map((l) => l.trim()).join(', ')}`);
      }
    }
  }
}

// ---------------------------------------------------------------------------------------------

let described = false;

async function benchEngine(engine: Engine, explain: boolean): Promise<void> {
  log(`${engine.label}: generating and loading the trust`);
  // As the nightly people.vacuum job leaves the directory (and ANALYZE for the rest).
  const analyze = async () => {
    await engine.database.executeSql('analyze', []);
    await vacuumDirectory(engine.database.db);
  };
  const { trust, loaded } = await loadTrust(engine.database.db, analyze, log);
  if (!described) {
    described = true;
    print(
      `${int(trust.people.length)} people (${int(trust.pupils)} pupils, ${int(trust.staff)} staff; ` +
        `${int(trust.people.filter((p) => p.status === 'left').length)} of them leavers) in ` +
        `${int(trust.schools.length)} schools of one trust, generated with seed "${SEED}" ` +
        `in ${int(trust.generateMs)} ms.`,
    );
  }

  // One school: the largest, whose staff see the most names without the trust's scope.
  const largest = trust.schools.reduce(
    (best, school, i) => (school.people > (trust.schools[best]?.people ?? 0) ? i : best),
    0,
  );
  const school = trust.schools[largest]!;
  const schoolPeople = trust.people.filter((p) => p.schoolIndex === largest);
  const runs: ScopeRun[] = [
    {
      title: `trust-wide scope (${int(trust.schools.length)} schools)`,
      scope: { organisationId: loaded.organisationId, schoolIds: 'all' },
      queries: generateQueries(`${SEED}:trust`, trust.people, QUERIES),
      warmup: generateQueries(`${SEED}:trust-warmup`, trust.people, WARMUP_QUERIES),
    },
    {
      title: `one-school scope (${school.name}, ${int(school.people)} people)`,
      scope: { organisationId: loaded.organisationId, schoolIds: [loaded.schoolIds[largest]!] },
      queries: generateQueries(`${SEED}:school`, schoolPeople, QUERIES),
      warmup: generateQueries(`${SEED}:school-warmup`, schoolPeople, WARMUP_QUERIES),
    },
  ];

  print();
  print(`## ${engine.label}`);
  print();
  print(engine.note);
  print(
    `Loaded in ${int(loaded.loadMs / 1000)} s (upsertPeople, 200 a transaction; ` +
      `${int(loaded.incidents)} incidents), ANALYZE and people.vacuum ${int(loaded.analyzeMs)} ms.`,
  );
  const measuredRuns: Array<{ run: ScopeRun; measured: Measured }> = [];
  for (const run of runs) {
    log(`${engine.label}: ${run.title}`);
    const loadBefore = load();
    const measured = await measure(engine, run);
    measuredRuns.push({ run, measured });
    print();
    print(
      `searchPeople, ${run.title}, limit ${LIMIT}: ${int(run.queries.length)} queries after ` +
        `${int(run.warmup.length)} warm-up; ms. Load average ${loadBefore} before, ${load()} after.`,
    );
    print();
    print(scopeTable(engine, measured));
  }

  if (engine.key === 'postgres') {
    log(`${engine.label}: searches after a pause`);
    const pauses = summarise(await afterPauses(engine, runs[0]!));
    print();
    print(
      `searchPeople after a pause, trust-wide: ${int(pauses.n)} searches, each after ` +
        `${int(PAUSE_MS / 1000)} s without a query (longer than pg's default idle timeout); ms.`,
    );
    print();
    print(table(['searches', 'p50', 'max'], [[int(pauses.n), ms(pauses.p50), ms(pauses.max)]], 0));

    log(`${engine.label}: HTTP`);
    const loadBefore = load();
    const results = await httpRoundTrip(
      engine.database.db,
      { email: loaded.userEmail, password: loaded.userPassword },
      runs[0]!.queries.map((q) => q.text),
      HTTP_LOADS,
    );
    print();
    print(
      'HTTP: GET /api/v1/people/search?q=… on 127.0.0.1, the real app (buildApp, logger silent) ' +
        'signed in as an admin of the whole trust, the trust-wide queries in turn; clients in a ' +
        `worker thread; ms. Load average ${loadBefore} before, ${load()} after.`,
    );
    print();
    const rows = HTTP_LOADS.map((load, i) => {
      const result = results[i]!;
      const s = summarise(result.latencies);
      const targeted = load.concurrency === HTTP_TARGET_CONCURRENCY;
      return [
        `${load.concurrency} ${load.concurrency === 1 ? 'client' : 'clients'}` +
          (load.concurrency === 1
            ? ''
            : load.pauseMs
              ? `, ~${load.pauseMs} ms apart`
              : ', no pause'),
        `${int(s.n)} after ${int(load.warmupRequests)}`,
        int(result.failures),
        ms(s.p50),
        ms(s.p95),
        ms(s.p99),
        ms(s.max),
        int(s.n / (result.wallMs / 1000)),
        targeted ? (s.p95 <= TARGET.http ? 'met' : 'MISSED') : '–',
      ];
    });
    print(
      table(
        [
          'load',
          'requests',
          'failed',
          'p50',
          'p95',
          'p99',
          'max',
          'requests/s',
          `p95 ≤ ${TARGET.http} ms (${HTTP_TARGET_CONCURRENCY} clients)`,
        ],
        rows,
        1,
      ),
    );
    for (const result of results) {
      if (result.firstFailure) print(`First failure: ${result.firstFailure}`);
    }
  }

  if (explain) {
    for (const { run, measured } of measuredRuns) await explainMisses(engine, run, measured);
  }
}

async function main(): Promise<void> {
  const { explain, only } = parseOptions();
  const base = process.env.BENCH_DATABASE_URL ?? DEFAULT_DATABASE_URL;
  print('# People search');
  print();
  print(
    'Latency of searchPeople as the route calls it (the prefix search, or the typo search when ' +
      'no name starts with what was typed, each with incident counts and repeat flags), ' +
      'measured in process around the call; "naive" is one ILIKE over first and last name.',
  );
  print(
    `Targets (p95): PostgreSQL ≤ ${TARGET.postgres} ms, PGlite ≤ ${TARGET.pglite} ms, ` +
      `HTTP ≤ ${TARGET.http} ms with ${HTTP_TARGET_CONCURRENCY} clients on PostgreSQL.`,
  );
  print('found: mean results per query (at most 10).');

  if (only !== 'postgres') {
    const pglite = await openPgliteEngine();
    try {
      await benchEngine(pglite, explain);
    } finally {
      await runCleanups();
    }
  }
  if (only === 'pglite') return;

  const postgres = await openPostgresEngine(base);
  if (typeof postgres === 'string') {
    print();
    print(`## PostgreSQL`);
    print();
    print(`Skipped: cannot connect to ${new URL(base).host}: ${postgres}`);
    return;
  }
  try {
    await benchEngine(postgres, explain);
  } finally {
    await runCleanups();
  }
}

try {
  await main();
} catch (error) {
  await runCleanups();
  log(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exitCode = 1;
}
