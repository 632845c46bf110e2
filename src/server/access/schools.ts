import { and, eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { schools } from '../db/schema';
import { notFound } from '../lib/errors';
import { inScope, type Scope } from './scope';

export type SchoolRow = typeof schools.$inferSelect;

/** The condition that keeps a query on `schools` inside a scope. */
export const schoolsInScope = (scope: Scope) =>
  inScope({ organisationId: schools.organisationId, schoolId: schools.id }, scope);

/** A school the scope reaches, or null (another organisation's as unknown as any id). */
export async function findSchoolInScope(
  db: Db,
  scope: Scope,
  id: string,
): Promise<SchoolRow | null> {
  const [row] = await db
    .select()
    .from(schools)
    .where(and(schoolsInScope(scope), eq(schools.id, id)));
  return row ?? null;
}

/**
 * The school, which the scope must reach: not_found otherwise. A failing database is not a
 * missing school; its error goes on (503), never turned into "not found" or a field error.
 */
export async function requireSchool(db: Db, scope: Scope, id: string): Promise<SchoolRow> {
  const row = await findSchoolInScope(db, scope, id);
  if (!row) throw notFound('School');
  return row;
}
