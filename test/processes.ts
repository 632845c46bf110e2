import { spawn, type ChildProcess } from 'node:child_process';

/** A real `plaster` command running in a child process, with what it has printed so far. */
export type PlasterProcess = {
  child: ChildProcess;
  /** Standard output and error, interleaved as they arrived. */
  output(): string;
  /** Resolves once the output matches; rejects if the process exits first or time runs out. */
  waitFor(pattern: RegExp, timeoutMs: number): Promise<RegExpMatchArray>;
  /** Still running: not exited and not killed. */
  alive(): boolean;
  /** Resolves with the exit code (or the signal's name) once it has exited. */
  exited: Promise<number | string | null>;
  /** Sends a signal and waits for the exit (SIGKILL after 10 s). */
  stop(signal?: NodeJS.Signals): Promise<void>;
};

/** Starts `plaster <args>` from bin/plaster.js with only `env` (and PATH) in its environment. */
export function startPlaster(args: string[], env: Record<string, string>): PlasterProcess {
  const child = spawn(process.execPath, ['bin/plaster.js', ...args], {
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const listeners = new Set<() => void>();
  const append = (chunk: Buffer) => {
    output += chunk.toString();
    for (const listener of listeners) listener();
  };
  child.stdout.on('data', append);
  child.stderr.on('data', append);
  let exitedWith: number | string | null | undefined;
  const exited = new Promise<number | string | null>((resolve) =>
    child.on('exit', (code, signal) => {
      exitedWith = code ?? signal;
      for (const listener of listeners) listener();
      resolve(exitedWith);
    }),
  );

  return {
    child,
    output: () => output,
    alive: () => exitedWith === undefined,
    exited,
    waitFor(pattern, timeoutMs) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const match = output.match(pattern);
          if (match) return done(() => resolve(match));
          if (exitedWith !== undefined)
            return done(() =>
              reject(new Error(`plaster ${args[0]} exited (${exitedWith}) before ${pattern}`)),
            );
        };
        const timer = setTimeout(
          () => done(() => reject(new Error(`plaster ${args[0]}: no ${pattern} in time`))),
          timeoutMs,
        );
        const done = (settle: () => void) => {
          clearTimeout(timer);
          listeners.delete(check);
          settle();
        };
        listeners.add(check);
        check();
      });
    },
    async stop(signal = 'SIGTERM') {
      if (exitedWith !== undefined) return;
      child.kill(signal);
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** The address `serve` printed it is running at. */
export async function servedAt(process: PlasterProcess, timeoutMs = 60_000): Promise<string> {
  const [, url] = await process.waitFor(/Plaster is running at (http:\/\/\S+)/, timeoutMs);
  return url!;
}

/** Polls `check` until it returns something other than undefined, or fails after `timeoutMs`. */
export async function eventually<T>(
  what: string,
  check: () => Promise<T | undefined> | T | undefined,
  timeoutMs: number,
  everyMs = 250,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined) return value;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) {
      const why = lastError instanceof Error ? ` (last error: ${lastError.message})` : '';
      throw new Error(`timed out waiting for ${what}${why}`);
    }
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}
