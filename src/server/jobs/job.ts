import type PgBoss from 'pg-boss';
import type { z } from 'zod';
import type { Deps } from '../deps';

/** What job handlers are given: the process's one set of dependencies. */
export type JobDeps = Deps;

export type JobContext = {
  /** The queue will not retry after this attempt: a failure now is final. */
  isLastAttempt: boolean;
  /** The job's id, the same for each of its attempts. */
  jobId: string;
};

export type JobDefinition<P extends z.ZodType = z.ZodType> = {
  /** Dotted name, also the pg-boss queue name. */
  name: string;
  payloadSchema: P;
  /** Cron expression (Europe/London) to run it on a schedule, with an empty payload. */
  cron?: string;
  /** Retries after a failed attempt, with exponential backoff from retryDelaySeconds. */
  retryLimit?: number;
  retryDelaySeconds?: number;
  /**
   * How long an attempt may run before the queue takes its worker for dead and hands the job out
   * again (pg-boss's default is 15 minutes).
   */
  expireInSeconds?: number;
  handler(payload: z.infer<P>, deps: JobDeps, context: JobContext): Promise<'done' | 'skipped'>;
};

/** Where jobs are sent: the running job queue, or anything else holding its pg-boss. */
export type JobSender = { boss: Pick<PgBoss, 'send'> };

/** A job as defined, with the one way to enqueue it: under its name, with a valid payload. */
export type Job<P extends z.ZodType = z.ZodType> = JobDefinition<P> & {
  /** Checks the payload against the job's schema, then sends it; resolves to the job's id. */
  enqueue(
    queue: JobSender,
    payload: z.input<P>,
    options?: PgBoss.SendOptions,
  ): Promise<string | null>;
};

export function defineJob<P extends z.ZodType>(definition: JobDefinition<P>): Job<P> {
  return {
    ...definition,
    async enqueue(queue, payload, options) {
      const data = definition.payloadSchema.parse(payload) as object;
      return options
        ? queue.boss.send(definition.name, data, options)
        : queue.boss.send(definition.name, data);
    },
  };
}
