import { createRequire } from 'node:module';
import type { SqlExecutor } from '../db/client';
import { databaseUnavailableReason } from '../db/unavailable';
import type { Logger } from '../lib/logger';

/**
 * pg-boss's own statements that record a job's outcome. It sends them without waiting for the
 * answer (a failure would be an unhandled rejection, which ends the process), so the queue's
 * connection answers them itself: retried while the database is away, never rejected.
 */
const plans = createRequire(import.meta.url)('pg-boss/src/plans.js') as {
  completeJobs(schema: string): string;
  failJobsById(schema: string): string;
};

const FIRST_WAIT_MS = 250;
const LONGEST_WAIT_MS = 5_000;
/** Past this the job is left active: pg-boss hands it out again when it expires. */
const GIVE_UP_AFTER_MS = 10 * 60_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The executor pg-boss is given: every statement as `execute` runs it, except the outcome of a
 * job, which is retried with backoff while the database cannot be reached and, when it cannot
 * be recorded (another failure, the queue stopping, or too long an outage), logged and
 * answered as if no job had been touched.
 */
export function queueExecutor(
  execute: SqlExecutor,
  options: { schema: string; logger: Logger; isStopping(): boolean; giveUpAfterMs?: number },
): SqlExecutor {
  const outcomes = new Set([
    plans.completeJobs(options.schema),
    plans.failJobsById(options.schema),
  ]);
  const giveUpAfter = options.giveUpAfterMs ?? GIVE_UP_AFTER_MS;

  async function recordOutcome(text: string, values: unknown[] | undefined) {
    const started = Date.now();
    for (let wait = FIRST_WAIT_MS, attempt = 1; ; wait = Math.min(wait * 2, LONGEST_WAIT_MS)) {
      try {
        return await execute(text, values);
      } catch (error) {
        const unavailable = databaseUnavailableReason(error);
        const retry =
          unavailable !== null &&
          !options.isStopping() &&
          Date.now() - started + wait < giveUpAfter;
        if (!retry) {
          options.logger.error(
            { err: error, attempt },
            "job queue could not record a job's outcome; the job runs again when it expires",
          );
          return { rows: [{ count: '0' }] };
        }
        if (attempt === 1)
          options.logger.warn(
            { reason: unavailable },
            "job queue cannot reach the database to record a job's outcome; retrying",
          );
        attempt += 1;
        await sleep(wait);
      }
    }
  }

  return (text, values) =>
    outcomes.has(text) ? recordOutcome(text, values) : execute(text, values);
}
