import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { incidents } from '../../db/schema';

/** Incidents logged against each of these directory people, within one organisation. */
export async function countIncidentsByPerson(
  db: Db,
  organisationId: string,
  personIds: string[],
): Promise<Map<string, number>> {
  if (personIds.length === 0) return new Map();
  const rows = await db
    .select({ personId: incidents.personId, n: sql<number>`count(*)::int` })
    .from(incidents)
    .where(
      and(eq(incidents.organisationId, organisationId), inArray(incidents.personId, personIds)),
    )
    .groupBy(incidents.personId);
  return new Map(rows.map((r) => [r.personId ?? '', r.n]));
}
