import PgBoss from 'pg-boss';
import type { Database } from '../db/client';
import { databaseUnavailableReason } from '../db/unavailable';
import { serializeError } from '../lib/error-log';
import { queueExecutor } from './bookkeeping';
import type { JobDefinition, JobDeps } from './job';

/**
 * The error pg-boss keeps with a failed job, in its table: every field of the original would be
 * kept, a failed query's parameters included, so only what the log may hold is passed on.
 */
function keepable(error: unknown): Error {
  const logged = serializeError(error);
  const kept = new Error(String(logged.message));
  kept.stack = typeof logged.stack === 'string' ? logged.stack : kept.stack;
  return kept;
}

export type JobQueue = {
  boss: PgBoss;
  /** Taking jobs: started with `work` and not stopping (readiness, /readyz). */
  isWorking(): boolean;
  stop(): Promise<void>;
};

/**
 * Starts pg-boss on Plaster's own database (its tables live in the `pgboss` schema). With
 * `work`, this process also takes jobs and keeps the schedules; without, it only enqueues.
 */
export async function startJobQueue(
  database: Database,
  deps: JobDeps,
  options: { work: boolean; jobs: JobDefinition[] },
): Promise<JobQueue> {
  let stopping = false;
  const schema = 'pgboss';
  const executeSql = queueExecutor((text, values) => database.executeSql(text, values), {
    schema,
    logger: deps.logger,
    isStopping: () => stopping,
  });
  const boss = new PgBoss({
    db: { executeSql },
    schema,
    schedule: options.work,
    supervise: options.work,
  });
  // The queue's own loops (maintenance, schedules, clock checks) report what failed here and
  // carry on: a database that went away is waited for, never a reason to stop.
  boss.on('error', (error) => {
    const unavailable = databaseUnavailableReason(error);
    if (unavailable)
      deps.logger.warn({ reason: unavailable }, 'job queue cannot reach the database');
    else deps.logger.error({ err: error }, 'job queue error');
  });
  await boss.start();

  for (const job of options.jobs) {
    const settings = {
      name: job.name,
      policy: 'standard' as const,
      retryLimit: job.retryLimit ?? 5,
      retryDelay: job.retryDelaySeconds ?? 30,
      retryBackoff: true,
      ...(job.expireInSeconds ? { expireInSeconds: job.expireInSeconds } : {}),
    };
    await boss.createQueue(job.name, settings);
    // A queue created by an earlier version keeps its settings otherwise.
    await boss.updateQueue(job.name, settings);
    if (!options.work) continue;
    const handle = async ([received]: PgBoss.JobWithMetadata<unknown>[]) => {
      if (!received) return;
      const payload = job.payloadSchema.safeParse(received.data);
      if (!payload.success) {
        // Logged apart from handler failures: a bad payload is a bug in whoever enqueued it.
        deps.logger.error({ job: job.name, id: received.id }, 'job payload is invalid');
        throw new Error(`Invalid payload for ${job.name}: ${payload.error.message}`);
      }
      try {
        await job.handler(payload.data, deps, {
          isLastAttempt: received.retryCount >= received.retryLimit,
          jobId: received.id,
        });
      } catch (error) {
        throw keepable(error);
      }
    };
    await boss.work(job.name, { includeMetadata: true }, handle);
    if (job.cron) await boss.schedule(job.name, job.cron, {}, { tz: 'Europe/London' });
  }

  return {
    boss,
    isWorking: () => options.work && !stopping,
    async stop() {
      stopping = true;
      await boss.stop({ graceful: true, wait: true, timeout: 10_000 });
    },
  };
}
