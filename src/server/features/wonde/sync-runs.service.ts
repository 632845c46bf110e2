import type { SyncRun } from '../../../shared/wonde-api';
import type { Db } from '../../db/client';
import { notFound } from '../../lib/errors';
import type { Scope } from '../../access/scope';
import { findSyncRun, listSyncRuns, type SyncRunRow } from './wonde.repo';
import { requireSchool } from '../../access/schools';

export function presentSyncRun(row: SyncRunRow): SyncRun {
  return {
    id: row.id,
    schoolId: row.schoolId,
    mode: row.mode,
    status: row.status,
    trigger: row.trigger,
    queuedAt: row.queuedAt.toISOString(),
    startedAt: row.startedAt?.toISOString() ?? null,
    finishedAt: row.finishedAt?.toISOString() ?? null,
    phase: row.phase,
    attempts: row.attempts,
    pagesFetched: row.pagesFetched,
    peopleSeen: row.peopleSeen,
    counts: {
      created: row.created,
      updated: row.updated,
      unchanged: row.unchanged,
      left: row.left,
      removed: row.removed,
      restored: row.restored,
    },
    error: row.error,
  };
}

/** A sync run the caller may see: of their organisation and of a school in their scope. */
export async function getSyncRun(db: Db, scope: Scope, id: string): Promise<SyncRun> {
  const row = await findSyncRun(db, scope, id);
  if (!row) throw notFound('Sync run');
  return presentSyncRun(row);
}

export async function listSyncRunsOfSchool(
  db: Db,
  scope: Scope,
  schoolId: string,
  limit: number,
): Promise<SyncRun[]> {
  await requireSchool(db, scope, schoolId);
  return (await listSyncRuns(db, scope, schoolId, limit)).map(presentSyncRun);
}
