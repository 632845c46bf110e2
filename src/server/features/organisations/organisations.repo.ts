import { eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { organisations } from '../../db/schema';

export type OrganisationRow = typeof organisations.$inferSelect;

export async function findOrganisation(db: Db, id: string): Promise<OrganisationRow | null> {
  const [row] = await db.select().from(organisations).where(eq(organisations.id, id));
  return row ?? null;
}

/** Looks an organisation up by name, ignoring case (the CLI names organisations). */
export async function findOrganisationByName(
  db: Db,
  name: string,
): Promise<OrganisationRow | null> {
  const [row] = await db
    .select()
    .from(organisations)
    .where(eq(sql`lower(${organisations.name})`, name.trim().toLowerCase()));
  return row ?? null;
}

export async function insertOrganisation(
  db: Db,
  values: { name: string; kind: 'trust' | 'school' },
): Promise<OrganisationRow> {
  const [row] = await db.insert(organisations).values(values).returning();
  if (!row) throw new Error('insert returned no row');
  return row;
}

export async function updateOrganisationRow(
  db: Db,
  id: string,
  values: Partial<Pick<OrganisationRow, 'name' | 'repeatThreshold' | 'repeatWindowDays'>>,
): Promise<OrganisationRow | null> {
  const [row] = await db
    .update(organisations)
    .set({ ...values, updatedAt: new Date() })
    .where(eq(organisations.id, id))
    .returning();
  return row ?? null;
}

export async function countOrganisations(db: Db): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(organisations);
  return row?.n ?? 0;
}
