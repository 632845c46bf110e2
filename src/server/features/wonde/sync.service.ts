import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { databaseUnavailableReason } from '../../db/unavailable';
import { AppError } from '../../lib/errors';
import {
  markRemovedByWondeIdsAnywhere,
  markUnseenRemovedAnywhere,
  restoreByWondeIdsAnywhere,
  upsertPeople,
  pruneSearchWords,
} from '../people/people.service';
import { pupilFromWonde, staffFromWonde } from './person-mapping';
import { WondeError, type ListItem, type ListKind, type SchoolAccess } from './wonde-client';
import { londonDate } from '../../lib/london-time';
import {
  addToSyncRunAnywhere,
  claimSyncRunAnywhere,
  findConnection,
  findLiveSyncRun,
  findSyncRunAnywhere,
  handOverSyncRunAnywhere,
  insertSyncRun,
  listStaleSyncRunsAnywhere,
  touchSyncRunAnywhere,
  updateClaimedSyncRunAnywhere,
  updateConnectionAnywhere,
  updateSyncRunAnywhere,
  type ConnectionRow,
  type SyncRunRow,
} from './wonde.repo';
import { schoolScope } from '../../access/scope';
import type { Deps } from '../../deps';
import { endAccess, partnerAccess } from './wonde-access';
import { errorMessageForLog } from '../../lib/error-log';

export type SyncDeps = Pick<Deps, 'db' | 'wonde' | 'logger'>;

/** Delta runs look back this far before the last good run started, for clock skew and lag. */
export const DELTA_SAFETY_MARGIN_MS = 10 * 60_000;

const PHASES: Record<SyncRunRow['mode'], ListKind[]> = {
  full: ['students', 'employees'],
  delta: ['students', 'employees', 'deletions'],
};

export type RunOptions = {
  /** The queue will not try again after this attempt: a failure now is final. */
  isLastAttempt: boolean;
  /** Called after each page is applied, with the run as it now stands. */
  onProgress?: (run: SyncRunRow) => void | Promise<void>;
  /** Whose attempt this is: the job's id, the same for its retries; a new token if not given. */
  claimToken?: string;
  /** Starts no page after this moment (ms since the epoch): the run is let go, 'paused'. */
  stopAfter?: number;
};

/**
 * Queues a sync of a school, or returns the one already queued or running (one at a time per
 * school). A delta with no successful sync before it becomes a full sync.
 */
export async function requestSync(
  deps: SyncDeps,
  target: { organisationId: string; schoolId: string },
  mode: SyncRunRow['mode'],
  trigger: string,
): Promise<{ run: SyncRunRow; isNew: boolean }> {
  const scope = schoolScope(target.organisationId, target.schoolId);
  const connection = await findConnection(deps.db, scope, target.schoolId);
  if (!connection || connection.state !== 'approved') {
    throw new AppError(
      'conflict',
      'This school is not connected to Wonde, or its access is not approved.',
    );
  }
  const live = await findLiveSyncRun(deps.db, scope, target.schoolId);
  if (live) {
    // One whose worker died (or whose retry is not due yet) is set going again now.
    await resumeStaleSyncs(deps, { anyHolder: true, schoolId: target.schoolId });
    return { run: live, isNew: false };
  }
  const effectiveMode = mode === 'delta' && !connection.syncedFrom ? 'full' : mode;
  let run: SyncRunRow;
  try {
    run = await insertSyncRun(deps.db, {
      organisationId: target.organisationId,
      schoolId: target.schoolId,
      mode: effectiveMode,
      trigger,
      updatedAfter:
        effectiveMode === 'delta' && connection.syncedFrom
          ? new Date(connection.syncedFrom.getTime() - DELTA_SAFETY_MARGIN_MS)
          : null,
    });
  } catch (error) {
    // Another request queued one at the same moment: that one stands.
    const raced = await findLiveSyncRun(deps.db, scope, target.schoolId);
    if (raced) return { run: raced, isNew: false };
    throw error;
  }
  await deps.wonde.enqueueSync(run);
  return { run, isNew: true };
}

/**
 * Resumes runs whose runner has been silent longer than the stale limit (its worker died): each
 * is handed to a new job, whose id is its new holder, so that a worker that was only slow finds
 * it taken and stops. With `anyHolder` also those waiting that long for a retry or a worker.
 * Returns how many were resumed.
 */
export async function resumeStaleSyncs(
  deps: SyncDeps,
  options: { anyHolder?: boolean; schoolId?: string } = {},
): Promise<number> {
  const staleAfter = deps.wonde.syncStaleAfterSeconds ?? DEFAULT_SYNC_STALE_AFTER_SECONDS;
  let resumed = 0;
  for (const run of await listStaleSyncRunsAnywhere(deps.db, staleAfter, options)) {
    const jobId = randomUUID();
    if (!(await handOverSyncRunAnywhere(deps.db, run, jobId, staleAfter))) continue;
    await deps.wonde.enqueueSync(run, jobId);
    deps.logger.warn(
      { syncRunId: run.id, schoolId: run.schoolId },
      'sync run was silent too long; resumed by a new job',
    );
    resumed += 1;
  }
  return resumed;
}

/** A run by id, for the process that runs it. */
export async function getSyncRunAnywhere(db: Db, id: string): Promise<SyncRunRow> {
  const run = await findSyncRunAnywhere(db, id);
  if (!run) throw new AppError('not_found', 'Sync run not found.');
  return run;
}

/** Whether Wonde still lets Plaster read the school (partner token); null when it cannot say. */
async function accessStands(deps: SyncDeps, connection: ConnectionRow): Promise<boolean | null> {
  if (!deps.wonde.client || !deps.wonde.partnerToken) return null;
  try {
    return await deps.wonde.client.canReadSchool(partnerAccess(deps.wonde, connection));
  } catch {
    return null;
  }
}

/** Where and with which token to read a connected school's data. */
export function accessOf(deps: Pick<Deps, 'wonde'>, connection: ConnectionRow): SchoolAccess {
  const token = connection.tokenSealed
    ? deps.wonde.secrets.open(connection.tokenSealed)
    : deps.wonde.partnerToken;
  if (!token) throw new WondeError('unauthorized', 'No Wonde token is available for this school.');
  return { baseUrl: connection.apiBaseUrl, wondeSchoolId: connection.wondeSchoolId, token };
}

const typeOfDeletion = (type: string | null | undefined): 'pupil' | 'staff' | null =>
  type === 'student' ? 'pupil' : type === 'employee' ? 'staff' : null;

type PageTarget = { organisationId: string; schoolId: string; runId: string };

/** What applying one page of a listing does, with its items already mapped. */
function pageApplier(
  phase: ListKind,
  items: unknown[],
  today: string,
): (tx: Db, target: PageTarget) => Promise<Record<string, number>> {
  if (phase === 'deletions') {
    const entries = items as ListItem<'deletions'>[];
    const deleted = entries
      .filter((d) => !d.restored_at)
      .map((d) => ({ wondeId: d.id, type: typeOfDeletion(d.type) }));
    const restoredIds = entries.filter((d) => d.restored_at).map((d) => d.id);
    return async (tx, target) => ({
      removed: await markRemovedByWondeIdsAnywhere(tx, target.schoolId, deleted),
      restored: await restoreByWondeIdsAnywhere(tx, target.schoolId, restoredIds),
    });
  }
  const people =
    phase === 'students'
      ? (items as ListItem<'students'>[]).map((s) => pupilFromWonde(s, today))
      : (items as ListItem<'employees'>[]).map((e) => staffFromWonde(e, today));
  return async (tx, target) => ({
    ...(await upsertPeople(tx, target, people)),
    peopleSeen: people.length,
  });
}

/** How long a sync job reads pages before handing the run on to a new job (wonde.jobs). */
export const SYNC_SLICE_MS = 60_000;
/** The longest one page may take, retries included: a Wonde slower than that is an outage. */
export const SYNC_PAGE_TIMEOUT_MS = 120_000;
/** How long a sync waits for its database to come back before giving the attempt up. */
const DATABASE_WAIT_MS = 120_000;
/** Seconds a running sync may be silent before another worker resumes it. */
export const DEFAULT_SYNC_STALE_AFTER_SECONDS = 60;
/** The resume point of a run whose pages have all been read. */
const FINISHING = 'finishing';

/** The run was taken over by another runner (this one was taken for dead): stop touching it. */
class SyncTakenOver extends Error {}

/**
 * Runs (or resumes) a sync run. Each page is applied in one transaction together with the run's
 * resume point, so a crash at any moment loses nothing and repeats nothing: the next attempt
 * carries on from the first page not yet applied. The run is held under a token while it runs
 * and its heartbeat kept, so one silent too long (its worker died) can be resumed elsewhere,
 * and a runner taken for dead that wakes up changes nothing more. A database that goes away is
 * waited for, and the run carries on from its resume point. Returns 'skipped' for a run already
 * ended or held by someone alive, 'paused' when `stopAfter` came before the end.
 */
export async function runSync(
  deps: SyncDeps,
  runId: string,
  options: RunOptions,
): Promise<'done' | 'skipped' | 'paused'> {
  const { db, logger } = deps;
  const client = deps.wonde.client;
  const found = await findSyncRunAnywhere(db, runId);
  if (!found || found.status === 'succeeded' || found.status === 'failed') return 'skipped';
  const connection = await findConnection(
    db,
    schoolScope(found.organisationId, found.schoolId),
    found.schoolId,
  );
  if (!connection || connection.state !== 'approved' || !client) {
    await updateSyncRunAnywhere(db, found.id, {
      status: 'failed',
      finishedAt: new Date(),
      error: 'The school is no longer connected to Wonde.',
      claimToken: null,
    });
    return 'skipped';
  }

  const token = options.claimToken ?? randomUUID();
  const staleAfter = deps.wonde.syncStaleAfterSeconds ?? DEFAULT_SYNC_STALE_AFTER_SECONDS;
  const run = await claimSyncRunAnywhere(db, runId, token, staleAfter);
  if (!run) {
    logger.info({ syncRunId: runId }, 'sync run is held by a live worker; not run twice');
    return 'skipped';
  }
  const heartbeat = keepAlive(deps, run.id, token, staleAfter);
  try {
    for (;;) {
      try {
        return await readPages(deps, client, connection, run, token, options);
      } catch (error) {
        if (error instanceof SyncTakenOver) {
          logger.warn({ syncRunId: run.id }, 'sync run taken over by another worker; stopping');
          return 'skipped';
        }
        const unavailable = databaseUnavailableReason(error);
        if (unavailable) {
          logger.warn({ syncRunId: run.id, reason: unavailable }, 'sync waits for the database');
          if (await databaseReturns(db, DATABASE_WAIT_MS)) continue;
        }
        return await handleSyncFailure(deps, run, token, connection, error, options);
      }
    }
  } finally {
    heartbeat.stop();
  }
}

/** Touches the run's heartbeat while it runs; a failed touch (the database away) is let go. */
function keepAlive(deps: SyncDeps, runId: string, token: string, staleAfterSeconds: number) {
  const timer = setInterval(
    () => {
      touchSyncRunAnywhere(deps.db, runId, token).catch(() => {
        // The next page, or the wait for the database, finds out what happened.
      });
    },
    (staleAfterSeconds * 1000) / 4,
  );
  return { stop: () => clearInterval(timer) };
}

/** Waits (with backoff) until the database answers; false if it has not within `ms`. */
async function databaseReturns(db: Db, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  for (let wait = 250; Date.now() < deadline; wait = Math.min(wait * 2, 5_000)) {
    await new Promise((resolve) => setTimeout(resolve, wait));
    try {
      await db.execute(sql`select 1`);
      return true;
    } catch {
      // Still away.
    }
  }
  return false;
}

/** Rejects as a Wonde outage when a page takes longer than `SYNC_PAGE_TIMEOUT_MS`. */
function withinPageTimeout<T>(page: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(
          new WondeError(
            'unavailable',
            `Wonde took longer than ${SYNC_PAGE_TIMEOUT_MS / 1000} s for one page.`,
          ),
        ),
      SYNC_PAGE_TIMEOUT_MS,
    );
  });
  return Promise.race([page, timeout]).finally(() => clearTimeout(timer));
}

/** Reads and applies pages from the run's resume point to the end (or to `stopAfter`). */
async function readPages(
  deps: SyncDeps,
  client: NonNullable<SyncDeps['wonde']['client']>,
  connection: ConnectionRow,
  claimed: SyncRunRow,
  token: string,
  options: RunOptions,
): Promise<'done' | 'paused'> {
  const { db } = deps;
  const access = accessOf(deps, connection);
  const phases = PHASES[claimed.mode];
  // Read again each time: after a wait for the database, the last page may or may not be in.
  let run = await findSyncRunAnywhere(db, claimed.id);
  for (;;) {
    if (!run || run.claimToken !== token) throw new SyncTakenOver();
    const phase = run.phase ?? phases[0]!;
    if (phase === FINISHING) break;
    if (options.stopAfter !== undefined && Date.now() >= options.stopAfter) {
      // Released, not failed: the job that carries on takes it up where it is.
      const released = await updateClaimedSyncRunAnywhere(db, run.id, token, { claimToken: null });
      if (!released) throw new SyncTakenOver();
      return 'paused';
    }
    const kind = phase as ListKind;
    const updatedAfter = run.updatedAfter ?? undefined;
    const url = run.nextUrl ?? client.firstPageUrl(kind, access, updatedAfter);
    const page = await withinPageTimeout(client.fetchPage(kind, url, access));
    const nextPhase = page.next ? kind : phases[phases.indexOf(kind) + 1];
    const nextUrl =
      page.next ?? (nextPhase ? client.firstPageUrl(nextPhase, access, updatedAfter) : null);
    // Map outside the transaction: it holds a connection (PGlite's only one) while it lasts.
    const applyPage = pageApplier(kind, page.items, londonDate());
    const target = { organisationId: run.organisationId, schoolId: run.schoolId, runId: run.id };
    await db.transaction(async (tx) => {
      const counts = await applyPage(tx, target);
      const moved = await addToSyncRunAnywhere(
        tx,
        target.runId,
        token,
        { ...counts, pagesFetched: 1 },
        { phase: nextPhase ?? FINISHING, nextUrl },
      );
      if (!moved) throw new SyncTakenOver();
    });
    run = await findSyncRunAnywhere(db, run.id);
    if (run) await options.onProgress?.(run);
  }

  const ended = run;
  await db.transaction(async (tx) => {
    // Only a listing read to its end may remove anyone (rule 5: nothing lost).
    const removed =
      ended.mode === 'full' ? await markUnseenRemovedAnywhere(tx, ended.schoolId, ended.id) : 0;
    // Words of renamed and removed people go with a complete listing, not every delta.
    if (ended.mode === 'full') await pruneSearchWords(tx, ended.organisationId);
    const moved = await addToSyncRunAnywhere(
      tx,
      ended.id,
      token,
      { removed },
      { phase: null, nextUrl: null },
    );
    if (!moved) throw new SyncTakenOver();
    await updateSyncRunAnywhere(tx, ended.id, {
      status: 'succeeded',
      finishedAt: new Date(),
      claimToken: null,
    });
    await updateConnectionAnywhere(tx, ended.schoolId, {
      syncedFrom: ended.startedAt ?? claimed.startedAt ?? new Date(),
      stateReason: null,
    });
  });
  deps.logger.info(
    { syncRunId: ended.id, schoolId: ended.schoolId, mode: ended.mode },
    'sync succeeded',
  );
  return 'done';
}

async function handleSyncFailure(
  deps: SyncDeps,
  run: SyncRunRow,
  token: string,
  connection: ConnectionRow,
  error: unknown,
  options: RunOptions,
): Promise<'done'> {
  // Kept on the run for admins to read, and logged: never the rows a failed query was writing.
  const message = errorMessageForLog(error);
  // Only while this attempt still holds the run: one taken over is another runner's to end.
  const fail = (text: string) =>
    updateClaimedSyncRunAnywhere(deps.db, run.id, token, {
      status: 'failed',
      finishedAt: new Date(),
      error: text,
      claimToken: null,
    });

  const refused =
    error instanceof WondeError && (error.kind === 'unauthorized' || error.kind === 'forbidden');
  if (refused) {
    // One refusal is not a revocation: ask Wonde, with the partner token, whether access stands.
    const standing = await accessStands(deps, connection);
    if (standing === false) {
      await endAccess(
        deps,
        connection,
        'revoked',
        `Wonde refused access (${error.status ?? error.kind}) and confirmed it is no longer approved.`,
      );
      await fail(message);
      deps.logger.warn(
        { syncRunId: run.id, schoolId: run.schoolId },
        'Wonde confirmed access is no longer approved; connection revoked',
      );
      return 'done';
    }
    if (standing === true && connection.tokenSealed) {
      // Access stands but the school's own token is refused: read with the partner token.
      await updateConnectionAnywhere(deps.db, connection.schoolId, { tokenSealed: null });
      deps.logger.warn({ schoolId: run.schoolId }, 'school token refused by Wonde; dropped');
    }
  }

  // A refusal Wonde did not confirm is tried again like an outage.
  const transient = refused || !(error instanceof WondeError) || error.isTransient;
  if (transient && !options.isLastAttempt) {
    // Let go, so that the queue's retry (a new token, when run from elsewhere) takes it up.
    await updateClaimedSyncRunAnywhere(deps.db, run.id, token, {
      error: message,
      claimToken: null,
    });
    deps.logger.warn({ syncRunId: run.id, error: message }, 'sync attempt failed; it will resume');
    throw error;
  }
  await fail(transient ? `${message} (gave up after ${run.attempts} attempts)` : message);
  deps.logger.error({ syncRunId: run.id, error: message }, 'sync failed');
  return 'done';
}
