import { and, desc, eq, exists, inArray, lt, ne, not, sql, type SQL } from 'drizzle-orm';
import { inScope, type Scope } from '../../access/scope';
import type { Db } from '../../db/client';
import { incidents, notifications, schools, syncRuns } from '../../db/schema';
import type { NotificationRow } from '../notifications/notifications.repo';

/** Not closed: what can still be acted on. */
export const stillOpen = (): SQL => ne(incidents.status, 'closed');

const emailOfIncident = (statuses: Array<NotificationRow['status']>) =>
  exists(
    sql`(select 1 from ${notifications} where ${notifications.incidentId} = ${incidents.id} and ${inArray(notifications.status, statuses)})`,
  );

/** Head injuries, not closed, whose family no email is going or has gone to. */
export const headInjuryUntold = (): SQL =>
  and(
    eq(incidents.headInjury, true),
    stillOpen(),
    not(emailOfIncident(['queued', 'sending', 'sent'])),
  )!;

/** Open or under review since before `before`. */
export const openSince = (before: Date): SQL => and(stillOpen(), lt(incidents.occurredAt, before))!;

/**
 * An email about the incident could not be delivered, or may not have been (its outcome is
 * unknown): either way a person should look.
 */
export const emailFailed = (): SQL => emailOfIncident(['failed', 'unknown']);

/** Each school's latest sync run in the scope, where it failed. */
export function failedLatestSyncs(db: Db, scope: Scope) {
  const latest = db
    .selectDistinctOn([syncRuns.schoolId], {
      schoolId: syncRuns.schoolId,
      status: syncRuns.status,
      at: syncRuns.queuedAt,
      error: syncRuns.error,
    })
    .from(syncRuns)
    .where(inScope(syncRuns, scope))
    .orderBy(syncRuns.schoolId, desc(syncRuns.queuedAt))
    .as('latest');
  return db
    .select({
      schoolId: latest.schoolId,
      schoolName: schools.name,
      at: latest.at,
      error: latest.error,
    })
    .from(latest)
    .innerJoin(schools, eq(schools.id, latest.schoolId))
    .where(eq(latest.status, 'failed'));
}
