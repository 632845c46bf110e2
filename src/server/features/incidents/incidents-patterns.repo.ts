import { and, desc, eq, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { incidents, locations, schools } from '../../db/schema';

/** Counts of the filtered incidents by one dimension, largest first. */
async function countBy<K>(db: Db, where: SQL | undefined, key: SQL<K>) {
  return db
    .select({ key, count: sql<number>`count(*)::int` })
    .from(incidents)
    .leftJoin(locations, eq(locations.id, incidents.locationId))
    .where(where)
    .groupBy(key)
    .orderBy(desc(sql`count(*)`));
}

export async function patternCounts(db: Db, where: SQL | undefined) {
  const london = sql`(${incidents.occurredAt} at time zone 'Europe/London')`;
  const [total, byCategory, byLocation, byHour, byWeekday, byYearGroup, bySchool] =
    await Promise.all([
      db
        .select({ n: sql<number>`count(*)::int` })
        .from(incidents)
        .where(where),
      countBy(db, where, sql<string>`${incidents.category}::text`),
      countBy(
        db,
        where,
        sql<string>`coalesce(${locations.name}, nullif(${incidents.locationDetail}, ''), 'Not given')`,
      ),
      countBy(db, where, sql<number>`extract(hour from ${london})::int`),
      // ISO weekday: 1 is Monday.
      countBy(db, where, sql<number>`extract(isodow from ${london})::int`),
      countBy(
        db,
        and(where, eq(incidents.personKind, 'pupil')),
        sql<string>`coalesce(${incidents.personYearGroup}, 'Unknown')`,
      ),
      db
        .select({ key: incidents.schoolId, name: schools.name, count: sql<number>`count(*)::int` })
        .from(incidents)
        .innerJoin(schools, eq(schools.id, incidents.schoolId))
        .where(where)
        .groupBy(incidents.schoolId, schools.name)
        .orderBy(desc(sql`count(*)`)),
    ]);
  return {
    total: total[0]?.n ?? 0,
    byCategory,
    byLocation,
    byHour,
    byWeekday,
    byYearGroup,
    bySchool,
  };
}

/** People with at least `threshold` incidents among those matching `where`. */
export function repeatPeopleOf(db: Db, where: SQL | undefined, threshold: number) {
  return db
    .select({
      personId: sql<string>`${incidents.personId}`,
      name: sql<string>`max(${incidents.personName})`,
      schoolName: sql<string>`max(${schools.name})`,
      count: sql<number>`count(*)::int`,
    })
    .from(incidents)
    .innerJoin(schools, eq(schools.id, incidents.schoolId))
    .where(and(where, sql`${incidents.personId} is not null`))
    .groupBy(incidents.personId)
    .having(sql`count(*) >= ${threshold}`)
    .orderBy(desc(sql`count(*)`))
    .limit(50);
}
