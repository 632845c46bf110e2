import { z } from 'zod';
import { defineJob } from '../../jobs/job';
import { purgeStaleSignInData } from './sessions.service';

/** Removes ended sessions and sign-in attempts older than the rate limits and audit need. */
export const purgeSignInDataJob = defineJob({
  name: 'auth.purge',
  payloadSchema: z.object({}),
  cron: '17 * * * *',
  async handler(_payload, { db, sessions, logger }) {
    const counts = await purgeStaleSignInData(db, sessions);
    logger.info(counts, 'purged ended sessions and old sign-in attempts');
    return 'done';
  },
});
