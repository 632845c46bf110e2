/**
 * What the browser benchmarks share: the Chromium they launch (as playwright.config.ts does),
 * `plaster serve` started on a port of its own with its own data directory, and clean-up on
 * every way out, a signal included.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const log = (line: string) => process.stderr.write(`${line}\n`);

/** The browser, launched as playwright.config.ts launches it. */
export const CHROMIUM = '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** A failure to report in one line, without a stack. */
export class UsageError extends Error {}

// ---------------------------------------------------------------------------------------------
// Clean-up on every way out: the browser, the server, the database and the data directory

export const cleanups = new Set<() => Promise<void>>();

let cleaning: Promise<void> | null = null;
/** Set by a signal: the run's own failure that follows is not worth reporting. */
let interrupted = false;

/**
 * Undoes what was set up, last first. A signal and the failure it causes in the run both call
 * this: the second caller waits for the same round, so nothing is undone twice or cut short.
 */
export function runCleanups(): Promise<void> {
  cleaning ??= (async () => {
    for (let last = [...cleanups].pop(); last; last = [...cleanups].pop()) {
      cleanups.delete(last);
      await last().catch((error: unknown) => log(`clean-up failed: ${String(error)}`));
    }
  })().finally(() => {
    cleaning = null;
  });
  return cleaning;
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    interrupted = true;
    log(`${signal}: cleaning up`);
    void runCleanups().finally(() => process.exit(130));
  });
}

/** Runs a command to its end, its output on stderr; throws unless it exits 0. */
export async function run(command: string, args: string[]): Promise<void> {
  const child = spawn(command, args, { cwd: ROOT, stdio: ['ignore', 2, 2] });
  const [code, signal] = (await once(child, 'exit')) as [number | null, string | null];
  if (code !== 0) {
    throw new UsageError(`${command} ${args.join(' ')} failed (${signal ?? `exit ${code}`})`);
  }
}

const SERVER_VARIABLES = [
  'PORT',
  'HOST',
  'DATA_DIR',
  'DATABASE_URL',
  'PUBLIC_URL',
  'SESSION_SECRET',
  'SESSION_IDLE_MINUTES',
  'SESSION_MAX_HOURS',
  'TRUST_PROXY',
  'LOG_LEVEL',
  'WONDE_TOKEN',
  'WONDE_API_URL',
  'WONDE_WEBHOOK_SECRET',
  'WONDE_SYNC_INTERVAL_MINUTES',
  'ENCRYPTION_KEY',
  'SMTP_URL',
  'MAIL_FROM',
  'PLASTER_DEMO',
  'RUN_JOBS_IN_SERVE',
];

export async function answers(url: string): Promise<boolean> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
    await response.arrayBuffer();
    return response.ok;
  } catch {
    return false;
  }
}

/** `node bin/plaster.js serve` on `port` with its own data directory; its address. */
export async function startServer(
  port: number,
  serverEnv: Record<string, string>,
): Promise<string> {
  const base = `http://127.0.0.1:${port}`;
  if (await answers(`${base}/`)) {
    throw new UsageError(`something already answers on port ${port}: choose another with --port`);
  }
  const dataDir = await mkdtemp(path.join(tmpdir(), 'plaster-bench-ui-'));
  cleanups.add(() => rm(dataDir, { recursive: true, force: true }));
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of SERVER_VARIABLES) delete env[name];
  Object.assign(env, serverEnv, {
    PORT: String(port),
    HOST: '127.0.0.1',
    PUBLIC_URL: base,
    DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
  });
  const child = spawn(process.execPath, ['bin/plaster.js', 'serve'], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-4_000);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const status: { exited: string | null } = { exited: null };
  child.once('exit', (code, signal) => {
    status.exited = signal ?? `exit ${String(code)}`;
  });
  cleanups.add(() => stopServer(child));

  const deadline = Date.now() + 120_000;
  while (!(await answers(`${base}/`))) {
    if (status.exited !== null) {
      throw new Error(
        `plaster serve stopped (${status.exited}) before it answered:\n${output.trim()}`,
      );
    }
    if (Date.now() > deadline) {
      throw new Error(`plaster serve did not answer on ${base} within 2 minutes:\n${output}`);
    }
    await sleep(250);
  }
  return base;
}

async function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exit = once(child, 'exit');
  child.kill('SIGTERM');
  const stopped = await Promise.race([exit.then(() => true), sleep(10_000).then(() => false)]);
  if (!stopped) {
    log('plaster serve did not stop within 10 s of SIGTERM: killing it');
    child.kill('SIGKILL');
    await exit;
  }
  log('stopped plaster serve');
}

/** Runs a benchmark's main to its exit code, reporting a failure in one line and cleaning up. */
export async function runBench(name: string, main: () => Promise<number>): Promise<void> {
  try {
    process.exitCode = await main();
  } catch (error) {
    log(
      interrupted
        ? `${name}: interrupted`
        : error instanceof UsageError
          ? `${name}: ${error.message}`
          : `${name} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
    );
    process.exitCode = 1;
  } finally {
    await runCleanups();
  }
}
