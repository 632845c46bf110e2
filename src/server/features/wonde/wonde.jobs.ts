import { z } from 'zod';
import { defineJob } from '../../jobs/job';
import { pollApprovals, releaseEndedConnections, scheduleSyncs } from './connection.service';
import { runSync, SYNC_PAGE_TIMEOUT_MS, SYNC_SLICE_MS } from './sync.service';
import { findSyncRunAnywhere } from './wonde.repo';

/**
 * Runs a sync run for a minute at most, then hands it on to a new job, so that no attempt
 * outlives the job's expiry: a minute, the longest a page may take, and a minute to apply it.
 * Retried with backoff on outages, resuming where it stopped; a run whose worker died is resumed
 * sooner than that by its heartbeat (resumeStaleSyncs).
 */
export const syncSchoolJob = defineJob({
  name: 'wonde.sync',
  payloadSchema: z.object({ syncRunId: z.uuid() }),
  retryLimit: 5,
  retryDelaySeconds: 30,
  expireInSeconds: (SYNC_SLICE_MS + SYNC_PAGE_TIMEOUT_MS) / 1000 + 60,
  async handler(payload, deps, context) {
    const outcome = await runSync(deps, payload.syncRunId, {
      isLastAttempt: context.isLastAttempt,
      claimToken: context.jobId,
      stopAfter: Date.now() + SYNC_SLICE_MS,
    });
    if (outcome !== 'paused') return outcome;
    const run = await findSyncRunAnywhere(deps.db, payload.syncRunId);
    if (run) await deps.wonde.enqueueSync(run);
    return 'done';
  },
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
