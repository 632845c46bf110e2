import { and, eq, inArray, sql, type Placeholder } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
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
 * Columns for a query over the people directory: the person's incidents, and whether those
 * within the organisation's repeat window reach its threshold. Correlated subqueries, so that
 * the autocomplete gets them in its one statement.
 */
export function incidentStatsColumns(organisationId: string | Placeholder, personId: AnyPgColumn) {
  const ofPerson = sql`${incidents.organisationId} = ${organisationId} and ${incidents.personId} = ${personId}`;
  return {
    incidentCount: sql<number>`(select count(*)::int from ${incidents} where ${ofPerson})`,
    repeat: sql<boolean>`coalesce((
      select count(*) filter (
        where ${incidents.occurredAt} >= now() - make_interval(days => ${organisations.repeatWindowDays})
          and ${incidents.occurredAt} <= now()
      ) >= max(${organisations.repeatThreshold})
      from ${incidents} join ${organisations} on ${organisations.id} = ${incidents.organisationId}
      where ${ofPerson}
    ), false)`,
  };
}
