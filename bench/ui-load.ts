/**
 * First load on a school's slow 4G: what the sign-in page and "Log an incident" transfer, and how
 * long until each can be used, in headless Chromium against the built app on the demo.
 *
 *   npx tsx bench/ui-load.ts [--runs 5] [--rtt-ms 150] [--down-kbps 1600] [--up-kbps 750]
 *                            [--port 3992] [--skip-build]
 *
 * See bench/README.md. Every run is a new browser context (nothing cached, no service worker):
 * the page as a phone meets it the first time, or after a deploy.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { chromium, type Browser, type BrowserContext, type Page } from '@playwright/test';
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
import { int, ms, summarise, table } from './search-report';

const print = (line = '') => process.stdout.write(`${line}\n`);

const DEMO_ADMIN = { email: 'admin@oakfield.example', password: 'oakfield-demo-2026' };
/** The budget of each page's scripts, compressed, and of the time until it can be used. */
const SCRIPT_BUDGET_BYTES = 200_000;
const TARGET_MS = 3_000;

type Options = {
  runs: number;
  rttMs: number;
  downKbps: number;
  upKbps: number;
  port: number;
  skipBuild: boolean;
};

function parseOptions(): Options {
  const { values } = parseArgs({
    options: {
      runs: { type: 'string', default: '5' },
      'rtt-ms': { type: 'string', default: '150' },
      'down-kbps': { type: 'string', default: '1600' },
      'up-kbps': { type: 'string', default: '750' },
      port: { type: 'string', default: '3992' },
      'skip-build': { type: 'boolean', default: false },
    },
  });
  const whole = (name: string, text: string, min: number, max: number): number => {
    const n = Number(text);
    if (!Number.isInteger(n) || n < min || n > max) {
      throw new UsageError(`--${name} takes a whole number from ${min} to ${max}, not "${text}"`);
    }
    return n;
  };
  return {
    runs: whole('runs', values.runs, 1, 100),
    rttMs: whole('rtt-ms', values['rtt-ms'], 0, 5_000),
    downKbps: whole('down-kbps', values['down-kbps'], 50, 1_000_000),
    upKbps: whole('up-kbps', values['up-kbps'], 50, 1_000_000),
    port: whole('port', values.port, 1, 65_535),
    skipBuild: values['skip-build'],
  };
}

type Sample = { ms: number; scriptBytes: number; allBytes: number; requests: number };

/** A page to load cold, and what makes it usable. */
type Scenario = {
  name: string;
  path: string;
  signedIn: boolean;
  ready: (page: Page) => Promise<void>;
};

const SCENARIOS: Scenario[] = [
  {
    name: 'Sign-in page',
    path: '/sign-in',
    signedIn: false,
    ready: (page) => page.getByLabel('Email address').waitFor({ state: 'visible' }),
  },
  {
    name: 'Log an incident',
    path: '/incidents/new',
    signedIn: true,
    ready: async (page) => {
      const field = page.getByRole('combobox', { name: 'Affected person' });
      await field.waitFor({ state: 'visible' });
      // Usable: the person can be typed (the form is not waiting for anything to load).
      while (!(await field.isEditable())) await page.waitForTimeout(10);
    },
  },
];

/** One cold load under the network conditions: time to usable and bytes received. */
async function loadOnce(
  browser: Browser,
  base: string,
  scenario: Scenario,
  storageState: Awaited<ReturnType<BrowserContext['storageState']>>,
  options: Options,
): Promise<Sample> {
  const context = await browser.newContext({
    baseURL: base,
    locale: 'en-GB',
    timezoneId: 'Europe/London',
    viewport: { width: 390, height: 844 },
    serviceWorkers: 'block',
    ...(scenario.signedIn ? { storageState } : {}),
  });
  try {
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: options.rttMs,
      downloadThroughput: (options.downKbps * 1000) / 8,
      uploadThroughput: (options.upKbps * 1000) / 8,
    });
    const received = new Map<string, { bytes: number; script: boolean }>();
    cdp.on('Network.responseReceived', (event) => {
      received.set(event.requestId, { bytes: 0, script: event.type === 'Script' });
    });
    cdp.on('Network.loadingFinished', (event) => {
      const entry = received.get(event.requestId);
      if (entry) entry.bytes = event.encodedDataLength;
    });

    const started = performance.now();
    await page.goto(scenario.path, { waitUntil: 'commit' });
    await scenario.ready(page);
    const elapsed = performance.now() - started;
    await page.waitForLoadState('networkidle');
    const entries = [...received.values()];
    return {
      ms: elapsed,
      scriptBytes: entries.filter((e) => e.script).reduce((sum, e) => sum + e.bytes, 0),
      allBytes: entries.reduce((sum, e) => sum + e.bytes, 0),
      requests: entries.length,
    };
  } finally {
    await context.close();
  }
}

const kb = (bytes: number) => `${(bytes / 1000).toFixed(0)} KB`;

async function main(): Promise<number> {
  const options = parseOptions();
  if (!existsSync(CHROMIUM)) {
    throw new UsageError(`no Chromium at ${CHROMIUM}: apt-get install -y chromium`);
  }
  if (!options.skipBuild) await run('npm', ['run', 'build:web']);
  if (!existsSync(path.join(ROOT, 'dist/web/index.html'))) {
    throw new UsageError('dist/web is not built: run without --skip-build');
  }
  const base = await startServer(options.port, { PLASTER_DEMO: 'true' });
  log(`plaster serve answers on ${base}`);

  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    handleSIGINT: false,
    handleSIGTERM: false,
  });
  cleanups.add(() => browser.close());

  const signingIn = await browser.newContext({ baseURL: base });
  const signIn = await signingIn.request.post('/api/v1/auth/login', { data: DEMO_ADMIN });
  if (!signIn.ok()) throw new Error(`sign-in failed: ${signIn.status()} ${await signIn.text()}`);
  const storageState = await signingIn.storageState();
  await signingIn.close();

  const rows: string[][] = [];
  let overBudget = false;
  for (const scenario of SCENARIOS) {
    const samples: Sample[] = [];
    for (let i = 0; i < options.runs; i++) {
      const sample = await loadOnce(browser, base, scenario, storageState, options);
      log(`${scenario.name} run ${i + 1}: ${ms(sample.ms)}, scripts ${kb(sample.scriptBytes)}`);
      samples.push(sample);
    }
    const times = summarise(samples.map((s) => s.ms));
    const scripts = Math.max(...samples.map((s) => s.scriptBytes));
    overBudget ||= scripts > SCRIPT_BUDGET_BYTES || times.p50 > TARGET_MS;
    rows.push([
      scenario.name,
      kb(scripts),
      kb(Math.max(...samples.map((s) => s.allBytes))),
      int(samples[0]!.requests),
      ms(times.p50),
      ms(times.max),
    ]);
  }

  print(
    `First load, nothing cached, ${options.rttMs} ms round trip, ${options.downKbps} kbit/s down, ` +
      `${options.upKbps} kbit/s up; ${options.runs} runs each (390×844, Chromium ${browser.version()})`,
  );
  print();
  print(
    table(['Page', 'scripts', 'everything', 'requests', 'usable p50 ms', 'usable max ms'], rows, 1),
  );
  print();
  print(
    `Budget: scripts ≤ ${kb(SCRIPT_BUDGET_BYTES)} compressed; usable ≤ ${ms(TARGET_MS)}: ` +
      (overBudget ? 'NOT MET' : 'met'),
  );
  return overBudget ? 1 : 0;
}

await runBench('bench:ui-load', main);
