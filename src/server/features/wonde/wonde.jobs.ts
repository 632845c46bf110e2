import { z } from 'zod';
import { defineJob } from '../../jobs/job';
import { pollApprovals, releaseEndedConnections, scheduleSyncs } from './connection.service';
import { runSync } from './sync.service';

/** Runs one sync run; retried with backoff on outages, resuming where it stopped. */
export const syncSchoolJob = defineJob({
  name: 'wonde.sync',
  payloadSchema: z.object({ syncRunId: z.uuid() }),
  retryLimit: 5,
  retryDelaySeconds: 30,
  handler: (payload, deps, context) => runSync(deps, payload.syncRunId, context),
});

/** Queues a delta sync of every approved school. */
export function scheduledSyncJob(cron: string) {
  return defineJob({
    name: 'wonde.schedule',
    payloadSchema: z.object({}),
    cron,
    retryLimit: 0,
    async handler(_payload, deps) {
      const queued = await scheduleSyncs(deps, 'delta', 'schedule');
      deps.logger.info({ queued }, 'scheduled delta syncs queued');
      return 'done';
    },
  });
}

/** The nightly full sync that reconciles: people missing from a complete listing are removed. */
export const nightlyFullSyncJob = defineJob({
  name: 'wonde.nightly',
  payloadSchema: z.object({}),
  cron: '30 2 * * *',
  retryLimit: 2,
  async handler(_payload, deps) {
    const queued = await scheduleSyncs(deps, 'full', 'nightly');
    deps.logger.info({ queued }, 'nightly full syncs queued');
    return 'done';
  },
});

/** The fallback for a missed schoolApproved webhook. */
export const pollApprovalsJob = defineJob({
  name: 'wonde.poll-approvals',
  payloadSchema: z.object({}),
  cron: '*/5 * * * *',
  retryLimit: 0,
  async handler(_payload, deps) {
    const approved = await pollApprovals(deps);
    if (approved > 0) deps.logger.info({ approved }, 'approvals found by polling');
    return 'done';
  },
});

/** Releases Wonde schools whose access ended more than the grace period ago (nightly). */
export const releaseEndedConnectionsJob = defineJob({
  name: 'wonde.release-ended',
  payloadSchema: z.object({}),
  cron: '15 3 * * *',
  retryLimit: 2,
  async handler(_payload, deps) {
    const released = await releaseEndedConnections(deps);
    if (released > 0)
      deps.logger.info({ released }, 'Wonde schools released after their access ended');
    return 'done';
  },
});
