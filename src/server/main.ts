import { parseArgs } from 'node:util';
import { RoleSchema } from '../shared/api';
import { loadConfig, type Config, ConfigError } from './config';
import { openDatabase, type Database } from './db/client';
import { DEMO, seedDemo } from './demo/seed-demo';
import type { SessionSettings } from './features/auth/sessions.service';
import { createOrganisation } from './features/organisations/create-organisation';
import { getOrganisationByName } from './features/organisations/organisations.service';
import { createUser } from './features/users/users.service';
import { buildApp } from './http/app';
import { startJobQueue } from './jobs/queue';
import { jobs } from './jobs/registry';
import { AppError } from './lib/errors';
import { loadOrCreateLocalSecrets } from './lib/local-secrets';
import { createLogger } from './lib/logger';

const HELP = `plaster — the incident book for UK schools and trusts

Usage: plaster <command> [options]

Commands:
  serve                         Run the web server and API (the default for npm start)
  worker                        Run background jobs (scheduled clean-ups; with PostgreSQL)
  migrate                       Apply database migrations, then exit
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
    await database.migrate();
    return await run(database);
  } finally {
    await database.close();
  }
}

function sessionSettings(config: Config): SessionSettings {
  return {
    secret: config.sessionSecret ?? loadOrCreateLocalSecrets(config.dataDir).sessionSecret,
    idleMinutes: config.sessionIdleMinutes,
    maxHours: config.sessionMaxHours,
  };
}

async function serve(config: Config): Promise<void> {
  const logger = createLogger({ level: config.logLevel });
  const sessions = sessionSettings(config);
  const database = await openDatabase(config);
  await database.migrate();
  const seeded = config.demo ? await seedDemo(database.db) : false;
  const queue = config.runJobsInServe
    ? await startJobQueue(database, { db: database.db, sessions, logger }, { work: true })
    : null;
  const app = await buildApp({
    db: database.db,
    sessions,
    secureCookies: config.publicUrl.startsWith('https://'),
    trustProxy: config.trustProxy,
    logger,
  });

  const shutdown = async (signal: string) => {
    logger.info({ signal }, 'shutting down');
    await app.close();
    await queue?.stop();
    await database.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));

  await app.listen({ port: config.port, host: config.host });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const url =
    config.publicUrl === `http://localhost:${config.port}`
      ? `http://localhost:${port}`
      : config.publicUrl;
  const lines = [
    '',
    `Plaster is running at ${url}`,
    `  database: ${database.engine === 'pglite' ? `embedded (PGlite) in ${config.dataDir}` : 'PostgreSQL'}`,
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
  const sessions = sessionSettings(config);
  const database = await openDatabase(config);
  await database.migrate();
  const queue = await startJobQueue(
    database,
    { db: database.db, sessions, logger },
    { work: true },
  );
  const shutdown = async (signal: string) => {
    logger.info({ signal }, 'worker stopping');
    await queue.stop();
    await database.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  logger.info({ jobs: jobs.map((j) => j.name) }, 'worker started');
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

export async function main(argv: string[]): Promise<number> {
  const [command, sub, ...rest] = argv;
  const wantsHelp = argv.includes('--help') || argv.includes('-h');
  if (
    !command ||
    command === 'help' ||
    (wantsHelp && !['users', 'organisations'].includes(command))
  ) {
    process.stdout.write(HELP);
    return command && command !== 'help' && !wantsHelp ? 1 : 0;
  }
  try {
    if (wantsHelp) {
      process.stdout.write(HELP);
      return 0;
    }
    const config = loadConfig();
    switch (command) {
      case 'serve':
        await serve(config);
        return 0;
      case 'worker':
        await worker(config);
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
    throw error;
  }
}
