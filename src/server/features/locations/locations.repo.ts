import { and, asc, eq } from 'drizzle-orm';
import { inScope, type Scope } from '../../access/scope';
import type { Db } from '../../db/client';
import { locations } from '../../db/schema';

export type LocationRow = typeof locations.$inferSelect;

export function listLocations(db: Db, scope: Scope, schoolId: string): Promise<LocationRow[]> {
  return db
    .select()
    .from(locations)
    .where(and(inScope(locations, scope), eq(locations.schoolId, schoolId)))
    .orderBy(asc(locations.name));
}

export async function findLocation(db: Db, scope: Scope, id: string): Promise<LocationRow | null> {
  const [row] = await db
    .select()
    .from(locations)
    .where(and(inScope(locations, scope), eq(locations.id, id)));
  return row ?? null;
}

export async function insertLocation(
  db: Db,
  values: { organisationId: string; schoolId: string; name: string },
): Promise<LocationRow> {
  const [row] = await db.insert(locations).values(values).returning();
  if (!row) throw new Error('insert returned no row');
  return row;
}

export async function updateLocationRow(
  db: Db,
  scope: Scope,
  id: string,
  values: Partial<Pick<LocationRow, 'name' | 'archivedAt'>>,
): Promise<LocationRow | null> {
  const [row] = await db
    .update(locations)
    .set(values)
    .where(and(inScope(locations, scope), eq(locations.id, id)))
    .returning();
  return row ?? null;
}
