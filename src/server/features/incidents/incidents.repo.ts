import { and, asc, desc, eq, gte, ilike, inArray, lt, lte, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '../../db/client';
import {
  incidentActions,
  incidentHistory,
  incidentInjuries,
  incidents,
  locations,
  schools,
  users,
} from '../../db/schema';
import { escapeLike } from '../../lib/text';
import { inScope, type Scope } from '../../access/scope';

export type IncidentRow = typeof incidents.$inferSelect;
export type NewIncident = typeof incidents.$inferInsert;
export type InjuryRow = typeof incidentInjuries.$inferSelect;
export type ActionRow = typeof incidentActions.$inferSelect;

export type IncidentListFilters = {
  schoolId?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  category?: IncidentRow['category'] | undefined;
  status?: IncidentRow['status'] | undefined;
  personType?: IncidentRow['personKind'] | undefined;
  yearGroup?: string | undefined;
  personId?: string | undefined;
  reportedBy?: string | undefined;
  headInjury?: boolean | undefined;
  unmatched?: boolean | undefined;
  riddor?: 'awaiting' | 'overdue' | 'reportable' | 'reported' | undefined;
  q?: string | undefined;
};

const reporter = alias(users, 'reporter');
const closer = alias(users, 'closer');

/** Midnight at the start of a London calendar day, as SQL. */
const londonDayStart = (date: string) =>
  sql`(${date}::date::timestamp at time zone 'Europe/London')`;

/** The SQL conditions of the list's filters; `today` is the London date for "overdue". */
export function filterConditions(
  scope: Scope,
  f: IncidentListFilters,
  today: string,
): SQL | undefined {
  const treatedAsReportable = sql`(${incidents.riddorDecision} = 'reportable' or (${incidents.riddorDecision} = 'undecided' and ${incidents.riddorSuggestion} = 'reportable'))`;
  const riddor = {
    awaiting: sql`${incidents.riddorDecision} = 'undecided' and ${incidents.riddorSuggestion} in ('reportable', 'needs_answers')`,
    overdue: sql`${incidents.riddorReportedOn} is null and ${incidents.riddorDeadline} < ${today} and ${treatedAsReportable}`,
    reportable: treatedAsReportable,
    reported: sql`${incidents.riddorReportedOn} is not null`,
  };
  const q = f.q?.trim();
  return and(
    inScope(incidents, scope),
    f.schoolId ? eq(incidents.schoolId, f.schoolId) : undefined,
    f.from ? gte(incidents.occurredAt, londonDayStart(f.from)) : undefined,
    f.to ? lt(incidents.occurredAt, sql`${londonDayStart(f.to)} + interval '1 day'`) : undefined,
    f.category ? eq(incidents.category, f.category) : undefined,
    f.status ? eq(incidents.status, f.status) : undefined,
    f.personType ? eq(incidents.personKind, f.personType) : undefined,
    f.yearGroup ? eq(incidents.personYearGroup, f.yearGroup) : undefined,
    f.personId ? eq(incidents.personId, f.personId) : undefined,
    f.reportedBy ? eq(incidents.reportedByUserId, f.reportedBy) : undefined,
    f.headInjury === undefined ? undefined : eq(incidents.headInjury, f.headInjury),
    f.unmatched === undefined ? undefined : eq(incidents.personUnmatched, f.unmatched),
    f.riddor ? riddor[f.riddor] : undefined,
    q
      ? or(
          ilike(incidents.personName, `%${escapeLike(q)}%`),
          ilike(incidents.description, `%${escapeLike(q)}%`),
          // Incident numbers are integers of the database: nine digits at most.
          /^\d{1,9}$/.test(q) ? eq(incidents.number, Number(q)) : undefined,
        )
      : undefined,
  );
}

export async function nextIncidentNumber(db: Db, organisationId: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`coalesce(max(${incidents.number}), 0)::int + 1` })
    .from(incidents)
    .where(eq(incidents.organisationId, organisationId));
  return row?.n ?? 1;
}

export async function insertIncident(db: Db, values: NewIncident): Promise<IncidentRow> {
  const [row] = await db.insert(incidents).values(values).returning();
  if (!row) throw new Error('insert returned no row');
  return row;
}

/** The incident a user logged with an idempotency key, and the fingerprint of that request. */
export async function findByIdempotencyKey(
  db: Db,
  organisationId: string,
  userId: string,
  key: string,
): Promise<{ id: string; fingerprint: string | null } | null> {
  const [row] = await db
    .select({ id: incidents.id, fingerprint: incidents.idempotencyFingerprint })
    .from(incidents)
    .where(
      and(
        eq(incidents.organisationId, organisationId),
        eq(incidents.reportedByUserId, userId),
        eq(incidents.idempotencyKey, key),
      ),
    );
  return row ?? null;
}

/** Updates only if the row is still at `version`; null when someone else changed it first. */
export async function updateIncidentRow(
  db: Db,
  id: string,
  version: number,
  values: Partial<NewIncident>,
): Promise<IncidentRow | null> {
  const [row] = await db
    .update(incidents)
    .set({ ...values, version: version + 1, updatedAt: new Date() })
    .where(and(eq(incidents.id, id), eq(incidents.version, version)))
    .returning();
  return row ?? null;
}

export async function replaceInjuries(
  db: Db,
  incidentId: string,
  injuries: Array<{ type: string; bodyPart: string; side: string | null }>,
): Promise<void> {
  await db.delete(incidentInjuries).where(eq(incidentInjuries.incidentId, incidentId));
  if (injuries.length > 0) {
    await db
      .insert(incidentInjuries)
      .values(injuries.map((i, position) => ({ ...i, incidentId, position })));
  }
}

export async function replaceActions(
  db: Db,
  incidentId: string,
  actions: Array<{ description: string; owner: string; dueOn: string | null; doneAt: Date | null }>,
): Promise<void> {
  await db.delete(incidentActions).where(eq(incidentActions.incidentId, incidentId));
  if (actions.length > 0) {
    await db
      .insert(incidentActions)
      .values(actions.map((a, position) => ({ ...a, incidentId, position })));
  }
}

export type IncidentDetailRow = {
  incident: IncidentRow;
  schoolName: string;
  locationName: string | null;
  reporterName: string | null;
  closerName: string | null;
};

const detailSelection = {
  incident: incidents,
  schoolName: schools.name,
  locationName: locations.name,
  reporterName: reporter.name,
  closerName: closer.name,
};

function withNames<T extends { select: Db['select'] }>(db: T) {
  return db
    .select(detailSelection)
    .from(incidents)
    .innerJoin(schools, eq(schools.id, incidents.schoolId))
    .leftJoin(locations, eq(locations.id, incidents.locationId))
    .leftJoin(reporter, eq(reporter.id, incidents.reportedByUserId))
    .leftJoin(closer, eq(closer.id, incidents.closedByUserId));
}

export async function findIncident(
  db: Db,
  scope: Scope,
  id: string,
): Promise<IncidentDetailRow | null> {
  const [row] = await withNames(db).where(and(inScope(incidents, scope), eq(incidents.id, id)));
  return row ?? null;
}

/** The incident's id if the scope reaches it: what its injuries, actions and history hang on. */
export const incidentInScope = (db: Db, scope: Scope, id: string) =>
  db
    .select({ id: incidents.id })
    .from(incidents)
    .where(and(inScope(incidents, scope), eq(incidents.id, id)));

export type IncidentChildren = Awaited<ReturnType<typeof findChildren>>;

export async function findChildren(db: Db, scope: Scope, incidentId: string) {
  const [injuries, actions] = await Promise.all([
    db
      .select()
      .from(incidentInjuries)
      .where(inArray(incidentInjuries.incidentId, incidentInScope(db, scope, incidentId)))
      .orderBy(asc(incidentInjuries.position)),
    db
      .select()
      .from(incidentActions)
      .where(inArray(incidentActions.incidentId, incidentInScope(db, scope, incidentId)))
      .orderBy(asc(incidentActions.position)),
  ]);
  return { injuries, actions };
}

/** A page of the filtered list, newest first, after the (occurredAt, id) of `after`. */
export async function listIncidentRows(
  db: Db,
  where: SQL | undefined,
  page: { limit: number; after?: { occurredAt: Date; id: string } | undefined },
): Promise<IncidentDetailRow[]> {
  const after = page.after
    ? sql`(${incidents.occurredAt}, ${incidents.id}) < (${page.after.occurredAt.toISOString()}::timestamptz, ${page.after.id}::uuid)`
    : undefined;
  return withNames(db)
    .where(and(where, after))
    .orderBy(desc(incidents.occurredAt), desc(incidents.id))
    .limit(page.limit);
}

export async function countIncidentRows(db: Db, where: SQL | undefined): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(incidents)
    .where(where);
  return row?.n ?? 0;
}

export async function insertHistory(
  db: Db,
  entry: {
    incidentId: string;
    actorUserId: string | null;
    action: string;
    changes: Record<string, [unknown, unknown]> | null;
  },
): Promise<void> {
  await db.insert(incidentHistory).values(entry);
}

export function listHistory(db: Db, scope: Scope, incidentId: string) {
  return db
    .select({
      at: incidentHistory.at,
      action: incidentHistory.action,
      changes: incidentHistory.changes,
      actorId: users.id,
      actorName: users.name,
    })
    .from(incidentHistory)
    .leftJoin(users, eq(users.id, incidentHistory.actorUserId))
    .where(inArray(incidentHistory.incidentId, incidentInScope(db, scope, incidentId)))
    .orderBy(desc(incidentHistory.at), desc(incidentHistory.id));
}

/** Incidents of each person since `since`, for those with at least `threshold`. */
export async function repeatCounts(
  db: Db,
  scope: Scope,
  since: Date,
  threshold: number,
  personIds?: string[],
): Promise<Map<string, number>> {
  if (personIds && personIds.length === 0) return new Map();
  const rows = await db
    .select({ personId: incidents.personId, n: sql<number>`count(*)::int` })
    .from(incidents)
    .where(
      and(
        inScope(incidents, scope),
        gte(incidents.occurredAt, since),
        lte(incidents.occurredAt, sql`now()`),
        personIds ? inArray(incidents.personId, personIds) : sql`${incidents.personId} is not null`,
      ),
    )
    .groupBy(incidents.personId)
    .having(sql`count(*) >= ${threshold}`);
  return new Map(rows.map((r) => [r.personId ?? '', r.n]));
}
