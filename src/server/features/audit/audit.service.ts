import type { AuditPage } from '../../../shared/api';
import type { Db } from '../../db/client';
import type { Actor } from '../../access/scope';
import { insertAuditEvent, listAuditEvents, type NewAuditEvent } from './audit.repo';
import { authorize } from '../../access/policy';

export function recordAuditEvent(db: Db, event: NewAuditEvent): Promise<void> {
  return insertAuditEvent(db, event);
}

/** Records a change made by an actor, if anything changed. */
export async function recordChange(
  db: Db,
  actor: Actor,
  action: string,
  target: { type: string; id: string; schoolId?: string },
  changes: Record<string, [unknown, unknown]>,
): Promise<void> {
  if (Object.keys(changes).length === 0) return;
  await insertAuditEvent(db, {
    organisationId: actor.organisationId,
    actorUserId: actor.userId,
    action,
    targetType: target.type,
    targetId: target.id,
    schoolId: target.schoolId ?? null,
    changes,
    ip: actor.ip,
  });
}

/** Field → [before, after] for the fields of `after` whose value differs from `before`. */
export function diffFields<T extends Record<string, unknown>>(
  before: T,
  after: Partial<T>,
): Record<string, [unknown, unknown]> {
  const changes: Record<string, [unknown, unknown]> = {};
  for (const [key, value] of Object.entries(after)) {
    if (value === undefined) continue;
    if (JSON.stringify(before[key]) !== JSON.stringify(value)) changes[key] = [before[key], value];
  }
  return changes;
}

export async function listAuditPage(
  db: Db,
  actor: Actor,
  page: { limit: number; before?: number | undefined },
): Promise<AuditPage> {
  authorize(actor, 'audit.read');
  // One row more than asked tells whether an older page exists.
  const fetched = await listAuditEvents(db, actor, {
    ...page,
    limit: page.limit + 1,
  });
  const rows = fetched.slice(0, page.limit);
  return {
    events: rows.map((r) => ({
      id: r.id,
      at: r.at.toISOString(),
      action: r.action,
      actor:
        r.actorId && r.actorName && r.actorEmail
          ? { id: r.actorId, name: r.actorName, email: r.actorEmail }
          : null,
      targetType: r.targetType,
      targetId: r.targetId,
      changes: r.changes,
      ip: r.ip,
    })),
    nextBefore: fetched.length > page.limit ? (rows[rows.length - 1]?.id ?? null) : null,
  };
}
