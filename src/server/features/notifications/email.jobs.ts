import { z } from 'zod';
import { defineJob } from '../../jobs/job';
import { deliverNotification, requeueStranded } from './notifications.service';

/** Delivers one notification; retried with backoff (about 1, 2, 4, 8, 16 minutes). */
export const sendEmailJob = defineJob({
  name: 'email.send',
  payloadSchema: z.object({ notificationId: z.uuid() }),
  retryLimit: 5,
  retryDelaySeconds: 60,
  handler: (payload, deps, context) => deliverNotification(deps, payload.notificationId, context),
});

/**
 * The outbox's safety net: hands back notifications that never reached the queue, and marks
 * those whose send never ended as `unknown` (never sent again by itself).
 */
export const sweepEmailJob = defineJob({
  name: 'email.sweep',
  payloadSchema: z.object({}),
  cron: '* * * * *',
  retryLimit: 0,
  async handler(_payload, deps) {
    const count = await requeueStranded({
      db: deps.db,
      enqueueEmail: (id) => deps.notifications.enqueueEmail(id),
      logger: deps.logger,
    });
    if (count > 0) deps.logger.warn({ count }, 'stranded notifications queued again');
    return 'done';
  },
});
