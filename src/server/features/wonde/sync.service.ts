import type { Db } from '../../db/client';
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
  findConnection,
  findLiveSyncRun,
  findSyncRunAnywhere,
  insertSyncRun,
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
  if (live) return { run: live, isNew: false };
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

/**
 * Runs (or resumes) a sync run. Each page is applied in one transaction together with the run's
 * resume point, so a crash at any moment loses nothing and repeats nothing: the next attempt
 * carries on from the first page not yet applied. Returns 'skipped' for a run already ended.
 */
export async function runSync(
  deps: SyncDeps,
  runId: string,
  options: RunOptions,
): Promise<'done' | 'skipped'> {
  const { db, logger } = deps;
  const client = deps.wonde.client;
  let run = await findSyncRunAnywhere(db, runId);
  if (!run || run.status === 'succeeded' || run.status === 'failed') return 'skipped';
  const connection = await findConnection(
    db,
    schoolScope(run.organisationId, run.schoolId),
    run.schoolId,
  );
  if (!connection || connection.state !== 'approved' || !client) {
    await updateSyncRunAnywhere(db, run.id, {
      status: 'failed',
      finishedAt: new Date(),
      error: 'The school is no longer connected to Wonde.',
    });
    return 'skipped';
  }

  const startedAt = run.startedAt ?? new Date();
  await updateSyncRunAnywhere(db, run.id, {
    status: 'running',
    startedAt,
    attempts: run.attempts + 1,
    error: null,
  });
  const phases = PHASES[run.mode];

  try {
    const access = accessOf(deps, connection);
    let phase = (run.phase as ListKind | null) ?? phases[0]!;
    let url = run.nextUrl ?? client.firstPageUrl(phase, access, run.updatedAfter ?? undefined);
    for (;;) {
      const page = await client.fetchPage(phase, url, access);
      const nextPhase = page.next ? phase : phases[phases.indexOf(phase) + 1];
      const nextUrl =
        page.next ??
        (nextPhase ? client.firstPageUrl(nextPhase, access, run.updatedAfter ?? undefined) : null);
      // Map outside the transaction: it holds a connection (PGlite's only one) while it lasts.
      const applyPage = pageApplier(phase, page.items, londonDate());
      const target = { organisationId: run.organisationId, schoolId: run.schoolId, runId: run.id };
      await db.transaction(async (tx) => {
        const counts = await applyPage(tx, target);
        await addToSyncRunAnywhere(
          tx,
          target.runId,
          { ...counts, pagesFetched: 1 },
          { phase: nextPhase ?? 'finishing', nextUrl },
        );
      });
      run = (await findSyncRunAnywhere(db, run.id))!;
      await options.onProgress?.(run);
      if (!nextPhase || !nextUrl) break;
      phase = nextPhase;
      url = nextUrl;
    }

    await db.transaction(async (tx) => {
      // Only a listing read to its end may remove anyone (rule 5: nothing lost).
      const removed =
        run!.mode === 'full' ? await markUnseenRemovedAnywhere(tx, run!.schoolId, run!.id) : 0;
      // Words of renamed and removed people go with a complete listing, not every delta.
      if (run!.mode === 'full') await pruneSearchWords(tx, run!.organisationId);
      await addToSyncRunAnywhere(tx, run!.id, { removed }, { phase: null, nextUrl: null });
      await updateSyncRunAnywhere(tx, run!.id, { status: 'succeeded', finishedAt: new Date() });
      await updateConnectionAnywhere(tx, run!.schoolId, {
        syncedFrom: startedAt,
        stateReason: null,
      });
    });
    logger.info({ syncRunId: run.id, schoolId: run.schoolId, mode: run.mode }, 'sync succeeded');
    return 'done';
  } catch (error) {
    return handleSyncFailure(deps, run, connection, error, options);
  }
}

async function handleSyncFailure(
  deps: SyncDeps,
  run: SyncRunRow,
  connection: ConnectionRow,
  error: unknown,
  options: RunOptions,
): Promise<'done'> {
  // Kept on the run for admins to read, and logged: never the rows a failed query was writing.
  const message = errorMessageForLog(error);
  const fail = (text: string) =>
    updateSyncRunAnywhere(deps.db, run.id, {
      status: 'failed',
      finishedAt: new Date(),
      error: text,
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
    await updateSyncRunAnywhere(deps.db, run.id, { error: message });
    deps.logger.warn({ syncRunId: run.id, error: message }, 'sync attempt failed; it will resume');
    throw error;
  }
  await fail(transient ? `${message} (gave up after ${run.attempts + 1} attempts)` : message);
  deps.logger.error({ syncRunId: run.id, error: message }, 'sync failed');
  return 'done';
}
