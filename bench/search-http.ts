/**
 * The search over HTTP: the real app on the benchmark's database, a signed-in admin of the whole
 * trust, and concurrent clients calling GET /api/v1/people/search. The clients run in a worker
 * thread so that the app's event loop serves requests only.
 */
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { Worker } from 'node:worker_threads';
import type { Db } from '../src/server/db/client';
import { buildApp } from '../src/server/http/app';
import type { WondeContext } from '../src/server/features/wonde/wonde-context';
import { createLogger } from '../src/server/lib/logger';
import { createSecretBox } from '../src/server/lib/secret-box';

/**
 * One load: `requests` requests shared by `concurrency` clients, after a warm-up. Each client
 * sends its next request as soon as the last is answered, or, with `pauseMs`, that long later
 * on average (half to one and a half times it), as someone typing does.
 */
export type HttpLoad = {
  concurrency: number;
  requests: number;
  warmupRequests: number;
  pauseMs?: number;
};

/** Per request; a request that takes longer counts as failed. */
const TIMEOUT_MS = 30_000;

export type HttpResult = {
  latencies: number[];
  wallMs: number;
  failures: number;
  firstFailure: string | null;
};

const secrets = createSecretBox(randomBytes(32));

/** No Wonde: the search does not touch it. */
const noWonde: WondeContext = {
  client: null,
  baseUrl: 'http://127.0.0.1:9/v1.0',
  partnerToken: null,
  secrets,
  webhookSecret: null,
  releaseAfterDays: 14,
  enqueueSync: () => Promise.reject(new Error('no job queue in the benchmark')),
};

// Plain JavaScript, evaluated in the worker: `requests` fetches shared by `concurrency` loops.
const CLIENTS_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { performance } = require('node:perf_hooks');
const { base, cookie, queries, requests, concurrency, timeoutMs, pauseMs } = workerData;
const latencies = new Array(requests).fill(0);
let next = 0;
let failures = 0;
let firstFailure = null;
async function client() {
  while (next < requests) {
    const i = next++;
    const url = base + '/api/v1/people/search?q=' + encodeURIComponent(queries[i % queries.length]);
    const started = performance.now();
    try {
      const response = await fetch(url, { headers: { cookie }, signal: AbortSignal.timeout(timeoutMs) });
      const body = await response.text();
      latencies[i] = performance.now() - started;
      if (response.status !== 200) {
        failures++;
        if (firstFailure === null) firstFailure = response.status + ' ' + body.slice(0, 200);
      }
    } catch (error) {
      latencies[i] = performance.now() - started;
      failures++;
      if (firstFailure === null) firstFailure = String(error);
    }
    if (pauseMs > 0) {
      const pause = pauseMs * (0.5 + ((i * 7919) % 1000) / 1000);
      await new Promise((resolve) => setTimeout(resolve, pause));
    }
  }
}
const started = performance.now();
Promise.all(Array.from({ length: concurrency }, client)).then(
  () => parentPort.postMessage({ latencies, wallMs: performance.now() - started, failures, firstFailure }),
  (error) => parentPort.postMessage({ error: String(error) }),
);
`;

function isResult(value: unknown): value is HttpResult {
  return (
    typeof value === 'object' &&
    value !== null &&
    'latencies' in value &&
    Array.isArray(value.latencies) &&
    'wallMs' in value &&
    typeof value.wallMs === 'number'
  );
}

async function runClients(data: {
  base: string;
  cookie: string;
  queries: readonly string[];
  requests: number;
  concurrency: number;
  timeoutMs: number;
  pauseMs: number;
}): Promise<HttpResult> {
  const worker = new Worker(CLIENTS_SOURCE, { eval: true, workerData: data });
  try {
    const [message] = (await once(worker, 'message')) as [unknown];
    if (!isResult(message)) throw new Error(`the HTTP clients failed: ${JSON.stringify(message)}`);
    return message;
  } finally {
    await worker.terminate();
  }
}

async function signIn(base: string, email: string, password: string): Promise<string> {
  const response = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
    signal: AbortSignal.timeout(30_000),
  });
  const body = await response.text();
  if (response.status !== 200) throw new Error(`sign-in failed: ${response.status} ${body}`);
  const cookie = response.headers
    .getSetCookie()
    .map((c) => c.split(';')[0] ?? '')
    .find((c) => c.startsWith('plaster_session='));
  if (!cookie) throw new Error('sign-in set no session cookie');
  return cookie;
}

/** Each load in turn against one app and one session; the measured part of each. */
export async function httpRoundTrip(
  db: Db,
  user: { email: string; password: string },
  queries: readonly string[],
  loads: readonly HttpLoad[],
): Promise<HttpResult[]> {
  const app = await buildApp({
    db,
    sessions: { secret: randomBytes(32).toString('hex'), idleMinutes: 60, maxHours: 12 },
    secureCookies: false,
    trustProxy: false,
    wonde: noWonde,
    secrets,
    // Only single sign-on redirects use it.
    publicUrl: 'http://127.0.0.1',
    // The search sends no email.
    notifications: { enqueueEmail: () => Promise.resolve() },
    mailer: null,
    mailCatcher: null,
    // The search signs in with a password.
    sso: { issuerOverrides: {}, dnsServers: [] },
    logger: createLogger({ level: 'silent' }),
    webRoot: '/nonexistent-web-root',
  });
  try {
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.server.address();
    if (address === null || typeof address === 'string') throw new Error('the app has no port');
    const base = `http://127.0.0.1:${address.port}`;
    const cookie = await signIn(base, user.email, user.password);
    const results: HttpResult[] = [];
    for (const load of loads) {
      const common = {
        base,
        cookie,
        queries,
        concurrency: load.concurrency,
        timeoutMs: TIMEOUT_MS,
        pauseMs: load.pauseMs ?? 0,
      };
      await runClients({ ...common, requests: load.warmupRequests });
      results.push(await runClients({ ...common, requests: load.requests }));
    }
    return results;
  } finally {
    await app.close();
  }
}
