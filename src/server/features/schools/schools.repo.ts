import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { schools } from '../../db/schema';
import { schoolsInScope, type SchoolRow } from '../../access/schools';
import type { Scope } from '../../access/scope';

export type { SchoolRow } from '../../access/schools';

export function listSchools(db: Db, scope: Scope): Promise<SchoolRow[]> {
  return db.select().from(schools).where(schoolsInScope(scope)).orderBy(asc(schools.name));
}

export async function findSchoolById(db: Db, id: string): Promise<SchoolRow | null> {
  const [row] = await db.select().from(schools).where(eq(schools.id, id));
  return row ?? null;
}

export async function insertSchool(
  db: Db,
  values: { organisationId: string; name: string; urn: string; wondeSchoolId: string | null },
): Promise<SchoolRow> {
  const [row] = await db.insert(schools).values(values).returning();
  if (!row) throw new Error('insert returned no row');
  return row;
}

export async function updateSchoolRow(
  db: Db,
  scope: Scope,
  id: string,
  values: Partial<Pick<SchoolRow, 'name' | 'urn' | 'wondeSchoolId'>>,
): Promise<SchoolRow | null> {
  const [row] = await db
    .update(schools)
    .set({ ...values, updatedAt: new Date() })
    .where(and(schoolsInScope(scope), eq(schools.id, id)))
    .returning();
  return row ?? null;
}

/** The ids among `ids` that are schools of the organisation. */
export async function existingSchoolIds(
  db: Db,
  organisationId: string,
  ids: readonly string[],
): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .select({ id: schools.id })
    .from(schools)
    .where(and(eq(schools.organisationId, organisationId), inArray(schools.id, [...ids])));
  return new Set(rows.map((r) => r.id));
}
