import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { schools, syncRuns, wondeConnections } from '../../db/schema';

export type ConnectionRow = typeof wondeConnections.$inferSelect;
export type SyncRunRow = typeof syncRuns.$inferSelect;

export async function findConnection(
  db: Db,
  organisationId: string,
  schoolId: string,
): Promise<ConnectionRow | null> {
  const [row] = await db
    .select()
    .from(wondeConnections)
    .where(
      and(
        eq(wondeConnections.organisationId, organisationId),
        eq(wondeConnections.schoolId, schoolId),
      ),
    );
  return row ?? null;
}

/** The live (pending or approved) connection for a Wonde school, whichever tenant holds it. */
export async function findLiveConnectionByWondeId(
  db: Db,
  wondeSchoolId: string,
): Promise<ConnectionRow | null> {
  const [row] = await db
    .select()
    .from(wondeConnections)
    .where(
      and(
        eq(wondeConnections.wondeSchoolId, wondeSchoolId),
        inArray(wondeConnections.state, ['pending', 'approved']),
      ),
    );
  return row ?? null;
}

export function listConnectionsInState(
  db: Db,
  state: ConnectionRow['state'],
): Promise<ConnectionRow[]> {
  return db.select().from(wondeConnections).where(eq(wondeConnections.state, state));
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

export async function updateConnection(
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

export async function deleteConnection(db: Db, schoolId: string): Promise<void> {
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
export async function findLiveSyncRun(db: Db, schoolId: string): Promise<SyncRunRow | null> {
  const [row] = await db
    .select()
    .from(syncRuns)
    .where(and(eq(syncRuns.schoolId, schoolId), inArray(syncRuns.status, ['queued', 'running'])));
  return row ?? null;
}

export async function findSyncRun(db: Db, id: string): Promise<SyncRunRow | null> {
  const [row] = await db.select().from(syncRuns).where(eq(syncRuns.id, id));
  return row ?? null;
}

export async function findSyncRunInOrganisation(
  db: Db,
  organisationId: string,
  id: string,
): Promise<SyncRunRow | null> {
  const [row] = await db
    .select()
    .from(syncRuns)
    .where(and(eq(syncRuns.organisationId, organisationId), eq(syncRuns.id, id)));
  return row ?? null;
}

export function listSyncRuns(db: Db, schoolId: string, limit: number): Promise<SyncRunRow[]> {
  return db
    .select()
    .from(syncRuns)
    .where(eq(syncRuns.schoolId, schoolId))
    .orderBy(desc(syncRuns.queuedAt))
    .limit(limit);
}

export async function updateSyncRun(
  db: Db,
  id: string,
  values: Partial<typeof syncRuns.$inferInsert>,
): Promise<void> {
  await db.update(syncRuns).set(values).where(eq(syncRuns.id, id));
}

/** Adds to a run's counters in place, so that concurrent readers see progress. */
export async function addToSyncRun(
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

/** Connections of the organisation that have lost or never got access, with their schools. */
export function listTroubledConnections(db: Db, organisationId: string) {
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
    .where(
      and(
        eq(wondeConnections.organisationId, organisationId),
        inArray(wondeConnections.state, ['revoked', 'declined', 'error']),
      ),
    );
}
