import { and, desc, eq, inArray, lt, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { schools, syncRuns, wondeConnections } from '../../db/schema';
import { inScope, type Scope } from '../../access/scope';

export type ConnectionRow = typeof wondeConnections.$inferSelect;
export type SyncRunRow = typeof syncRuns.$inferSelect;

export async function findConnection(
  db: Db,
  scope: Scope,
  schoolId: string,
): Promise<ConnectionRow | null> {
  const [row] = await db
    .select()
    .from(wondeConnections)
    .where(and(inScope(wondeConnections, scope), eq(wondeConnections.schoolId, schoolId)));
  return row ?? null;
}

/** The connection that holds a Wonde school, in whatever state, whichever tenant's it is. */
export async function findConnectionByWondeIdAnywhere(
  db: Db,
  wondeSchoolId: string,
): Promise<ConnectionRow | null> {
  const [row] = await db
    .select()
    .from(wondeConnections)
    .where(eq(wondeConnections.wondeSchoolId, wondeSchoolId));
  return row ?? null;
}

/** Every organisation's connections whose access ended (revoked or declined) before `before`. */
export function listEndedConnectionsAnywhere(db: Db, before: Date): Promise<ConnectionRow[]> {
  return db
    .select()
    .from(wondeConnections)
    .where(
      and(
        inArray(wondeConnections.state, ['revoked', 'declined']),
        lt(wondeConnections.stateChangedAt, before),
      ),
    );
}

/** Every organisation's connections in a state: for the jobs that poll Wonde. */
export function listConnectionsInStateAnywhere(
  db: Db,
  states: ReadonlyArray<ConnectionRow['state']>,
): Promise<ConnectionRow[]> {
  return db
    .select()
    .from(wondeConnections)
    .where(inArray(wondeConnections.state, [...states]));
}

export async function upsertConnection(
  db: Db,
  values: typeof wondeConnections.$inferInsert,
): Promise<ConnectionRow> {
  const [row] = await db
    .insert(wondeConnections)
    .values(values)
    .onConflictDoUpdate({ target: wondeConnections.schoolId, set: values })
    .returning();
  if (!row) throw new Error('upsert returned no row');
  return row;
}

export async function updateConnectionAnywhere(
  db: Db,
  schoolId: string,
  values: Partial<typeof wondeConnections.$inferInsert>,
): Promise<ConnectionRow | null> {
  const [row] = await db
    .update(wondeConnections)
    .set(values)
    .where(eq(wondeConnections.schoolId, schoolId))
    .returning();
  return row ?? null;
}

export async function deleteConnectionAnywhere(db: Db, schoolId: string): Promise<void> {
  await db.delete(wondeConnections).where(eq(wondeConnections.schoolId, schoolId));
}

export async function insertSyncRun(
  db: Db,
  values: typeof syncRuns.$inferInsert,
): Promise<SyncRunRow> {
  const [row] = await db.insert(syncRuns).values(values).returning();
  if (!row) throw new Error('insert returned no row');
  return row;
}

/** The school's run that is queued or running, if any. */
export async function findLiveSyncRun(
  db: Db,
  scope: Scope,
  schoolId: string,
): Promise<SyncRunRow | null> {
  const [row] = await db
    .select()
    .from(syncRuns)
    .where(
      and(
        inScope(syncRuns, scope),
        eq(syncRuns.schoolId, schoolId),
        inArray(syncRuns.status, ['queued', 'running']),
      ),
    );
  return row ?? null;
}

/** A run by id, whichever organisation's: for the job that works it. */
export async function findSyncRunAnywhere(db: Db, id: string): Promise<SyncRunRow | null> {
  const [row] = await db.select().from(syncRuns).where(eq(syncRuns.id, id));
  return row ?? null;
}

export async function findSyncRun(db: Db, scope: Scope, id: string): Promise<SyncRunRow | null> {
  const [row] = await db
    .select()
    .from(syncRuns)
    .where(and(inScope(syncRuns, scope), eq(syncRuns.id, id)));
  return row ?? null;
}

export function listSyncRuns(
  db: Db,
  scope: Scope,
  schoolId: string,
  limit: number,
): Promise<SyncRunRow[]> {
  return db
    .select()
    .from(syncRuns)
    .where(and(inScope(syncRuns, scope), eq(syncRuns.schoolId, schoolId)))
    .orderBy(desc(syncRuns.queuedAt))
    .limit(limit);
}

export async function updateSyncRunAnywhere(
  db: Db,
  id: string,
  values: Partial<typeof syncRuns.$inferInsert>,
): Promise<void> {
  await db.update(syncRuns).set(values).where(eq(syncRuns.id, id));
}

/** Adds to a run's counters in place, so that concurrent readers see progress. */
export async function addToSyncRunAnywhere(
  db: Db,
  id: string,
  add: Partial<
    Record<
      | 'pagesFetched'
      | 'peopleSeen'
      | 'created'
      | 'updated'
      | 'unchanged'
      | 'left'
      | 'removed'
      | 'restored',
      number
    >
  >,
  cursor: { phase: string | null; nextUrl: string | null },
): Promise<void> {
  const increments = Object.fromEntries(
    Object.entries(add).map(([field, n]) => {
      const column = syncRuns[field as keyof typeof add];
      return [field, sql`${column} + ${n ?? 0}`];
    }),
  );
  await db
    .update(syncRuns)
    .set({ ...increments, phase: cursor.phase, nextUrl: cursor.nextUrl })
    .where(eq(syncRuns.id, id));
}

/**
 * Connections in scope that have lost or never got access (or, with `pending`, are still
 * waiting for it), with their schools.
 */
export function listTroubledConnections(
  db: Db,
  scope: Scope,
  states: ReadonlyArray<ConnectionRow['state']> = ['revoked', 'declined', 'error'],
) {
  return db
    .select({
      schoolId: wondeConnections.schoolId,
      schoolName: schools.name,
      state: wondeConnections.state,
      since: wondeConnections.stateChangedAt,
      reason: wondeConnections.stateReason,
    })
    .from(wondeConnections)
    .innerJoin(schools, eq(schools.id, wondeConnections.schoolId))
    .where(and(inScope(wondeConnections, scope), inArray(wondeConnections.state, [...states])));
}
