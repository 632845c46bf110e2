import { and, desc, eq, inArray, isNull, lt, or, sql } from 'drizzle-orm';
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

/** Older than `seconds` by the database's clock, so that workers' clocks need not agree. */
const silentFor = (seconds: number) =>
  lt(
    sql`coalesce(${syncRuns.heartbeatAt}, ${syncRuns.startedAt}, ${syncRuns.queuedAt})`,
    sql`now() - make_interval(secs => ${seconds})`,
  );

/**
 * Takes a queued or running run to work on it under `token`: free (no one holds it), already
 * this token's (the same job again), or held by a runner silent for `staleAfterSeconds`.
 * Null when it has ended or someone alive holds it.
 */
export async function claimSyncRunAnywhere(
  db: Db,
  id: string,
  token: string,
  staleAfterSeconds: number,
): Promise<SyncRunRow | null> {
  const [row] = await db
    .update(syncRuns)
    .set({
      status: 'running',
      claimToken: token,
      heartbeatAt: sql`now()`,
      startedAt: sql`coalesce(${syncRuns.startedAt}, now())`,
      attempts: sql`${syncRuns.attempts} + 1`,
      error: null,
    })
    .where(
      and(
        eq(syncRuns.id, id),
        inArray(syncRuns.status, ['queued', 'running']),
        or(
          isNull(syncRuns.claimToken),
          eq(syncRuns.claimToken, token),
          silentFor(staleAfterSeconds),
        ),
      ),
    )
    .returning();
  return row ?? null;
}

/** The runner's sign of life; false when the run is no longer its own. */
export async function touchSyncRunAnywhere(db: Db, id: string, token: string): Promise<boolean> {
  const rows = await db
    .update(syncRuns)
    .set({ heartbeatAt: sql`now()` })
    .where(and(eq(syncRuns.id, id), eq(syncRuns.claimToken, token)))
    .returning({ id: syncRuns.id });
  return rows.length > 0;
}

/** Updates a run only while `token` holds it; false when someone else has taken it over. */
export async function updateClaimedSyncRunAnywhere(
  db: Db,
  id: string,
  token: string,
  values: Partial<typeof syncRuns.$inferInsert>,
): Promise<boolean> {
  const rows = await db
    .update(syncRuns)
    .set(values)
    .where(and(eq(syncRuns.id, id), eq(syncRuns.claimToken, token)))
    .returning({ id: syncRuns.id });
  return rows.length > 0;
}

/**
 * Runs still held by a runner silent for `staleAfterSeconds` (its worker died), or with
 * `anyHolder` also those no one holds that have waited that long (a retry not yet due).
 */
export async function listStaleSyncRunsAnywhere(
  db: Db,
  staleAfterSeconds: number,
  options: { anyHolder?: boolean; schoolId?: string } = {},
): Promise<SyncRunRow[]> {
  return db
    .select()
    .from(syncRuns)
    .where(
      and(
        inArray(syncRuns.status, options.anyHolder ? ['queued', 'running'] : ['running']),
        options.anyHolder ? undefined : sql`${syncRuns.claimToken} is not null`,
        options.schoolId ? eq(syncRuns.schoolId, options.schoolId) : undefined,
        silentFor(staleAfterSeconds),
      ),
    )
    .limit(100);
}

/**
 * Hands a stale run to `token` (the id of the job about to be sent for it), unless it has
 * moved on since it was found stale: its holder and its silence are checked again.
 */
export async function handOverSyncRunAnywhere(
  db: Db,
  run: Pick<SyncRunRow, 'id' | 'claimToken'>,
  token: string,
  staleAfterSeconds: number,
): Promise<boolean> {
  const rows = await db
    .update(syncRuns)
    .set({ claimToken: token, heartbeatAt: sql`now()` })
    .where(
      and(
        eq(syncRuns.id, run.id),
        inArray(syncRuns.status, ['queued', 'running']),
        run.claimToken === null
          ? isNull(syncRuns.claimToken)
          : eq(syncRuns.claimToken, run.claimToken),
        silentFor(staleAfterSeconds),
      ),
    )
    .returning({ id: syncRuns.id });
  return rows.length > 0;
}

/**
 * Adds to a run's counters in place, so that concurrent readers see progress, and moves its
 * resume point; only while `token` holds the run (false otherwise, and nothing changes).
 */
export async function addToSyncRunAnywhere(
  db: Db,
  id: string,
  token: string,
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
): Promise<boolean> {
  const increments = Object.fromEntries(
    Object.entries(add).map(([field, n]) => {
      const column = syncRuns[field as keyof typeof add];
      return [field, sql`${column} + ${n ?? 0}`];
    }),
  );
  const rows = await db
    .update(syncRuns)
    .set({ ...increments, phase: cursor.phase, nextUrl: cursor.nextUrl, heartbeatAt: sql`now()` })
    .where(and(eq(syncRuns.id, id), eq(syncRuns.claimToken, token)))
    .returning({ id: syncRuns.id });
  return rows.length > 0;
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
