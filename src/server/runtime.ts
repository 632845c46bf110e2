import { randomBytes } from 'node:crypto';
import type { Config } from './config';
import type { Deps } from './deps';
import { openDatabase, type Database } from './db/client';
import { startDemoWonde, type DemoWonde } from './demo/demo-wonde';
import { createMailer, type Mailer } from './email/mailer';
import { startMailCatcher } from './email/mail-catcher';
import { sendEmailJob } from './features/notifications/email.jobs';
import type { NotificationsContext, SessionSettings } from './deps';
import { createWondeClient } from './features/wonde/wonde-client';
import type { WondeContext } from './features/wonde/wonde-context';
import { resumeStaleSyncs } from './features/wonde/sync.service';
import { syncSchoolJob } from './features/wonde/wonde.jobs';
import { runPeriodically } from './jobs/periodic';
import { startJobQueue, type JobQueue } from './jobs/queue';
import { allJobs } from './jobs/registry';
import { createHttpClient } from './lib/http-client';
import { loadOrCreateLocalSecrets } from './lib/local-secrets';
import type { Logger } from './lib/logger';
import { createSecretBox, parseEncryptionKey } from './lib/secret-box';

/** The mail server of SMTP_URL cannot be reached or refuses Plaster at start. */
export class MailServerUnreachableError extends Error {
  constructor(smtpUrl: string, reason: string) {
    const { hostname, port } = new URL(smtpUrl);
    super(
      `Cannot reach the mail server ${hostname}:${port || 'default port'} (${reason}): check SMTP_URL.`,
    );
    this.name = 'MailServerUnreachableError';
  }
}

async function verifyMailServer(mailer: Mailer, smtpUrl: string): Promise<void> {
  try {
    await mailer.verify();
  } catch (error) {
    mailer.close();
    const { code, message } = error as { code?: string; message?: string };
    throw new MailServerUnreachableError(smtpUrl, message ?? code ?? 'no answer');
  }
}

/** Everything a Plaster process runs on, built once from the configuration. */
export type Runtime = {
  config: Config;
  database: Database;
  /** What routes, services and jobs run on. */
  deps: Deps;
  queue: JobQueue;
  /** The built-in Wonde simulator of the embedded demo, when it runs. */
  demoWonde: DemoWonde | null;
  close(): Promise<void>;
};

/**
 * Opens the database (migrated under the start-up lock), the job queue and the Wonde client. `work` makes this process
 * take jobs; in demo mode without a Wonde token the built-in simulator stands in for Wonde.
 */
export async function startRuntime(
  config: Config,
  logger: Logger,
  options: { work: boolean },
): Promise<Runtime> {
  const local = config.databaseUrl ? null : loadOrCreateLocalSecrets(config.dataDir);
  const sessionSecret = config.sessionSecret ?? local?.sessionSecret;
  const encryptionKey =
    config.encryptionKey ?? (local ? parseEncryptionKey(local.encryptionKey) : null);
  if (!sessionSecret || !encryptionKey)
    throw new Error('Secrets are missing (config validation should have said).');
  const sessions: SessionSettings = {
    secret: sessionSecret,
    idleMinutes: config.sessionIdleMinutes,
    maxHours: config.sessionMaxHours,
  };

  const database = await openDatabase(config);
  try {
    return await startOn(database, config, logger, options, { sessions, encryptionKey, local });
  } catch (error) {
    // A process that failed to start exits instead of hanging on its open connections.
    await database.close().catch(() => {});
    throw error;
  }
}

async function startOn(
  database: Database,
  config: Config,
  logger: Logger,
  options: { work: boolean },
  secrets: {
    sessions: SessionSettings;
    encryptionKey: Buffer;
    local: ReturnType<typeof loadOrCreateLocalSecrets> | null;
  },
): Promise<Runtime> {
  const { sessions, encryptionKey, local } = secrets;
  const webhookSecret =
    config.wondeWebhookSecret ?? local?.webhookSecret ?? randomBytes(24).toString('base64url');
  const demoWonde =
    config.demo && !config.wondeToken
      ? await startDemoWonde({
          webhookUrl: `http://127.0.0.1:${config.port}/api/v1/webhooks/wonde`,
          webhookSecret,
        })
      : null;
  const baseUrl = demoWonde?.url ?? config.wondeApiUrl;
  const partnerToken = demoWonde?.partnerToken ?? config.wondeToken ?? null;
  const http = createHttpClient({ logger, maxConcurrent: 4, minTimeMs: demoWonde ? 0 : 50 });

  const mailCatcher = !config.smtpUrl && config.demo ? await startMailCatcher() : null;
  const smtpUrl = config.smtpUrl ?? mailCatcher?.url;
  const mailer = smtpUrl ? createMailer({ smtpUrl, from: config.mailFrom }) : null;
  // A configured mail server that cannot be reached is said at start, not found out at the
  // first head-injury email.
  if (mailer && config.smtpUrl) await verifyMailServer(mailer, config.smtpUrl);

  let queue: JobQueue | null = null;
  const notifications: NotificationsContext = {
    async enqueueEmail(notificationId) {
      if (!queue) throw new Error('The job queue is not running.');
      await sendEmailJob.enqueue(queue, { notificationId });
    },
  };
  const secretBox = createSecretBox(encryptionKey);
  const wonde: WondeContext = {
    client: partnerToken ? createWondeClient({ http, baseUrl, partnerToken }) : null,
    baseUrl,
    partnerToken,
    secrets: secretBox,
    webhookSecret: config.wondeWebhookSecret ?? (demoWonde || local ? webhookSecret : null),
    releaseAfterDays: config.wondeReleaseAfterDays,
    async enqueueSync(run, jobId) {
      if (!queue) throw new Error('The job queue is not running.');
      await syncSchoolJob.enqueue(
        queue,
        { syncRunId: run.id },
        { singletonKey: run.id, ...(jobId ? { id: jobId } : {}) },
      );
    },
    syncStaleAfterSeconds: config.syncStaleAfterSeconds,
  };
  const deps: Deps = {
    db: database.db,
    logger,
    sessions,
    secureCookies: config.publicUrl.startsWith('https://'),
    publicUrl: config.publicUrl,
    secrets: secretBox,
    wonde,
    notifications,
    mailer,
    mailCatcher,
    sso: { issuerOverrides: config.ssoIssuerOverrides, dnsServers: config.dnsServers },
  };
  // Migrations and the queue's own schema, created by one process while any others wait.
  queue = await database.withStartupLock(async () => {
    await database.migrate();
    return startJobQueue(database, deps, {
      work: options.work,
      jobs: allJobs({
        syncIntervalMinutes: config.syncIntervalMinutes,
        backups:
          database.engine === 'pglite' && config.backupKeep > 0
            ? {
                dir: config.backupDir,
                keep: config.backupKeep,
                write: (file) => database.backupTo?.(file) ?? Promise.resolve(),
              }
            : null,
      }),
    });
  });

  // Where jobs are worked, runs whose worker died are looked for at start and then four times
  // per stale limit (every 15 s by default), so that one resumes within a quarter of a limit of
  // going stale: about a minute after its worker died.
  const staleCheck = options.work
    ? runPeriodically(
        'resume stale syncs',
        (config.syncStaleAfterSeconds * 1000) / 4,
        () => resumeStaleSyncs(deps),
        logger,
      )
    : null;

  return {
    config,
    database,
    deps,
    queue,
    demoWonde,
    async close() {
      staleCheck?.stop();
      await queue?.stop();
      logger.info('job queue stopped');
      mailer?.close();
      await mailCatcher?.close();
      await demoWonde?.close();
      await database.close();
      logger.info('database closed');
    },
  };
}
