import type { z } from 'zod';
import type { Db } from '../db/client';
import type { SessionSettings } from '../features/auth/sessions.service';
import type { Logger } from '../lib/logger';

/** What job handlers are given; built once by the process that works the queue. */
export type JobDeps = { db: Db; sessions: SessionSettings; logger: Logger };

export type JobDefinition<P extends z.ZodType = z.ZodType> = {
  /** Dotted name, also the pg-boss queue name. */
  name: string;
  payloadSchema: P;
  /** Cron expression (Europe/London) to run it on a schedule, with an empty payload. */
  cron?: string;
  handler(payload: z.infer<P>, deps: JobDeps): Promise<'done' | 'skipped'>;
};

export function defineJob<P extends z.ZodType>(definition: JobDefinition<P>): JobDefinition<P> {
  return definition;
}
