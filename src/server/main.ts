import { parseArgs } from 'node:util';
import { RoleSchema } from '../shared/api';
import { loadConfig, type Config, ConfigError } from './config';
import { configReport } from './config-report';
import { existsSync } from 'node:fs';
import { restoreBackup, RestoreTargetNotEmptyError } from './db/backup';
import { createPglite, openDatabase, type Database } from './db/client';
import { DataDirInUseError } from './db/data-dir-lock';
import { databaseUnavailableReason } from './db/unavailable';
import { DEMO, seedDemo } from './demo/seed-demo';
import { createOrganisation } from './features/organisations/create-organisation';
import { getOrganisationByName } from './features/organisations/organisations.service';
import { createUser } from './features/users/users.service';
import { buildApp } from './http/app';
import { MailServerUnreachableError, startRuntime } from './runtime';
import { runWondeSimCli } from '../wonde-simulator/index';
import { findSchoolAnywhere } from './features/schools/schools.service';
import { getSyncRunAnywhere, requestSync, runSync } from './features/wonde/sync.service';
import type { SyncRunRow } from './features/wonde/wonde.repo';
import { AppError } from './lib/errors';
import { serializeError } from './lib/error-log';
import { createLogger, type Logger } from './lib/logger';

const HELP = `plaster — the incident book for UK schools and trusts

Usage: plaster <command> [options]

Commands:
  serve                         Run the web server and API (the default for npm start)
  worker                        Run background jobs (Wonde syncs, clean-ups); for PostgreSQL
  sync --school ID [--full]     Sync a school from Wonde now, showing progress (delta unless --full)
  wonde-sim                     Run the Wonde simulator on its own (see plaster wonde-sim --help)
  migrate                       Apply database migrations, then exit
  config                        Print the configuration in effect (secrets masked), then exit
  backup --out FILE             Write a snapshot of the embedded database (Plaster stopped)
  restore --from FILE           Restore a backup into a new or empty DATA_DIR
  organisations create          Create an organisation
      --name NAME               its name
      --kind trust|school       a multi-academy trust or a standalone school (default: trust)
  users create                  Create a user
      --org NAME                the organisation's name
      --email EMAIL             the user's email, used to sign in
      --role ROLE               admin, manager, reporter or viewer
      --name NAME               display name (default: from the email)
    The password is read from PLASTER_PASSWORD, or else from standard input.

Configuration comes from the environment; see the README. Run a command with --help for its options.
`;

/** A failure the user caused and can fix: printed without a stack, exit code 1. */
class UsageError extends Error {}

async function withDatabase<T>(
  config: Config,
  run: (database: Database) => Promise<T>,
): Promise<T> {
  const database = await openDatabase(config);
  try {
    await database.withStartupLock(() => database.migrate());
    return await run(database);
  } finally {
    await database.close();
  }
}

/**
 * SIGTERM or SIGINT: stop taking requests and jobs, let those in flight finish, close the
 * database, exit 0. Past `graceSeconds`, or at a second signal, exit 1 at once: a sync cut short
 * is resumed from its page by the next worker.
 */
function onSignal(
  logger: Logger,
  graceSeconds: number,
  stop: (signal: string) => Promise<void>,
): void {
  let stopping = false;
  const handle = (signal: NodeJS.Signals) => {
    if (stopping) {
      logger.warn({ signal }, 'second signal: exiting at once');
      process.exit(1);
    }
    stopping = true;
    setTimeout(() => {
      logger.warn({ graceSeconds }, 'not stopped within the grace period: exiting');
      process.exit(1);
    }, graceSeconds * 1000).unref();
    stop(signal).then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'could not stop cleanly');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', handle);
  process.on('SIGTERM', handle);
}

async function serve(config: Config): Promise<void> {
  const logger = createLogger({ level: config.logLevel });
  const runtime = await startRuntime(config, logger, { work: config.runJobsInServe });
  const seeded = config.demo
    ? await seedDemo(runtime.database.db, runtime.demoWonde?.schools)
    : false;
  const app = await buildApp({
    ...runtime.deps,
    trustProxy: config.trustProxy,
    requestLogLevel: config.demo ? 'debug' : 'info',
    operations: {
      metricsToken: config.metricsToken,
      ...(config.runJobsInServe ? { isQueueRunning: () => runtime.queue.isWorking() } : {}),
      ...(runtime.database.poolUse ? { poolUse: runtime.database.poolUse } : {}),
    },
  });
  onSignal(logger, config.shutdownGraceSeconds, async (signal) => {
    logger.info({ signal }, 'shutting down');
    await app.close();
    logger.info('stopped taking requests');
    await runtime.close();
  });

  try {
    await app.listen({ port: config.port, host: config.host });
  } catch (error) {
    await app.close();
    await runtime.close();
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      throw new UsageError(
        `Port ${config.port} on ${config.host} is already in use: stop what is using it, or set PORT to another port.`,
      );
    }
    throw error;
  }
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const url =
    config.publicUrl === `http://localhost:${config.port}`
      ? `http://localhost:${port}`
      : config.publicUrl;
  const lines = [
    '',
    `Plaster is running at ${url}`,
    `  database: ${runtime.database.engine === 'pglite' ? `embedded (PGlite) in ${config.dataDir}` : 'PostgreSQL'}`,
    `  Wonde: ${runtime.demoWonde ? 'the built-in simulator (demo data)' : runtime.deps.wonde.client ? runtime.deps.wonde.baseUrl : 'not configured'}`,
    `  API document: ${url}/api/docs`,
  ];
  if (config.demo) {
    lines.push(
      `  demo${seeded ? ' (created now)' : ''}: ${DEMO.organisation}`,
      `  sign in as ${DEMO.admin.email} with the password ${DEMO.admin.password}`,
    );
  }
  process.stdout.write(`${lines.join('\n')}\n\n`);
}

async function worker(config: Config): Promise<void> {
  const logger = createLogger({ level: config.logLevel });
  const runtime = await startRuntime(config, logger, { work: true });
  onSignal(logger, config.shutdownGraceSeconds, async (signal) => {
    logger.info({ signal }, 'worker stopping');
    await runtime.close();
  });
  logger.info('worker started');
}

/** Runs one sync in this process, printing progress, then the final counts. */
async function syncCommand(config: Config, args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { school: { type: 'string' }, full: { type: 'boolean', default: false } },
  });
  const schoolId = required(values, 'school');
  if (!/^[0-9a-f-]{36}$/i.test(schoolId))
    throw new UsageError('--school must be a school id (a UUID).');
  const logger = createLogger({ level: 'warn', destination: process.stderr });
  const runtime = await startRuntime(config, logger, { work: false });
  try {
    const { deps } = runtime;
    const school = await findSchoolAnywhere(deps.db, schoolId);
    const { run, isNew } = await requestSync(
      deps,
      { organisationId: school.organisationId, schoolId: school.id },
      values.full ? 'full' : 'delta',
      'command line',
    );
    if (!isNew) {
      process.stdout.write(
        `A ${run.mode} sync of ${school.name} is already ${run.status}; following it.\n`,
      );
    }
    const progress = (r: SyncRunRow) => {
      process.stdout.write(`  ${r.phase ?? ''}: ${r.pagesFetched} pages, ${r.peopleSeen} people\n`);
    };
    let final = await runSync(deps, run.id, { isLastAttempt: true, onProgress: progress });
    let ended = await getSyncRunAnywhere(deps.db, run.id);
    // A worker is running it: follow it to its end rather than run it twice.
    for (let shown = -1; ended.status === 'queued' || ended.status === 'running';) {
      if (ended.pagesFetched !== shown) progress(ended);
      shown = ended.pagesFetched;
      final = 'done';
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      ended = await getSyncRunAnywhere(deps.db, run.id);
    }
    process.stdout.write(
      `${final === 'skipped' ? 'Nothing to do' : `Sync ${ended.status}`} (${ended.mode}, ${school.name}): ` +
        `created ${ended.created}, updated ${ended.updated}, unchanged ${ended.unchanged}, ` +
        `left ${ended.left}, removed ${ended.removed}, restored ${ended.restored}` +
        `${ended.error ? `\nError: ${ended.error}` : ''}\n`,
    );
    return ended.status === 'succeeded' ? 0 : 1;
  } finally {
    await runtime.close();
  }
}

async function readPassword(): Promise<string> {
  const fromEnv = process.env.PLASTER_PASSWORD;
  if (fromEnv) return fromEnv;
  if (process.stdin.isTTY) process.stderr.write('Password: ');
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin as AsyncIterable<Buffer>) {
    chunks.push(chunk);
    if (process.stdin.isTTY && chunk.toString().includes('\n')) break;
  }
  const password = Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0] ?? '';
  if (!password)
    throw new UsageError('No password given: set PLASTER_PASSWORD or pipe it on standard input.');
  return password;
}

function required(values: Record<string, string | boolean | undefined>, name: string): string {
  const value = values[name];
  if (typeof value !== 'string' || value.trim() === '')
    throw new UsageError(`--${name} is required.`);
  return value.trim();
}

async function usersCreate(config: Config, args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      org: { type: 'string' },
      email: { type: 'string' },
      role: { type: 'string' },
      name: { type: 'string' },
    },
  });
  const orgName = required(values, 'org');
  const email = required(values, 'email');
  const role = RoleSchema.safeParse(required(values, 'role'));
  if (!role.success)
    throw new UsageError('--role must be one of admin, manager, reporter, viewer.');
  const name = values.name?.trim() || email.split('@')[0] || email;
  const password = await readPassword();
  await withDatabase(config, async ({ db }) => {
    const organisation = await getOrganisationByName(db, orgName);
    const user = await createUser(db, organisation.id, null, {
      email,
      name,
      role: role.data,
      allSchools: true,
      password,
    });
    process.stdout.write(`Created ${user.role} ${user.email} in ${organisation.name}.\n`);
  });
}

async function organisationsCreate(config: Config, args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: { name: { type: 'string' }, kind: { type: 'string', default: 'trust' } },
  });
  const name = required(values, 'name');
  if (values.kind !== 'trust' && values.kind !== 'school') {
    throw new UsageError('--kind must be trust or school.');
  }
  const kind = values.kind;
  await withDatabase(config, async ({ db }) => {
    const organisation = await createOrganisation(db, { name, kind });
    process.stdout.write(`Created ${organisation.kind} ${organisation.name}.\n`);
  });
}

function embeddedOnly(config: Config, what: string): void {
  if (config.databaseUrl) {
    throw new UsageError(
      `plaster ${what} is for the embedded database. With DATABASE_URL, use PostgreSQL's own tools (pg_dump, or your provider's point-in-time recovery): see the README.`,
    );
  }
}

/** A consistent snapshot of the embedded database, taken with Plaster stopped (DATA_DIR locked). */
async function backupCommand(config: Config, args: string[]): Promise<void> {
  const { values } = parseArgs({ args, options: { out: { type: 'string' } } });
  const out = required(values, 'out');
  embeddedOnly(config, 'backup');
  await withDatabase(config, async (database) => {
    await database.backupTo?.(out);
  });
  process.stdout.write(`Backup of ${config.dataDir} written to ${out}.\n`);
}

async function restoreCommand(config: Config, args: string[]): Promise<void> {
  const { values } = parseArgs({ args, options: { from: { type: 'string' } } });
  const from = required(values, 'from');
  embeddedOnly(config, 'restore');
  if (!existsSync(from)) throw new UsageError(`--from: no such file: ${from}`);
  await restoreBackup(config.dataDir, from, createPglite);
  process.stdout.write(`Restored ${from} into ${config.dataDir}. Start Plaster as usual.\n`);
}

export async function main(argv: string[]): Promise<number> {
  // Everything this process writes (the embedded database, its secrets) is for its user alone,
  // whatever umask it was started with.
  process.umask(0o077);
  const [command, sub, ...rest] = argv;
  // The simulator has its own options and help, and needs no Plaster configuration.
  if (command === 'wonde-sim') return runWondeSimCli(argv.slice(1));
  const wantsHelp = argv.includes('--help') || argv.includes('-h');
  if (
    !command ||
    command === 'help' ||
    (wantsHelp && !['users', 'organisations'].includes(command))
  ) {
    process.stdout.write(HELP);
    return command && command !== 'help' && !wantsHelp ? 1 : 0;
  }
  // Read once: the error messages below name what it says (the backups folder).
  let config: Config | undefined;
  try {
    if (wantsHelp) {
      process.stdout.write(HELP);
      return 0;
    }
    config = loadConfig();
    switch (command) {
      case 'serve':
        await serve(config);
        return 0;
      case 'worker':
        await worker(config);
        return 0;
      case 'sync':
        return await syncCommand(
          config,
          [sub, ...rest].filter((a): a is string => a !== undefined),
        );
      case 'config':
        process.stdout.write(configReport(config));
        return 0;
      case 'backup':
        await backupCommand(
          config,
          [sub, ...rest].filter((a): a is string => a !== undefined),
        );
        return 0;
      case 'restore':
        await restoreCommand(
          config,
          [sub, ...rest].filter((a): a is string => a !== undefined),
        );
        return 0;
      case 'migrate':
        await withDatabase(config, (database) => {
          process.stdout.write(`Migrations applied (${database.engine}).\n`);
          return Promise.resolve();
        });
        return 0;
      case 'users':
        if (sub !== 'create')
          throw new UsageError('Usage: plaster users create --org NAME --email E --role R');
        await usersCreate(config, rest);
        return 0;
      case 'organisations':
        if (sub !== 'create')
          throw new UsageError(
            'Usage: plaster organisations create --name NAME [--kind trust|school]',
          );
        await organisationsCreate(config, rest);
        return 0;
      default:
        throw new UsageError(`Unknown command "${command}". Run plaster --help for the list.`);
    }
  } catch (error) {
    if (error instanceof ConfigError || error instanceof UsageError) {
      process.stderr.write(`${error.message}\n`);
      return 1;
    }
    if (error instanceof DataDirInUseError) {
      process.stderr.write(
        `${error.message} The embedded database is opened by one process at a time: stop it first` +
          (command === 'backup'
            ? `, or use its nightly backups in ${config?.backupDir ?? 'BACKUP_DIR'}.\n`
            : '.\n'),
      );
      return 1;
    }
    const unreachable = databaseUnavailableReason(error);
    if (unreachable !== null) {
      process.stderr.write(
        `Cannot reach the database (${unreachable}): check DATABASE_URL and that PostgreSQL is running.\n`,
      );
      return 1;
    }
    if (
      error instanceof RestoreTargetNotEmptyError ||
      error instanceof MailServerUnreachableError
    ) {
      process.stderr.write(`${error.message}\n`);
      return 1;
    }
    if (error instanceof AppError && error.expected) {
      process.stderr.write(`${error.message}\n`);
      return 1;
    }
    if (
      error instanceof TypeError &&
      'code' in error &&
      String(error.code).startsWith('ERR_PARSE_ARGS')
    ) {
      process.stderr.write(`${error.message}\n`);
      return 1;
    }
    // Printed as the log would have it: a failed query's parameters (a password hash, a name)
    // are never written out.
    const logged = serializeError(error);
    process.stderr.write(`${String(logged.stack ?? logged.message)}\n`);
    return 1;
  }
}
