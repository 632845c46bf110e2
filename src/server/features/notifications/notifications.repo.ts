import { and, asc, desc, eq, inArray, lt, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { incidents, notifications, notificationTemplates, people, users } from '../../db/schema';
import { inScope, type Scope } from '../../access/scope';
import { incidentInScope } from '../incidents/incidents.repo';

export type NotificationRow = typeof notifications.$inferSelect;

export async function findTemplates(db: Db, organisationId: string) {
  return db
    .select()
    .from(notificationTemplates)
    .where(eq(notificationTemplates.organisationId, organisationId));
}

export async function upsertTemplate(
  db: Db,
  values: { organisationId: string; key: string; subject: string; body: string },
): Promise<void> {
  await db
    .insert(notificationTemplates)
    .values(values)
    .onConflictDoUpdate({
      target: [notificationTemplates.organisationId, notificationTemplates.key],
      set: { subject: values.subject, body: values.body, updatedAt: new Date() },
    });
}

export async function deleteTemplate(db: Db, organisationId: string, key: string): Promise<void> {
  await db
    .delete(notificationTemplates)
    .where(
      and(
        eq(notificationTemplates.organisationId, organisationId),
        eq(notificationTemplates.key, key),
      ),
    );
}

/**
 * Inserts the notifications of one send; a repeat of the same idempotency key inserts nothing.
 * Returns the ids of the rows now standing for the request, new or earlier.
 */
export async function insertNotifications(
  db: Db,
  rows: Array<typeof notifications.$inferInsert>,
): Promise<{ inserted: string[]; all: string[] }> {
  const inserted = await db
    .insert(notifications)
    .values(rows)
    .onConflictDoNothing({
      target: [
        notifications.incidentId,
        notifications.idempotencyKey,
        notifications.recipientEmail,
      ],
    })
    .returning({ id: notifications.id });
  const first = rows[0]!;
  const all = await db
    .select({ id: notifications.id })
    .from(notifications)
    .where(
      and(
        eq(notifications.incidentId, first.incidentId),
        eq(notifications.idempotencyKey, first.idempotencyKey),
      ),
    );
  return { inserted: inserted.map((r) => r.id), all: all.map((r) => r.id) };
}

export function listNotifications(db: Db, scope: Scope, incidentId: string) {
  return db
    .select({ notification: notifications, senderName: users.name })
    .from(notifications)
    .leftJoin(users, eq(users.id, notifications.createdByUserId))
    .where(inArray(notifications.incidentId, incidentInScope(db, scope, incidentId)))
    .orderBy(desc(notifications.createdAt), asc(notifications.recipientEmail));
}

export async function listNotificationsByIds(db: Db, scope: Scope, ids: string[]) {
  if (ids.length === 0) return [];
  return db
    .select({ notification: notifications, senderName: users.name })
    .from(notifications)
    .innerJoin(incidents, eq(incidents.id, notifications.incidentId))
    .leftJoin(users, eq(users.id, notifications.createdByUserId))
    .where(and(inScope(incidents, scope), inArray(notifications.id, ids)))
    .orderBy(asc(notifications.recipientEmail));
}

/** Which of these Message-IDs are of emails about incidents the scope reaches. */
export async function messageIdsInScope(
  db: Db,
  scope: Scope,
  messageIds: string[],
): Promise<Set<string>> {
  if (messageIds.length === 0) return new Set();
  const rows = await db
    .select({ messageId: notifications.messageId })
    .from(notifications)
    .innerJoin(incidents, eq(incidents.id, notifications.incidentId))
    .where(and(inScope(incidents, scope), inArray(notifications.messageId, messageIds)));
  return new Set(rows.flatMap((r) => (r.messageId ? [r.messageId] : [])));
}

/**
 * Takes a queued notification for sending, recording the attempt (and the Message-ID it goes
 * with) before the mail server is contacted; null if it is not queued. One left `sending` is
 * never taken again: whether it went is unknown (markUnknownAnywhere).
 */
export async function claimNotificationAnywhere(
  db: Db,
  id: string,
  messageId: string | null,
): Promise<NotificationRow | null> {
  const [row] = await db
    .update(notifications)
    .set({
      status: 'sending',
      attempts: sql`${notifications.attempts} + 1`,
      claimedAt: new Date(),
      ...(messageId ? { messageId } : {}),
    })
    .where(and(eq(notifications.id, id), eq(notifications.status, 'queued')))
    .returning();
  return row ?? null;
}

/** Records how a send went, if the notification is still being sent. */
export async function updateSendingNotificationAnywhere(
  db: Db,
  id: string,
  values: Partial<NotificationRow>,
): Promise<void> {
  await db
    .update(notifications)
    .set(values)
    .where(and(eq(notifications.id, id), eq(notifications.status, 'sending')));
}

/** Notifications queued since before `queuedBefore` that may never have reached the queue. */
export async function findStrandedAnywhere(db: Db, queuedBefore: Date): Promise<string[]> {
  const rows = await db
    .select({ id: notifications.id })
    .from(notifications)
    .where(and(eq(notifications.status, 'queued'), lt(notifications.createdAt, queuedBefore)))
    .limit(500);
  return rows.map((r) => r.id);
}

/**
 * Marks `unknown` the notifications whose sending began before `sendingBefore` and never
 * ended: the worker died or the outcome could not be recorded, so the mail server may have
 * accepted them. Returns how many.
 */
export async function markUnknownAnywhere(
  db: Db,
  sendingBefore: Date,
  reason: string,
): Promise<number> {
  const rows = await db
    .update(notifications)
    .set({ status: 'unknown', lastError: reason })
    .where(and(eq(notifications.status, 'sending'), lt(notifications.claimedAt, sendingBefore)))
    .returning({ id: notifications.id });
  return rows.length;
}

/** Full names of the school's other pupils that appear in a text (staff names stay). */
export async function namesMentioned(
  db: Db,
  scope: Scope,
  schoolId: string,
  text: string,
  exceptPersonId: string | null,
): Promise<string[]> {
  const rows = await db
    .selectDistinct({ name: sql<string>`${people.firstName} || ' ' || ${people.lastName}` })
    .from(people)
    .where(
      and(
        inScope(people, scope),
        eq(people.schoolId, schoolId),
        eq(people.type, 'pupil'),
        sql`length(${people.firstName}) > 1`,
        sql`position(lower(${people.firstName} || ' ' || ${people.lastName}) in lower(${text})) > 0`,
        exceptPersonId ? sql`${people.id} <> ${exceptPersonId}` : undefined,
      ),
    );
  return rows.map((r) => r.name).sort((a, b) => b.length - a.length);
}
