import { and, desc, eq, inArray, lt, or } from 'drizzle-orm';
import type { Actor } from '../../access/scope';
import type { Db } from '../../db/client';
import { auditEvents, users } from '../../db/schema';

export type NewAuditEvent = {
  organisationId: string | null;
  actorUserId: string | null;
  action: string;
  targetType?: string | null;
  targetId?: string | null;
  /** The school it is about; an event whose target is a school is about that school. */
  schoolId?: string | null;
  changes?: Record<string, [unknown, unknown]> | null;
  ip?: string | null;
};

export async function insertAuditEvent(db: Db, event: NewAuditEvent): Promise<void> {
  await db.insert(auditEvents).values({
    organisationId: event.organisationId,
    actorUserId: event.actorUserId,
    action: event.action,
    targetType: event.targetType ?? null,
    targetId: event.targetId ?? null,
    schoolId: event.schoolId ?? (event.targetType === 'school' ? event.targetId : null) ?? null,
    changes: event.changes ?? null,
    ip: event.ip ?? null,
  });
}

/**
 * A page of the audit log, newest first. An actor of some schools sees the events about those
 * schools and their own actions; the organisation's other events are for admins of all schools.
 */
export async function listAuditEvents(
  db: Db,
  actor: Actor,
  page: { limit: number; before?: number | undefined },
) {
  const { scope } = actor;
  const reach =
    scope.schoolIds === 'all'
      ? undefined
      : or(
          eq(auditEvents.actorUserId, actor.userId),
          scope.schoolIds.length > 0
            ? inArray(auditEvents.schoolId, [...scope.schoolIds])
            : undefined,
        );
  return db
    .select({
      id: auditEvents.id,
      at: auditEvents.at,
      action: auditEvents.action,
      targetType: auditEvents.targetType,
      targetId: auditEvents.targetId,
      changes: auditEvents.changes,
      ip: auditEvents.ip,
      actorId: users.id,
      actorName: users.name,
      actorEmail: users.email,
    })
    .from(auditEvents)
    .leftJoin(users, eq(users.id, auditEvents.actorUserId))
    .where(
      and(
        eq(auditEvents.organisationId, scope.organisationId),
        reach,
        page.before === undefined ? undefined : lt(auditEvents.id, page.before),
      ),
    )
    .orderBy(desc(auditEvents.id))
    .limit(page.limit);
}
