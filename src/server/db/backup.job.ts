import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { defineJob } from '../jobs/job';
import { DATA_DIR_MODE } from '../lib/data-dir';
import { londonDate } from '../lib/london-time';
import { nightlyBackupName, pruneBackups } from './backup';

/** Where the embedded database's nightly backups go, how many are kept, and how one is taken. */
export type NightlyBackups = {
  dir: string;
  keep: number;
  write(file: string): Promise<void>;
};

/**
 * Each night, a snapshot of the embedded database into the backups folder, keeping the newest
 * `keep`. Runs in the process that has the database open (the only one that can read it);
 * skipped on PostgreSQL and when no backups are to be kept (null).
 */
export function nightlyBackupJob(backups: NightlyBackups | null) {
  return defineJob({
    name: 'db.backup',
    payloadSchema: z.object({}),
    cron: '45 1 * * *',
    async handler(_payload, { logger }) {
      if (!backups) return 'skipped';
      await mkdir(backups.dir, { recursive: true, mode: DATA_DIR_MODE });
      const file = join(backups.dir, nightlyBackupName(londonDate(new Date())));
      await backups.write(file);
      const removed = await pruneBackups(backups.dir, backups.keep);
      logger.info({ file, removed: removed.length }, 'nightly backup written');
      return 'done';
    },
  });
}
