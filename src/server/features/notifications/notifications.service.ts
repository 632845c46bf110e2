import type { z } from 'zod';
import type {
  CaughtMail,
  ContactsResponse,
  Notification,
  Preview,
  SendInputSchema,
  Template,
  TemplateKey,
} from '../../../shared/notifications-api';
import { TEMPLATE_KEYS } from '../../../shared/notifications-api';
import type { Db } from '../../db/client';
import type { MailCatcher } from '../../email/mail-catcher';
import { mayHaveBeenAccepted } from '../../email/mailer';
import { databaseUnavailableReason } from '../../db/unavailable';
import { AppError, invalidField } from '../../lib/errors';
import type { Actor } from '../../access/scope';
import { recordAuditEvent, recordChange } from '../audit/audit.service';
import { getIncident, getIncidentSummary } from '../incidents/incidents.service';
import { getUserWithScope } from '../users/users.service';
import { getContacts } from '../wonde/contacts.service';
import {
  claimNotificationAnywhere,
  deleteTemplate,
  findStrandedAnywhere,
  findTemplates,
  insertNotifications,
  listNotifications,
  listNotificationsByIds,
  messageIdsInScope,
  markUnknownAnywhere,
  namesMentioned,
  updateSendingNotificationAnywhere,
  upsertTemplate,
  type NotificationRow,
} from './notifications.repo';
import {
  DEFAULT_TEMPLATES,
  fillTemplate,
  htmlFromText,
  PLACEHOLDERS,
  type PlaceholderValues,
} from './templates';
import { authorize, can } from '../../access/policy';
import type { Deps } from '../../deps';

export type SendInput = z.output<typeof SendInputSchema>;

/** A send that has not finished after this long may or may not have gone: it is `unknown`. */
const STUCK_AFTER_MS = 10 * 60_000;

// Templates -------------------------------------------------------------------------------

export async function listTemplates(db: Db, organisationId: string): Promise<Template[]> {
  const custom = new Map((await findTemplates(db, organisationId)).map((t) => [t.key, t]));
  return TEMPLATE_KEYS.map((key) => {
    const own = custom.get(key);
    const fallback = DEFAULT_TEMPLATES[key];
    return {
      key,
      name: fallback.name,
      subject: own?.subject ?? fallback.subject,
      body: own?.body ?? fallback.body,
      customised: own !== undefined,
      placeholders: [...PLACEHOLDERS],
    };
  });
}

export async function updateTemplate(
  db: Db,
  actor: Actor,
  key: TemplateKey,
  input: { subject: string; body: string } | null,
): Promise<Template> {
  authorize(actor, 'template.edit');
  const before = (await listTemplates(db, actor.organisationId)).find((t) => t.key === key)!;
  await db.transaction(async (tx) => {
    if (input) await upsertTemplate(tx, { organisationId: actor.organisationId, key, ...input });
    else await deleteTemplate(tx, actor.organisationId, key);
    const after = input ?? DEFAULT_TEMPLATES[key];
    const changes: Record<string, [unknown, unknown]> = {};
    if (before.subject !== after.subject) changes.subject = [before.subject, after.subject];
    if (before.body !== after.body)
      changes.body = ['(previous wording)', input ? '(new wording)' : "(Plaster's wording)"];
    await recordChange(tx, actor, 'template.updated', { type: 'template', id: key }, changes);
  });
  return (await listTemplates(db, actor.organisationId)).find((t) => t.key === key)!;
}

// Contacts --------------------------------------------------------------------------------

/**
 * Who to tell about an incident's person, read live from the MIS: only through an incident the
 * caller can see, and each read is in the audit log (who, whose contacts, for which incident;
 * never the contacts themselves).
 */
export async function getIncidentContacts(
  deps: Pick<Deps, 'db' | 'wonde'>,
  actor: Actor,
  incidentId: string,
): Promise<ContactsResponse> {
  authorize(actor, 'contacts.read');
  const incident = await getIncidentSummary(deps.db, actor.scope, incidentId);
  const { personId } = incident.person;
  if (incident.person.unmatched) {
    throw new AppError(
      'conflict',
      `${incident.person.name} is not matched to the school’s records yet, so there are no contacts to show.`,
    );
  }
  if (personId === null) {
    throw new AppError(
      'conflict',
      `${incident.person.name} was entered by hand: the school’s records hold no contacts for them. Type the address to email.`,
    );
  }
  const contacts = await getContacts(deps, actor.scope, personId);
  await recordAuditEvent(deps.db, {
    organisationId: actor.organisationId,
    actorUserId: actor.userId,
    action: 'contacts.viewed',
    targetType: 'person',
    targetId: personId,
    schoolId: incident.school.id,
    changes: { incident: [null, incident.number] },
    ip: actor.ip,
  });
  return contacts;
}

// Composing -------------------------------------------------------------------------------

const dayFormat = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
});
const timeFormat = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  hour: '2-digit',
  minute: '2-digit',
});
const words = (value: string) => value.replaceAll('_', ' ');

/** Replaces each name with "another pupil", longest first so "Ann Lee-Smith" goes whole. */
function withoutNames(text: string, names: string[]): string {
  return names.reduce(
    (out, name) =>
      out.replace(new RegExp(name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'gi'), 'another pupil'),
    text,
  );
}

export async function previewNotification(
  db: Db,
  actor: Actor,
  incidentId: string,
  input: { templateKey: TemplateKey; keepOtherNames: boolean },
): Promise<Preview> {
  authorize(actor, 'family.notify');
  const incident = await getIncident(db, actor.scope, incidentId);
  const { user: sender } = await getUserWithScope(db, actor.organisationId, actor.userId);
  const template = (await listTemplates(db, actor.organisationId)).find(
    (t) => t.key === input.templateKey,
  )!;
  const otherNames = await namesMentioned(
    db,
    actor.scope,
    incident.school.id,
    incident.description,
    incident.person.personId,
  );
  const occurred = new Date(incident.occurredAt);
  const firstAid = incident.firstAidGiven
    ? [incident.firstAidDetails, incident.firstAidBy ? `given by ${incident.firstAidBy}` : null]
        .filter(Boolean)
        .join(', ') || 'given'
    : 'none needed';
  const values: PlaceholderValues = {
    greeting: incident.person.kind === 'staff' ? 'Hello' : 'Dear parent or carer',
    personFirstName: incident.person.name.split(' ')[0] ?? incident.person.name,
    personName: incident.person.name,
    schoolName: incident.school.name,
    incidentDate: dayFormat.format(occurred),
    incidentTime: timeFormat.format(occurred),
    location:
      [incident.location?.name, incident.locationDetail].filter(Boolean).join(': ') || 'at school',
    whatHappened: input.keepOtherNames
      ? incident.description
      : withoutNames(incident.description, otherNames),
    injuries:
      incident.injuries
        .map((j) => [j.type, j.side, j.bodyPart].filter(Boolean).join(' '))
        .join('; ') || (incident.headInjury ? 'a bump to the head' : 'none recorded'),
    firstAid,
    actions: [incident.immediateActions, `Afterwards: ${words(incident.outcome)}.`]
      .filter(Boolean)
      .join(' '),
    senderName: sender.name,
    senderEmail: ` (${sender.email})`,
  };
  const subject = fillTemplate(template.subject, values);
  const text = fillTemplate(template.body, values);
  return { subject, text, html: htmlFromText(text, incident.school.name), otherNames };
}

// Sending ---------------------------------------------------------------------------------

function present(actor: Actor, row: NotificationRow, senderName: string | null): Notification {
  const shown = can(actor, 'notification.recipients');
  return {
    id: row.id,
    recipientName: shown ? row.recipientName : null,
    recipientEmail: shown ? row.recipientEmail : null,
    subject: row.subject,
    text: shown ? row.bodyText : null,
    status: row.status,
    attempts: row.attempts,
    error: shown ? row.lastError : null,
    sentBy:
      row.createdByUserId && senderName ? { id: row.createdByUserId, name: senderName } : null,
    createdAt: row.createdAt.toISOString(),
    sentAt: row.sentAt?.toISOString() ?? null,
  };
}

/**
 * Queues one email per recipient, in one transaction (the outbox), then hands each to the
 * queue. The same idempotency key again returns the same notifications and sends nothing more.
 * Contacts are looked up live by id, so an email goes only to an address Wonde holds for them.
 */
export async function sendNotifications(
  deps: Pick<Deps, 'db' | 'wonde' | 'notifications' | 'logger'>,
  actor: Actor,
  incidentId: string,
  input: SendInput,
): Promise<Notification[]> {
  authorize(actor, 'family.notify');
  const incident = await getIncident(deps.db, actor.scope, incidentId);
  // Named offline, not yet the directory's person: their family is not known, and an address
  // typed in could be anyone's.
  if (incident.person.unmatched) {
    throw invalidField(
      'recipients',
      `match ${incident.person.name} to the school’s records first; their contacts come from there`,
    );
  }
  const needsContacts = input.recipients.some((r) => 'contactId' in r);
  const isDirectoryPerson = incident.person.personId !== null;
  const contacts =
    needsContacts && incident.person.personId
      ? (await getContacts(deps, actor.scope, incident.person.personId)).contacts
      : [];

  const recipients = input.recipients.map((recipient, index) => {
    const path = `recipients.${index}`;
    if ('contactId' in recipient) {
      if (!isDirectoryPerson)
        throw invalidField(path, 'this person has no contacts in the directory; type an address');
      const contact = contacts.find((c) => c.id === recipient.contactId);
      if (!contact) throw invalidField(`${path}.contactId`, 'is not one of this person’s contacts');
      if (!contact.email)
        throw invalidField(`${path}.contactId`, `${contact.name} has no email address in the MIS`);
      return { name: contact.name, email: contact.email };
    }
    if (isDirectoryPerson)
      throw invalidField(
        path,
        'choose from the contacts held in the MIS for a pupil or member of staff',
      );
    return { name: recipient.name, email: recipient.email.toLowerCase() };
  });
  const unique = [...new Map(recipients.map((r) => [r.email, r])).values()];

  const html = htmlFromText(input.text, incident.school.name);
  const { inserted, all } = await deps.db.transaction((tx) =>
    insertNotifications(
      tx,
      unique.map((r) => ({
        organisationId: actor.organisationId,
        incidentId,
        recipientName: r.name,
        recipientEmail: r.email,
        subject: input.subject,
        bodyText: input.text,
        bodyHtml: html,
        idempotencyKey: input.idempotencyKey,
        createdByUserId: actor.userId,
      })),
    ),
  );
  for (const id of inserted) {
    // If this fails the sweeper hands it over within minutes: the row is the promise.
    await deps.notifications.enqueueEmail(id).catch((error: unknown) => {
      deps.logger.warn(
        { notificationId: id, err: error },
        'could not queue an email; the sweeper will',
      );
    });
  }
  return (await listNotificationsByIds(deps.db, actor.scope, all)).map((r) =>
    present(actor, r.notification, r.senderName),
  );
}

export async function listIncidentNotifications(
  db: Db,
  actor: Actor,
  incidentId: string,
): Promise<Notification[]> {
  await getIncidentSummary(db, actor.scope, incidentId);
  return (await listNotifications(db, actor.scope, incidentId)).map((r) =>
    present(actor, r.notification, r.senderName),
  );
}

/**
 * The demo mail server's catch, as the demo's Mail page shows it: only emails about incidents
 * the caller can see, so a reporter of one school never reads another school's letters.
 */
export async function listDemoMail(
  db: Db,
  catcher: MailCatcher,
  actor: Actor,
): Promise<CaughtMail[]> {
  authorize(actor, 'demo.mail');
  const caught = catcher.messages();
  const ids = caught.flatMap((m) => (m.messageId ? [m.messageId] : []));
  const visible = await messageIdsInScope(db, actor.scope, ids);
  return caught
    .filter((m) => m.messageId !== null && visible.has(m.messageId))
    .map(({ messageId: _messageId, ...mail }) => mail);
}

/** How long the outcome of a send is retried while the database cannot be reached. */
const RECORD_OUTCOME_FOR_MS = 2 * 60_000;

/**
 * Records how a send went, retrying while the database cannot be reached: an email the mail
 * server accepted must not be left looking unsent. False if it could not be recorded.
 */
async function recordOutcome(
  deps: Pick<Deps, 'db' | 'logger'>,
  id: string,
  values: Partial<NotificationRow>,
): Promise<boolean> {
  const deadline = Date.now() + RECORD_OUTCOME_FOR_MS;
  for (let wait = 250; ; wait = Math.min(wait * 2, 5_000)) {
    try {
      await updateSendingNotificationAnywhere(deps.db, id, values);
      return true;
    } catch (error) {
      if (!databaseUnavailableReason(error) || Date.now() + wait > deadline) {
        deps.logger.error(
          { notificationId: id, err: error },
          'could not record how a send went; the sweeper marks it unknown',
        );
        return false;
      }
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }
}

/**
 * Delivers one queued notification, at most once: the attempt is recorded (`sending`, with the
 * Message-ID it goes out with) before the mail server is contacted, and its outcome after, with
 * retries. A refusal is recorded `queued` and rethrown so the queue retries with backoff (on the
 * last attempt `failed`, with the reason); a send that may have been accepted is `unknown` and
 * never sent again by itself.
 */
export async function deliverNotification(
  deps: Pick<Deps, 'db' | 'mailer' | 'logger'>,
  id: string,
  options: { isLastAttempt: boolean },
): Promise<'done' | 'skipped'> {
  const messageId = deps.mailer?.messageIdFor(id) ?? null;
  const row = await claimNotificationAnywhere(deps.db, id, messageId);
  if (!row) return 'skipped';
  try {
    if (!deps.mailer || !messageId) throw new Error('No mail server is configured (SMTP_URL).');
    await deps.mailer.send({
      messageId,
      to: row.recipientEmail,
      toName: row.recipientName,
      subject: row.subject,
      text: row.bodyText,
      html: row.bodyHtml,
    });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    if (mayHaveBeenAccepted(error)) {
      await recordOutcome(deps, id, {
        status: 'unknown',
        lastError: `The connection to the mail server broke during the send: ${reason}`,
      });
      deps.logger.warn({ notificationId: id }, 'notification may or may not have been sent');
      return 'done';
    }
    await recordOutcome(deps, id, {
      status: options.isLastAttempt ? 'failed' : 'queued',
      lastError: reason,
    });
    deps.logger.warn(
      { notificationId: id, attempt: row.attempts, final: options.isLastAttempt },
      'notification not sent',
    );
    if (options.isLastAttempt) return 'done';
    throw error;
  }
  await recordOutcome(deps, id, { status: 'sent', sentAt: new Date(), lastError: null });
  deps.logger.info({ notificationId: id }, 'notification sent');
  return 'done';
}

/**
 * The outbox's sweep: hands notifications that never reached the queue back to it, and marks
 * `unknown` those whose sending began and never ended (never sent again: a person decides).
 * Returns how many were handed back.
 */
export async function requeueStranded(
  deps: { db: Db; enqueueEmail(id: string): Promise<void>; logger?: Deps['logger'] },
  now = Date.now(),
): Promise<number> {
  const unknown = await markUnknownAnywhere(
    deps.db,
    new Date(now - STUCK_AFTER_MS),
    'Sending began but its outcome was never recorded.',
  );
  if (unknown > 0)
    deps.logger?.warn({ count: unknown }, 'notifications whose sending never ended marked unknown');
  const ids = await findStrandedAnywhere(deps.db, new Date(now - 2 * 60_000));
  for (const id of ids) await deps.enqueueEmail(id);
  return ids.length;
}
