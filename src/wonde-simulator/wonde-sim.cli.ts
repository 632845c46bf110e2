import { parseArgs } from 'node:util';
import { parseYmd } from './calendar.lib';
import { DEFAULT_AS_OF } from './dataset.generator';
import type { AccessState } from './sim-state.store';
import { startWondeSimulator } from './wonde-simulator.server';
import type { WondeSimulatorOptions } from './wonde-simulator.server';

export const DEFAULT_CLI_PORT = 8765;

const HELP = `plaster wonde-sim — run a local Wonde API simulator with generated schools

Usage: plaster wonde-sim [options]

Options:
  --port N             Port on 127.0.0.1 (default ${String(DEFAULT_CLI_PORT)}; 0 picks a free one)
  --seed N             Seed for the generated data (default 1); the same seed gives the same data
  --schools N          Number of schools, 1 to 500 (default 3)
  --trust NAME         Put the schools in a multi-academy trust with this name
  --as-of YYYY-MM-DD   Day the data describes (default ${DEFAULT_AS_OF})
  --access STATE       Initial access of every school: approved, pending or none (default approved)
  --control            Enable the control API under /control (approve, revoke, people, faults)
  --webhook-url URL    POST access webhooks (schoolApproved, accessRevoked, accessDeclined) here
  --verbose            Print one line per request
  -h, --help           Show this help

Prints the API URL, the partner token and each school's name, URN, Wonde id and token,
then serves until interrupted (Ctrl+C).
`;

export type CliIo = {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Stops the simulator when aborted; SIGINT and SIGTERM also stop it. */
  signal?: AbortSignal;
};

class UsageError extends Error {}

function integerOption(
  name: string,
  raw: string | undefined,
  min: number,
  max: number,
  fallback: number,
): number {
  if (raw === undefined) return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) {
    throw new UsageError(
      `--${name} must be a whole number from ${String(min)} to ${String(max)}, got "${raw}"`,
    );
  }
  return Number(raw);
}

function parseCliOptions(
  argv: readonly string[],
): { help: true } | { help: false; options: WondeSimulatorOptions; verbose: boolean } {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        port: { type: 'string' },
        seed: { type: 'string' },
        schools: { type: 'string' },
        trust: { type: 'string' },
        'as-of': { type: 'string' },
        access: { type: 'string' },
        control: { type: 'boolean' },
        'webhook-url': { type: 'string' },
        verbose: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const values = parsed.values;
  if (values.help) return { help: true };

  const trust = values.trust?.trim();
  if (values.trust !== undefined && !trust) throw new UsageError('--trust needs a name');
  const asOf = values['as-of'];
  if (asOf !== undefined) {
    try {
      parseYmd(asOf);
    } catch {
      throw new UsageError(`--as-of must be a date as YYYY-MM-DD, got "${asOf}"`);
    }
  }
  const access = values.access;
  if (access !== undefined && !['approved', 'pending', 'none'].includes(access)) {
    throw new UsageError(`--access must be approved, pending or none, got "${access}"`);
  }
  const webhookUrl = values['webhook-url'];
  if (webhookUrl !== undefined && !/^https?:\/\/\S+$/.test(webhookUrl)) {
    throw new UsageError(`--webhook-url must be an http(s) URL, got "${webhookUrl}"`);
  }
  return {
    help: false,
    verbose: values.verbose ?? false,
    options: {
      port: integerOption('port', values.port, 0, 65535, DEFAULT_CLI_PORT),
      seed: integerOption('seed', values.seed, 0, 2 ** 31 - 1, 1),
      schools: integerOption('schools', values.schools, 1, 500, 3),
      trust: trust ?? null,
      asOf,
      initialAccess: access as AccessState | undefined,
      enableControlApi: values.control ?? false,
      webhookUrl: webhookUrl ?? null,
    },
  };
}

function untilStopped(signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    const stop = (): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      signal?.removeEventListener('abort', stop);
      resolve();
    };
    if (signal?.aborted) return resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    signal?.addEventListener('abort', stop, { once: true });
  });
}

/**
 * `plaster wonde-sim`: starts the simulator and serves until interrupted. `argv` is the
 * arguments after the command name (a leading `wonde-sim` is skipped). Resolves to the exit code.
 */
export async function runWondeSimCli(argv: string[], io: Partial<CliIo> = {}): Promise<number> {
  const out = io.stdout ?? ((text: string) => void process.stdout.write(text));
  const err = io.stderr ?? ((text: string) => void process.stderr.write(text));
  const args = argv[0] === 'wonde-sim' ? argv.slice(1) : argv;

  let parsed;
  try {
    parsed = parseCliOptions(args);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    err(`plaster wonde-sim: ${error.message}\nRun "plaster wonde-sim --help" for the options.\n`);
    return 2;
  }
  if (parsed.help) {
    out(HELP);
    return 0;
  }

  const { options } = parsed;
  let sim;
  try {
    sim = await startWondeSimulator({
      ...options,
      log: parsed.verbose ? (line) => out(`${line}\n`) : undefined,
    });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === 'EADDRINUSE'
        ? `port ${String(options.port)} is already in use (try --port 0)`
        : error instanceof Error
          ? error.message
          : String(error);
    err(`plaster wonde-sim: could not start: ${reason}\n`);
    return 1;
  }

  const lines = [`Wonde simulator listening on ${sim.url}`, `Partner token: ${sim.partnerToken}`];
  if (sim.controlUrl) lines.push(`Control API: ${sim.controlUrl}`);
  if (options.trust) lines.push(`Trust: ${options.trust}`);
  lines.push(`Schools (${String(sim.schools.length)}):`);
  const nameWidth = Math.max(...sim.schools.map((school) => school.name.length));
  for (const school of sim.schools) {
    lines.push(
      `  ${school.name.padEnd(nameWidth)}  URN ${String(school.urn)}  ${school.id}  ${school.phase.padEnd(9)}  ${school.access}${school.token ? `  token ${school.token}` : ''}`,
    );
  }
  out(`${lines.join('\n')}\n`);

  await untilStopped(io.signal);
  await sim.close();
  out('Wonde simulator stopped.\n');
  return 0;
}
