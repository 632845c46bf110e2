import { purgeSignInDataJob } from '../features/auth/purge-sign-in-data.job';
import {
  nightlyFullSyncJob,
  pollApprovalsJob,
  releaseEndedConnectionsJob,
  scheduledSyncJob,
  syncSchoolJob,
} from '../features/wonde/wonde.jobs';
import { sendEmailJob, sweepEmailJob } from '../features/notifications/email.jobs';
import { vacuumDirectoryJob } from '../features/people/vacuum-directory.job';
import { nightlyBackupJob, type NightlyBackups } from '../db/backup.job';
import type { JobDefinition } from './job';

/** Every job Plaster runs, with the schedules the configuration sets. */
export function allJobs(options: {
  syncIntervalMinutes: number;
  backups?: NightlyBackups | null;
}): JobDefinition[] {
  const every = options.syncIntervalMinutes;
  return [
    purgeSignInDataJob,
    syncSchoolJob,
    scheduledSyncJob(every >= 60 ? '0 * * * *' : `*/${every} * * * *`),
    nightlyFullSyncJob,
    pollApprovalsJob,
    releaseEndedConnectionsJob,
    sendEmailJob,
    sweepEmailJob,
    vacuumDirectoryJob,
    nightlyBackupJob(options.backups ?? null),
  ];
}
