import { isDeepStrictEqual } from 'node:util';
import { and, eq, inArray, isNotNull, isNull, ne, or, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { people, schools } from '../../db/schema';
import type { PersonFields } from '../wonde/person-mapping';
import { inScope, type Scope } from '../../access/scope';

export type PersonRow = typeof people.$inferSelect;

export type ApplyCounts = {
  created: number;
  updated: number;
  unchanged: number;
  left: number;
  restored: number;
};

const compared = [
  'type',
  'misId',
  'firstName',
  'lastName',
  'legalFirstName',
  'legalLastName',
  'searchText',
  'email',
  'phone',
  'address',
  'occupation',
  'ncYear',
  'educationDetails',
  'status',
  'wondeUpdatedAt',
  'wondeRestoredAt',
] as const satisfies ReadonlyArray<keyof PersonFields>;

// Deep and independent of key order: PostgreSQL hands jsonb back with its keys reordered.
const same = (a: unknown, b: unknown) => isDeepStrictEqual(a, b);

/**
 * Upserts one page of people keyed by Wonde id, marking each as seen by `runId`. Applying the
 * same page twice changes nothing the second time (all are counted unchanged).
 */
export async function upsertPeople(
  db: Db,
  target: { organisationId: string; schoolId: string; runId: string },
  incoming: PersonFields[],
): Promise<ApplyCounts> {
  const counts: ApplyCounts = { created: 0, updated: 0, unchanged: 0, left: 0, restored: 0 };
  const byId = new Map(incoming.map((p) => [p.wondeId, p]));
  if (byId.size === 0) return counts;
  const existing = await db
    .select()
    .from(people)
    .where(and(eq(people.schoolId, target.schoolId), inArray(people.wondeId, [...byId.keys()])));
  const known = new Map(existing.map((row) => [row.wondeId, row]));

  const writes: PersonFields[] = [];
  const unchangedIds: string[] = [];
  for (const person of byId.values()) {
    const row = known.get(person.wondeId);
    if (!row) {
      counts.created++;
      writes.push(person);
    } else if (row.removedAt !== null) {
      counts.restored++;
      writes.push(person);
    } else if (compared.every((field) => same(row[field], person[field]))) {
      counts.unchanged++;
      if (row.lastSeenSyncRunId !== target.runId) unchangedIds.push(row.id);
    } else {
      if (row.status === 'current' && person.status === 'left') counts.left++;
      else counts.updated++;
      writes.push(person);
    }
  }

  if (writes.length > 0) {
    const now = new Date();
    await db
      .insert(people)
      .values(
        writes.map((p) => ({
          ...p,
          organisationId: target.organisationId,
          schoolId: target.schoolId,
          removedAt: null,
          lastSeenSyncRunId: target.runId,
          updatedAt: now,
        })),
      )
      .onConflictDoUpdate({
        target: [people.schoolId, people.wondeId],
        set: Object.fromEntries(
          [...compared, 'removedAt', 'lastSeenSyncRunId', 'updatedAt'].map((field) => [
            field,
            sql.raw(`excluded.${people[field as keyof typeof people.$inferSelect].name}`),
          ]),
        ),
      });
  }
  if (unchangedIds.length > 0) {
    await db
      .update(people)
      .set({ lastSeenSyncRunId: target.runId })
      .where(inArray(people.id, unchangedIds));
  }
  return counts;
}

/** Marks removed the school's people that a complete listing of `type` did not contain. */
export async function markUnseenRemovedAnywhere(
  db: Db,
  schoolId: string,
  runId: string,
): Promise<number> {
  const removed = await db
    .update(people)
    .set({ removedAt: new Date(), updatedAt: new Date() })
    .where(
      and(
        eq(people.schoolId, schoolId),
        isNull(people.removedAt),
        or(isNull(people.lastSeenSyncRunId), ne(people.lastSeenSyncRunId, runId)),
      ),
    )
    .returning({ id: people.id });
  return removed.length;
}

/** Marks removed the people of these Wonde ids (the deletions feed); returns how many. */
export async function markRemovedByWondeIdsAnywhere(
  db: Db,
  schoolId: string,
  deletions: Array<{ wondeId: string; type: 'pupil' | 'staff' | null }>,
): Promise<number> {
  let removed = 0;
  for (const type of ['pupil', 'staff', null] as const) {
    const ids = deletions.filter((d) => d.type === type).map((d) => d.wondeId);
    if (ids.length === 0) continue;
    const rows = await db
      .update(people)
      .set({ removedAt: new Date(), updatedAt: new Date() })
      .where(
        and(
          eq(people.schoolId, schoolId),
          inArray(people.wondeId, ids),
          isNull(people.removedAt),
          type === null ? undefined : eq(people.type, type),
        ),
      )
      .returning({ id: people.id });
    removed += rows.length;
  }
  return removed;
}

/** Brings back people the deletions feed says were restored; returns how many. */
export async function restoreByWondeIdsAnywhere(
  db: Db,
  schoolId: string,
  wondeIds: string[],
): Promise<number> {
  if (wondeIds.length === 0) return 0;
  const rows = await db
    .update(people)
    .set({ removedAt: null, updatedAt: new Date() })
    .where(
      and(
        eq(people.schoolId, schoolId),
        inArray(people.wondeId, wondeIds),
        isNotNull(people.removedAt),
      ),
    )
    .returning({ id: people.id });
  return rows.length;
}

export async function deletePeopleOfSchoolAnywhere(db: Db, schoolId: string): Promise<number> {
  const rows = await db
    .delete(people)
    .where(eq(people.schoolId, schoolId))
    .returning({ id: people.id });
  return rows.length;
}

/** Current pupils and staff of a school in the directory, and how many have left. */
export async function countDirectory(
  db: Db,
  organisationId: string,
  schoolId: string,
): Promise<{ pupils: number; staff: number; left: number }> {
  const [row] = await db
    .select({
      pupils: sql<number>`count(*) filter (where ${people.type} = 'pupil' and ${people.status} = 'current')::int`,
      staff: sql<number>`count(*) filter (where ${people.type} = 'staff' and ${people.status} = 'current')::int`,
      left: sql<number>`count(*) filter (where ${people.status} = 'left')::int`,
    })
    .from(people)
    .where(
      and(
        eq(people.organisationId, organisationId),
        eq(people.schoolId, schoolId),
        isNull(people.removedAt),
      ),
    );
  return { pupils: row?.pupils ?? 0, staff: row?.staff ?? 0, left: row?.left ?? 0 };
}

/** A directory person of a school in scope, with the school's name. */
export async function findPersonInScope(
  db: Db,
  scope: Scope,
  id: string,
): Promise<(PersonRow & { schoolName: string }) | null> {
  const [row] = await db
    .select({ person: people, schoolName: schools.name })
    .from(people)
    .innerJoin(schools, eq(schools.id, people.schoolId))
    .where(and(inScope(people, scope), eq(people.id, id)));
  return row ? { ...row.person, schoolName: row.schoolName } : null;
}

/** VACUUM (ANALYZE) of the directory and its search tables; cannot run inside a transaction. */
export async function vacuumDirectory(db: Db): Promise<void> {
  await db.execute(sql`vacuum (analyze) people, people_search_keys, people_search_words`);
}
