import { z } from 'zod';
import { defineJob } from '../../jobs/job';
import { vacuumDirectory } from './people.repo';

/**
 * Vacuums the people directory and its search keys each night, after the nightly full syncs
 * have queued (02:30). The embedded database has no autovacuum, so without this the space of
 * changed rows is never fully reclaimed, and the search's index-only reads keep visiting the
 * table to check which rows are live. On PostgreSQL it only brings autovacuum forward.
 */
export const vacuumDirectoryJob = defineJob({
  name: 'people.vacuum',
  payloadSchema: z.object({}),
  cron: '45 4 * * *',
  async handler(_payload, { db, logger }) {
    const started = performance.now();
    await vacuumDirectory(db);
    logger.info({ ms: Math.round(performance.now() - started) }, 'vacuumed the people directory');
    return 'done';
  },
});
