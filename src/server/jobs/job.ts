import type { z } from 'zod';
import type { Db } from '../db/client';
import type { SessionSettings } from '../features/auth/sessions.service';
import type { NotificationsContext } from '../features/notifications/notifications.service';
import type { WondeContext } from '../features/wonde/wonde-context';
import type { Mailer } from '../email/mailer';
import type { Logger } from '../lib/logger';

/** What job handlers are given; built once by the process that works the queue. */
export type JobDeps = {
  db: Db;
  sessions: SessionSettings;
  logger: Logger;
  wonde: WondeContext;
  /** Null when no mail server is configured: deliveries then fail visibly. */
  mailer: Mailer | null;
  notifications: NotificationsContext;
};

export type JobContext = {
  /** The queue will not retry after this attempt: a failure now is final. */
  isLastAttempt: boolean;
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
  handler(payload: z.infer<P>, deps: JobDeps, context: JobContext): Promise<'done' | 'skipped'>;
};

export function defineJob<P extends z.ZodType>(definition: JobDefinition<P>): JobDefinition<P> {
  return definition;
}
