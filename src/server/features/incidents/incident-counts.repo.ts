import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { incidents, organisations } from '../../db/schema';

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

/**
 * For each of these people: all their incidents, and whether those within the organisation's
 * repeat window reach its threshold. One statement, for the autocomplete's hot path.
 */
export async function incidentStatsByPerson(
  db: Db,
  organisationId: string,
  personIds: string[],
): Promise<Map<string, { count: number; repeat: boolean }>> {
  if (personIds.length === 0) return new Map();
  const rows = await db
    .select({
      personId: incidents.personId,
      count: sql<number>`count(*)::int`,
      repeat: sql<boolean>`count(*) filter (
        where ${incidents.occurredAt} >= now() - make_interval(days => ${organisations.repeatWindowDays})
          and ${incidents.occurredAt} <= now()
      ) >= max(${organisations.repeatThreshold})`,
    })
    .from(incidents)
    .innerJoin(organisations, eq(organisations.id, incidents.organisationId))
    .where(
      and(eq(incidents.organisationId, organisationId), inArray(incidents.personId, personIds)),
    )
    .groupBy(incidents.personId);
  return new Map(rows.map((r) => [r.personId ?? '', { count: r.count, repeat: r.repeat }]));
}
