/**
 * Browser benchmark of the affected-person field: from the last keystroke to the right
 * suggestions on screen, in headless Chromium against the built app as `plaster serve` runs it.
 *
 *   npx tsx bench/ui.ts [--queries 60] [--latency-ms 0,250] [--port 3991] [--skip-build] [--demo]
 *                       [--verbose]
 *   BENCH_DATABASE_URL=postgres://user:password@127.0.0.1:5432/postgres npx tsx bench/ui.ts
 *
 * See bench/README.md. By default the 100,000-person trust of bench/search-data.ts is loaded
 * into a PostgreSQL database `plaster_bench_ui_<random>` of its own, created here and dropped at
 * the end, also when the run fails or is interrupted; `--demo` serves the demo trust on PGlite
 * instead and connects its larger school to the built-in Wonde simulator.
 */
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { cpus, loadavg, release, totalmem } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { chromium, type APIRequestContext, type BrowserContext, type Page } from '@playwright/test';
import pg from 'pg';
import { openPostgres } from '../src/server/db/client';
import { vacuumDirectory } from '../src/server/features/people/people.repo';
import type { PersonSearchResult } from '../src/shared/people-api';
import { createSeededRandom } from '../src/wonde-simulator/index';
import {
  CHROMIUM,
  CHROMIUM_ARGS,
  cleanups,
  log,
  ROOT,
  run,
  runBench,
  startServer,
  UsageError,
} from './browser-bench';
import { buildTrust, loadTrust, SEED, type BenchPerson } from './search-data';
import { generateQueries, KIND_LABELS, QUERY_KINDS, type BenchQuery } from './search-queries';
import { int, ms, summarise, table } from './search-report';

const DEFAULT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

/** The page and field measured: the incident form's affected person, for one school. */
const FORM_PATH = '/incidents/new';
const FIELD_LABEL = 'Affected person';
/** What the page asks the API for (PersonCombobox: RESULT_LIMIT, no type, no leavers). */
const RESULT_LIMIT = 10;
const SEARCH_ROUTE = '**/api/v1/people/search**';

const WARMUP_QUERIES = 5;
/** Spacing of keystrokes, as someone typing a name: drawn between these for each key. */
const KEY_GAP_MS = [80, 120] as const;
/** The suggestions must stay right this long after the page has the answer for the whole text. */
const SETTLE_MS = 300;
/** How long after its last keystroke a query may take to show the right suggestions. */
const QUERY_TIMEOUT_MS = 10_000;
/** A query whose list is still not right this long after its answer came is wrong. */
const GIVE_UP_MS = 2_000;
/** p95 target at 0 ms added latency. */
const TARGET_MS = 250;

const print = (line = '') => process.stdout.write(`${line}\n`);
const load = () => `${loadavg()[0]!.toFixed(1)}/${cpus().length} cores`;

type Options = {
  queries: number;
  latencies: number[];
  port: number;
  skipBuild: boolean;
  demo: boolean;
  verbose: boolean;
};

function parseOptions(): Options {
  const { values } = parseArgs({
    options: {
      queries: { type: 'string', default: '60' },
      'latency-ms': { type: 'string', default: '0,250' },
      port: { type: 'string', default: '3991' },
      'skip-build': { type: 'boolean', default: false },
      demo: { type: 'boolean', default: false },
      verbose: { type: 'boolean', default: false },
    },
  });
  const whole = (name: string, text: string, min: number, max: number): number => {
    const n = Number(text);
    if (!Number.isInteger(n) || n < min || n > max) {
      throw new UsageError(`--${name} takes a whole number from ${min} to ${max}, not "${text}"`);
    }
    return n;
  };
  const latencies = values['latency-ms']
    .split(',')
    .map((part) => whole('latency-ms', part.trim(), 0, 5_000));
  return {
    queries: whole('queries', values.queries, 1, 1_000),
    latencies,
    port: whole('port', values.port, 1, 65_535),
    skipBuild: values['skip-build'],
    demo: values.demo,
    verbose: values.verbose,
  };
}

// ---------------------------------------------------------------------------------------------
// The data, and the server that serves it

/** What the server is started with and what the queries are made of. */
type Target = {
  description: string;
  env: Record<string, string>;
  user: { email: string; password: string };
  /** The school chosen in the form, and its people, whom the queries are made from. */
  school: { name: string; people: BenchPerson[] };
  /** Work to do through the API once the server is up (the demo connects its school). */
  prepare?: (api: APIRequestContext, csrfToken: string, schoolId: string) => Promise<void>;
};

/** The 100,000-person trust in a new database on the server of `base`. */
async function postgresTarget(base: string): Promise<Target> {
  const adminQuery = async (sql: string): Promise<pg.QueryResult> => {
    const client = new pg.Client({ connectionString: base, connectionTimeoutMillis: 5_000 });
    await client.connect();
    try {
      return await client.query(sql);
    } finally {
      await client.end();
    }
  };
  let version: string;
  try {
    const result = await adminQuery('show server_version');
    version = String((result.rows[0] as { server_version?: string }).server_version ?? '?');
  } catch (error) {
    throw new UsageError(
      `cannot connect to PostgreSQL at ${new URL(base).host} (BENCH_DATABASE_URL): ` +
        `${error instanceof Error ? error.message : String(error)}; or run with --demo`,
    );
  }
  const name = `plaster_bench_ui_${randomBytes(6).toString('hex')}`;
  await adminQuery(`create database "${name}"`);
  cleanups.add(async () => {
    await adminQuery(`drop database if exists "${name}" with (force)`);
    log(`dropped database ${name}`);
  });
  const url = new URL(base);
  url.pathname = `/${name}`;

  log(`PostgreSQL ${version.split(' ')[0]}: database ${name}; generating and loading the trust`);
  const database = openPostgres(url.toString());
  // Closed before the database is dropped, also when a signal stops the loading.
  const close = () => database.close();
  cleanups.add(close);
  let loaded: Awaited<ReturnType<typeof loadTrust>>;
  try {
    await database.migrate();
    loaded = await loadTrust(
      database.db,
      async () => {
        await database.executeSql('analyze', []);
        await vacuumDirectory(database.db);
      },
      log,
    );
  } finally {
    if (cleanups.delete(close)) await close();
  }
  const { trust } = loaded;
  // The largest school, whose staff see the most names, as bench/search.ts's one-school scope.
  const largest = trust.schools.reduce(
    (best, school, i) => (school.people > (trust.schools[best]?.people ?? 0) ? i : best),
    0,
  );
  const school = trust.schools[largest]!;
  return {
    description:
      `${int(trust.people.length)} people in ${int(trust.schools.length)} schools of one trust ` +
      `(bench/search-data.ts, seed "${SEED}", ${int(loaded.loaded.incidents)} incidents), on ` +
      `PostgreSQL ${version.split(' ')[0]} at ${url.host}, database ${name}, loaded in ` +
      `${int(loaded.loaded.loadMs / 1000)} s; the form's school: ${school.name} ` +
      `(${int(school.people)} people)`,
    env: {
      DATABASE_URL: url.toString(),
      SESSION_SECRET: randomBytes(32).toString('hex'),
      ENCRYPTION_KEY: randomBytes(32).toString('hex'),
      PLASTER_DEMO: 'off',
      RUN_JOBS_IN_SERVE: 'false',
    },
    user: { email: loaded.loaded.userEmail, password: loaded.loaded.userPassword },
    school: { name: school.name, people: trust.people.filter((p) => p.schoolIndex === largest) },
  };
}

/**
 * The demo trust on PGlite, as `npm start` serves it. Its Wonde simulator generates the same
 * people from the same options (src/server/demo/demo-wonde.ts), so the queries are made from
 * them here; the larger school is connected through the API, as an admin does on its page.
 */
const DEMO = {
  wonde: {
    seed: 'plaster-demo',
    trust: 'Oakfield Learning Trust',
    schools: [
      { name: 'Oakfield Primary School', phase: 'PRIMARY', pupils: 320 },
      { name: 'Oakfield Academy', phase: 'SECONDARY', pupils: 1150 },
    ],
  },
  /** Oakfield Academy. */
  schoolIndex: 1,
  admin: { email: 'admin@oakfield.example', password: 'oakfield-demo-2026' },
} as const;

function demoTarget(): Target {
  const trust = buildTrust({
    seed: DEMO.wonde.seed,
    trust: DEMO.wonde.trust,
    schools: DEMO.wonde.schools,
  });
  const school = trust.schools[DEMO.schoolIndex]!;
  return {
    description:
      `the demo trust on PGlite (its own DATA_DIR), ${school.name} connected to the built-in ` +
      `Wonde simulator through the API and synced (${int(school.people.length)} people)`,
    env: { PLASTER_DEMO: 'on' },
    user: DEMO.admin,
    school: {
      name: school.name,
      people: trust.people.filter((p) => p.schoolIndex === DEMO.schoolIndex),
    },
    prepare: async (api, csrfToken, schoolId) => {
      log(`connecting ${school.name} to the demo's Wonde and waiting for its first sync`);
      const headers = { 'x-csrf-token': csrfToken };
      const connected = await api.post(`/api/v1/schools/${schoolId}/wonde/connect`, {
        headers,
        data: { urn: school.urn },
      });
      if (!connected.ok()) {
        throw new Error(
          `connecting ${school.name}: ${connected.status()} ${await connected.text()}`,
        );
      }
      const deadline = Date.now() + 180_000;
      for (;;) {
        const response = await api.get(`/api/v1/schools/${schoolId}/wonde`);
        const body = (await response.json()) as {
          state: string;
          recentRuns: Array<{ status: string; error?: unknown }>;
        };
        if (body.recentRuns.some((r) => r.status === 'succeeded')) return;
        if (body.recentRuns.some((r) => r.status === 'failed')) {
          throw new Error(`the first sync of ${school.name} failed: ${JSON.stringify(body)}`);
        }
        if (Date.now() > deadline) {
          throw new Error(`${school.name} was not synced within 3 minutes (${body.state})`);
        }
        await sleep(1_000);
      }
    },
  };
}

/** Configuration of `plaster serve` that the bench sets itself, never inherited. */

// ---------------------------------------------------------------------------------------------
// Measuring in the page

/**
 * Installed in every page before the app's own scripts (plain JavaScript, so that nothing the
 * TypeScript compiler adds reaches the page). `arm` starts watching the field for one query:
 * every keystroke (keydown; or beforeinput for text inserted without one) is timed with
 * `performance.now()`, a MutationObserver checks after each change whether the listbox shows
 * exactly the expected names and no "Searching…", and a PerformanceObserver notes when the
 * response to the search for the whole text arrived. The query is done once the list has been
 * right, with that response in, for SETTLE_MS; its time is from the last keystroke to the moment
 * the list became right for the last time (or to the response, if the list was right before it).
 */
const HARNESS_SOURCE = `
(() => {
  let current = null;
  let keySinceInput = false;
  const normal = (text) => (text || '').replace(/\\s+/g, ' ').trim();

  function view(a) {
    const id = a.input.getAttribute('aria-controls');
    const listbox = (id && document.getElementById(id)) || null;
    if (!listbox || !listbox.isConnected || listbox.closest('[hidden]')) {
      return { open: false, names: [], searching: false };
    }
    const names = [];
    for (const option of listbox.querySelectorAll('[role="option"]')) {
      const name = option.querySelector('.person-option__name');
      if (name) names.push(normal(name.textContent));
    }
    // "Searching…" beside the list, in the popover around it.
    const around = listbox.closest('[data-trigger]') || listbox.parentElement;
    let searching = false;
    const walker = document.createTreeWalker(around, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (!listbox.contains(node) && node.data.includes('Searching')) {
        searching = true;
        break;
      }
    }
    return { open: true, names, searching };
  }

  function isRight(a) {
    const v = view(a);
    return (
      v.open &&
      !v.searching &&
      v.names.length === a.expected.length &&
      v.names.every((name, i) => name === a.expected[i])
    );
  }

  function settle(a) {
    clearTimeout(a.settleTimer);
    if (a.right && a.responseEnd !== null) {
      a.settleTimer = setTimeout(() => finish(a, true), a.settleMs);
    }
  }

  function check(a, now) {
    const right = isRight(a);
    if (right === a.right) return;
    a.right = right;
    a.rightAt = right ? now : null;
    a.flips += 1;
    settle(a);
  }

  function keystroke(now) {
    const a = current;
    if (!a) return;
    if (a.lastKeyAt !== null) a.gaps.push(now - a.lastKeyAt);
    a.lastKeyAt = now;
    a.keys += 1;
    a.right = false;
    a.rightAt = null;
    check(a, now);
  }

  function finish(a, ok) {
    if (current !== a) return;
    current = null;
    clearTimeout(a.settleTimer);
    clearTimeout(a.timeout);
    clearTimeout(a.giveUp);
    a.mutations.disconnect();
    a.resources.disconnect();
    const v = view(a);
    const shownAt = ok ? Math.max(a.rightAt, a.responseEnd) : null;
    a.resolve({
      ok,
      ms: ok ? shownAt - a.lastKeyAt : null,
      rightBeforeResponse: ok ? a.rightAt < a.responseEnd : null,
      responseMs: a.responseEnd === null ? null : a.responseEnd - a.lastKeyAt,
      keys: a.keys,
      gaps: a.gaps,
      flips: a.flips,
      shown: v.names,
      open: v.open,
      searching: v.searching,
    });
  }

  addEventListener('keydown', () => {
    keySinceInput = true;
    keystroke(performance.now());
  }, true);
  addEventListener('beforeinput', () => {
    if (keySinceInput) keySinceInput = false;
    else keystroke(performance.now());
  }, true);

  window.__uiBench = {
    arm(input, { text, expected, settleMs, timeoutMs, giveUpMs }) {
      if (current) finish(current, false);
      const a = {
        input, text, expected, settleMs,
        lastKeyAt: null, keys: 0, gaps: [], right: false, rightAt: null, flips: 0,
        responseEnd: null, settleTimer: 0, timeout: 0, giveUp: 0,
      };
      a.done = new Promise((resolve) => { a.resolve = resolve; });
      a.mutations = new MutationObserver(() => check(a, performance.now()));
      a.mutations.observe(document.body, {
        subtree: true, childList: true, characterData: true, attributes: true,
      });
      a.resources = new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) {
          let url;
          try { url = new URL(entry.name); } catch { continue; }
          if (!url.pathname.endsWith('/api/v1/people/search')) continue;
          if (url.searchParams.get('q') !== a.text || a.responseEnd !== null) continue;
          a.responseEnd = entry.responseEnd;
          settle(a);
          // Answered, yet never right: wrong, without waiting out the whole timeout.
          a.giveUp = setTimeout(() => { if (!a.right) finish(a, false); }, giveUpMs);
        }
      });
      a.resources.observe({ type: 'resource', buffered: true });
      a.timeout = setTimeout(() => finish(a, false), timeoutMs);
      current = a;
      return true;
    },
    /** The outcome of the armed query, once it is known. */
    outcome() {
      return current ? current.done : Promise.resolve(null);
    },
  };
})();
`;

type Outcome = {
  ok: boolean;
  ms: number | null;
  rightBeforeResponse: boolean | null;
  responseMs: number | null;
  keys: number;
  /** Milliseconds between one keystroke and the next, as the page saw them. */
  gaps: number[];
  flips: number;
  shown: string[];
  open: boolean;
  searching: boolean;
};

type Harness = {
  arm(
    input: Element,
    options: {
      text: string;
      expected: string[];
      settleMs: number;
      timeoutMs: number;
      giveUpMs: number;
    },
  ): boolean;
  outcome(): Promise<Outcome | null>;
};

type Sample = {
  query: BenchQuery;
  expected: string[];
  outcome: Outcome;
  /** Search requests the page sent while the query was typed and answered. */
  requests: number;
};

const nameOf = (p: Pick<PersonSearchResult, 'firstName' | 'lastName'>) =>
  `${p.firstName} ${p.lastName}`.replace(/\s+/g, ' ').trim();

/** The search's parameters as the field sends them for the chosen school. */
/**
 * The field's search: within the one school of a user who has one, across all of them for a
 * user with several (the person is found first, and their school follows).
 */
const searchParams = (schoolId: string | null, q: string) =>
  new URLSearchParams({ q, ...(schoolId ? { schoolId } : {}), limit: String(RESULT_LIMIT) });

/** The names the API gives for the whole text, as the field asks for them. */
async function expectedNames(api: APIRequestContext, schoolId: string | null, q: string) {
  const response = await api.get(`/api/v1/people/search?${searchParams(schoolId, q).toString()}`);
  if (!response.ok()) {
    throw new Error(
      `GET /api/v1/people/search?q=${q}: ${response.status()} ${await response.text()}`,
    );
  }
  const body = (await response.json()) as { results: PersonSearchResult[] };
  return body.results.map(nameOf);
}

type Setting = { latencyMs: number; samples: Sample[]; delayed: number };

/**
 * One query: a fresh page of the form with the school chosen and the field focused, then the
 * text typed key by key, and the harness's outcome.
 */
async function measureQuery(
  page: Page,
  schoolId: string | null,
  query: BenchQuery,
  gap: () => number,
  requests: { count: number; texts: string[]; otherParams: string | null },
  verbose: boolean,
): Promise<Sample> {
  const t0 = performance.now();
  const expected = await expectedNames(page.context().request, schoolId, query.text);
  await page.goto(FORM_PATH);
  const field = page.getByRole('combobox', { name: FIELD_LABEL, exact: true });
  // The school chosen for the last query left a draft of the form: start afresh instead.
  const discard = page.getByRole('button', { name: 'Delete it and start again' });
  await field.or(discard).waitFor();
  if (await discard.isVisible()) await discard.click();
  await field.waitFor();
  await field.click();
  await field.evaluate(
    (input, options) => (window as unknown as { __uiBench: Harness }).__uiBench.arm(input, options),
    {
      text: query.text,
      expected,
      settleMs: SETTLE_MS,
      timeoutMs: query.text.length * KEY_GAP_MS[1] + QUERY_TIMEOUT_MS,
      giveUpMs: GIVE_UP_MS,
    },
  );
  requests.count = 0;
  requests.texts = [];
  requests.otherParams = null;
  const t1 = performance.now();
  // Each key is sent its gap after the previous one was, the round trip to the browser included.
  let sentAt = 0;
  for (const [i, key] of [...query.text].entries()) {
    if (i > 0) await sleep(Math.max(0, sentAt + gap() - performance.now()));
    sentAt = performance.now();
    await page.keyboard.type(key);
  }
  const outcome = await page.evaluate(() =>
    (window as unknown as { __uiBench: Harness }).__uiBench.outcome(),
  );
  if (!outcome) throw new Error(`no outcome for "${query.text}": the page was not armed`);
  // Set by the page's requests meanwhile, which the compiler cannot see.
  const otherParams = requests.otherParams as string | null;
  if (otherParams !== null) {
    throw new Error(
      `the field searched with ${otherParams} besides q, the bench's own search with ` +
        `${searchParams(schoolId, '').toString()}: the expected names would not be comparable ` +
        '(has RESULT_LIMIT of PersonCombobox changed?)',
    );
  }
  if (verbose) {
    log(
      `    "${query.text}" ${outcome.ok ? `${ms(outcome.ms ?? 0)} ms` : 'WRONG'}; response ` +
        `${outcome.responseMs === null ? '–' : ms(outcome.responseMs)} ms; requests ` +
        `[${requests.texts.join(' | ')}]; flips ${outcome.flips}; keys ${outcome.keys}; ` +
        `page ready in ${int(t1 - t0)} ms, typed and answered in ${int(performance.now() - t1)} ms`,
    );
  }
  return { query, expected, outcome, requests: requests.count };
}

async function measureSetting(
  context: BrowserContext,
  schoolId: string | null,
  latencyMs: number,
  warmup: readonly BenchQuery[],
  queries: readonly BenchQuery[],
  verbose: boolean,
): Promise<Setting> {
  const page = await context.newPage();
  // Leaving a form with changes asks first (beforeunload): each query leaves one.
  page.on('dialog', (dialog) => void dialog.accept());
  try {
    const setting: Setting = { latencyMs, samples: [], delayed: 0 };
    if (latencyMs > 0) {
      await page.route(SEARCH_ROUTE, async (route) => {
        setting.delayed += 1;
        await sleep(latencyMs);
        // The page may have given the request up meanwhile (a newer search supersedes it).
        await route.continue().catch(() => undefined);
      });
    }
    const requests = { count: 0, texts: [] as string[], otherParams: null as string | null };
    const expectedParams = searchParams(schoolId, '');
    expectedParams.delete('q');
    expectedParams.sort();
    page.on('request', (request) => {
      const url = new URL(request.url());
      if (url.pathname !== '/api/v1/people/search') return;
      requests.count += 1;
      requests.texts.push(url.searchParams.get('q') ?? '');
      // The expected names are asked for with the same parameters, the text aside.
      const asked = new URLSearchParams(url.search);
      asked.delete('q');
      asked.sort();
      if (asked.toString() !== expectedParams.toString()) requests.otherParams = asked.toString();
    });
    const rng = createSeededRandom(`${SEED}:ui-keys:${latencyMs}`);
    const gap = () => rng.int(KEY_GAP_MS[0], KEY_GAP_MS[1]);
    for (const query of warmup) await measureQuery(page, schoolId, query, gap, requests, verbose);
    for (const [i, query] of queries.entries()) {
      setting.samples.push(await measureQuery(page, schoolId, query, gap, requests, verbose));
      if ((i + 1) % 20 === 0 || i + 1 === queries.length) {
        log(`  ${latencyMs} ms added: ${i + 1}/${queries.length}`);
      }
    }
    return setting;
  } finally {
    await page.close();
  }
}

// ---------------------------------------------------------------------------------------------

/** A query whose suggestions never came counts as slower than any that came. */
const timeOf = (s: Sample) => (s.outcome.ok ? (s.outcome.ms ?? 0) : Number.POSITIVE_INFINITY);
const msOrNever = (n: number) => (Number.isFinite(n) ? ms(n) : 'never');

function row(samples: readonly Sample[]): string[] {
  const summary = summarise(samples.map(timeOf));
  const requests = samples.reduce((sum, s) => sum + s.requests, 0) / samples.length;
  return [
    int(summary.n),
    int(samples.filter((s) => !s.outcome.ok).length),
    requests.toFixed(1),
    msOrNever(summary.p50),
    msOrNever(summary.p95),
    msOrNever(summary.max),
  ];
}

const COLUMNS = ['n', 'wrong', 'requests/query', 'p50', 'p95', 'max'];

/** The table of each setting, then the same by kind of query. */
function report(settings: readonly Setting[]): string[] {
  const main = table(
    ['setting', ...COLUMNS, `p95 ≤ ${TARGET_MS} ms (0 ms added)`],
    settings.map(({ latencyMs, samples }) => {
      const p95 = summarise(samples.map(timeOf)).p95;
      return [
        `${latencyMs} ms added latency`,
        ...row(samples),
        latencyMs === 0 ? (p95 <= TARGET_MS ? 'met' : 'MISSED') : '–',
      ];
    }),
    1,
  );
  const byKind = table(
    ['setting', 'query kind', ...COLUMNS],
    settings.flatMap(({ latencyMs, samples }) =>
      QUERY_KINDS.map((kind) => samples.filter((s) => s.query.kind === kind))
        .filter((of) => of.length > 0)
        .map((of) => [`${latencyMs} ms added`, KIND_LABELS[of[0]!.query.kind], ...row(of)]),
    ),
    2,
  );
  const gaps = summarise(settings.flatMap((s) => s.samples.flatMap((x) => x.outcome.gaps)));
  const came = settings
    .filter((setting) => setting.samples.some((x) => !x.outcome.ok))
    .map(({ latencyMs, samples }) => {
      const right = summarise(samples.filter((x) => x.outcome.ok).map(timeOf));
      return (
        `${latencyMs} ms added: p50 ${msOrNever(right.p50)}, p95 ${msOrNever(right.p95)}, ` +
        `max ${msOrNever(right.max)} ms (n ${int(right.n)})`
      );
    });
  return [
    main,
    ...(came.length > 0
      ? ['', `Wrong ones left out, the queries whose suggestions came: ${came.join('; ')}.`]
      : []),
    '',
    `By kind of query (the same runs):`,
    '',
    byKind,
    '',
    `Keystrokes came ${ms(gaps.p50)} ms apart at the median (p95 ${ms(gaps.p95)}, max ` +
      `${ms(gaps.max)}) as the page saw them.`,
  ];
}

async function main(): Promise<number> {
  const options = parseOptions();
  if (!existsSync(CHROMIUM)) {
    throw new UsageError(`no Chromium at ${CHROMIUM} (Debian: apt-get install chromium)`);
  }
  const started = Date.now();
  if (options.skipBuild) log('--skip-build: serving the web app already built in dist/web');
  else await run('npm', ['run', 'build:web', '--silent']);
  if (!existsSync(path.join(ROOT, 'dist/web/index.html'))) {
    throw new UsageError('no built web app in dist/web: run without --skip-build');
  }

  const target = options.demo
    ? demoTarget()
    : await postgresTarget(process.env.BENCH_DATABASE_URL ?? DEFAULT_DATABASE_URL);
  const base = await startServer(options.port, target.env);
  log(`plaster serve answers on ${base}`);

  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    // The bench's own handlers close it, then the server and the database; Playwright's would
    // exit the process as soon as the browser was closed.
    handleSIGINT: false,
    handleSIGTERM: false,
  });
  cleanups.add(() => browser.close());
  const context = await browser.newContext({
    baseURL: base,
    locale: 'en-GB',
    timezoneId: 'Europe/London',
  });
  await context.addInitScript({ content: HARNESS_SOURCE });

  const signIn = await context.request.post('/api/v1/auth/login', { data: target.user });
  if (!signIn.ok()) throw new Error(`sign-in failed: ${signIn.status()} ${await signIn.text()}`);
  const me = (await signIn.json()) as {
    csrfToken: string;
    schools: Array<{ id: string; name: string }>;
  };
  const school = me.schools.find((s) => s.name === target.school.name);
  if (!school) throw new Error(`${target.user.email} cannot see ${target.school.name}`);
  await target.prepare?.(context.request, me.csrfToken, school.id);

  const seed = options.demo ? DEMO.wonde.seed : SEED;
  const queries = generateQueries(`${seed}:ui`, target.school.people, options.queries);
  const warmup = generateQueries(`${seed}:ui-warmup`, target.school.people, WARMUP_QUERIES);
  const settings: Setting[] = [];
  const loadBefore = load();
  for (const latencyMs of options.latencies) {
    log(`${latencyMs} ms added latency: ${WARMUP_QUERIES} warm-up, ${queries.length} queries`);
    const setting = await measureSetting(
      context,
      me.schools.length > 1 ? null : school.id,
      latencyMs,
      warmup,
      queries,
      options.verbose,
    );
    if (latencyMs > 0 && setting.delayed === 0) {
      throw new Error(`no search request went through the ${latencyMs} ms delay (${SEARCH_ROUTE})`);
    }
    settings.push(setting);
  }
  const loadAfter = load();

  const cpu = cpus()[0]?.model.trim() ?? 'unknown CPU';
  print('# Browser: last keystroke to suggestions');
  print();
  print(
    `${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC; ${cpus().length} cores ` +
      `(${cpu}), ${int(totalmem() / 2 ** 30)} GiB, Linux ${release()}, Node ${process.version}, ` +
      `Chromium ${browser.version()} headless. Load average ${loadBefore} before, ` +
      `${loadAfter} after; the whole run took ${int((Date.now() - started) / 1000)} s.`,
  );
  print(`Data: ${target.description}.`);
  print(
    `"${FIELD_LABEL}" on ${FORM_PATH}, the built app served by plaster serve; ` +
      `${queries.length} queries of the autocomplete mix per setting after ${warmup.length} ` +
      `warm-up, each typed into a fresh page ${KEY_GAP_MS[0]}–${KEY_GAP_MS[1]} ms a key; ` +
      `ms from the last keystroke to the list showing exactly the API's names for the whole text.`,
  );
  print();
  for (const line of report(settings)) print(line);

  const wrong = settings.flatMap((s) =>
    s.samples.filter((x) => !x.outcome.ok).map((x) => ({ latencyMs: s.latencyMs, ...x })),
  );
  for (const w of wrong.slice(0, 5)) {
    print();
    print(
      `Wrong at ${w.latencyMs} ms added: "${w.query.text}" (${w.query.kind}) expected ` +
        `[${w.expected.join(', ')}], the list showed [${w.outcome.shown.join(', ')}]` +
        `${w.outcome.open ? '' : ' (closed)'}${w.outcome.searching ? ' with "Searching…"' : ''}` +
        `${w.outcome.responseMs === null ? ', and no response for the whole text came' : ''}.`,
    );
  }
  if (wrong.length > 0) {
    log(`${wrong.length} queries never showed the right suggestions`);
    return 1;
  }
  return 0;
}

await runBench('bench:ui', main);
