import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordingNotifications, signIn, type Client } from '../../../../test/app';
import { freePort } from '../../../../test/ports';
import { buildOrganisation, buildUser, PASSWORD } from '../../../../test/factories';
import { startWondeTestbed, type WondeTestbed } from '../../../../test/wonde';
import type { SimStudent } from '../../../wonde-simulator/index';
import type { Incident } from '../../../shared/incidents-api';
import type {
  CaughtMail,
  ContactsResponse,
  Notification,
  Preview,
} from '../../../shared/notifications-api';
import type { AddressInfo, Socket } from 'node:net';
import { SMTPServer } from 'smtp-server';
import type { Attention } from '../../../shared/attention-api';
import { notifications, people } from '../../db/schema';
import { createMailer } from '../../email/mailer';
import { startMailCatcher, type MailCatcher } from '../../email/mail-catcher';
import { createLogger } from '../../lib/logger';
import { insertSchool } from '../schools/schools.repo';
import { runSync } from '../wonde/sync.service';
import { deliverNotification, requeueStranded } from './notifications.service';

let bed: WondeTestbed;
let admin: Client;
let viewer: Client;
/** A reporter of the organisation's other school. */
let otherSchoolReporter: Client;
let outbox: ReturnType<typeof recordingNotifications>;
let catcher: MailCatcher;
let pupil: SimStudent;
let personId: string;
let schoolId: string;
const silent = createLogger({ level: 'silent' });

beforeAll(async () => {
  outbox = recordingNotifications();
  catcher = await startMailCatcher();
  bed = await startWondeTestbed([{ phase: 'PRIMARY', pupils: 80 }], 'notifications', {
    notifications: outbox,
    mailCatcher: catcher,
  });
  const { organisation } = await buildOrganisation(bed.t.db, { schools: 0 });
  admin = await signIn(bed.t.app, (await buildUser(bed.t.db, organisation.id)).email, PASSWORD);
  const simSchool = bed.sim.schools[0]!;
  const school = await insertSchool(bed.t.db, {
    organisationId: organisation.id,
    name: simSchool.name,
    urn: String(simSchool.urn),
    wondeSchoolId: null,
  });
  schoolId = school.id;
  const otherSchool = await insertSchool(bed.t.db, {
    organisationId: organisation.id,
    name: 'Other School of the Trust',
    urn: '999001',
    wondeSchoolId: null,
  });
  viewer = await signIn(
    bed.t.app,
    (await buildUser(bed.t.db, organisation.id, { role: 'viewer' })).email,
    PASSWORD,
  );
  otherSchoolReporter = await signIn(
    bed.t.app,
    (await buildUser(bed.t.db, organisation.id, { role: 'reporter', schoolIds: [otherSchool.id] }))
      .email,
    PASSWORD,
  );
  await admin.request({
    method: 'POST',
    url: `/api/v1/schools/${school.id}/wonde/connect`,
    payload: { urn: String(simSchool.urn) },
  });
  await bed.sim.controls.approveSchool(simSchool.id);
  await runSync(bed.deps, bed.queued[0]!.id, { isLastAttempt: true });

  const data = bed.sim.controls.snapshot().schools[0]!;
  const byId = new Map(data.contacts.map((c) => [c.id, c]));
  // A pupil with several contacts, one with parental responsibility and an email.
  pupil = data.students.find(
    (s) =>
      !s.education.leavingDate &&
      s.contactLinks.length >= 2 &&
      s.contactLinks.some(
        (l) =>
          l.relationship.parentalResponsibility &&
          byId.get(l.contactId)?.contactDetails.emails.email,
      ),
  )!;
  const [row] = await bed.t.db.select().from(people).where(eq(people.wondeId, pupil.id));
  personId = row!.id;
});
afterAll(async () => {
  await catcher.close();
  await bed.close();
});

/** The pupil's contacts, read as they always are: through an incident about them. */
async function contactsOfPupil(incident?: Incident): Promise<ContactsResponse> {
  const about = incident ?? (await logIncident());
  const response = await admin.request({ url: `/api/v1/incidents/${about.id}/contacts` });
  expect(response.statusCode, response.body).toBe(200);
  return response.json<ContactsResponse>();
}

async function logIncident(overrides: Record<string, unknown> = {}): Promise<Incident> {
  const response = await admin.request({
    method: 'POST',
    url: '/api/v1/incidents',
    payload: {
      schoolId,
      occurredAt: new Date(Date.now() - 3_600_000).toISOString(),
      locationDetail: 'Playground, by the benches',
      category: 'accident_injury',
      person: { kind: 'directory', personId },
      description: 'Fell while running and hit the ground with their knee.',
      injuries: [{ type: 'graze', bodyPart: 'knee', side: 'right' }],
      firstAidGiven: true,
      firstAidBy: 'Mr Evans',
      firstAidDetails: 'Cleaned and covered with a plaster',
      outcome: 'returned_to_class_or_work',
      immediateActions: 'Sat with a member of staff for ten minutes.',
      ...overrides,
    },
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json<Incident>();
}

describe('contacts', () => {
  it('lists parental responsibility first by priority, keeping unknown as unknown', async () => {
    const { personType, contacts } = await contactsOfPupil();
    expect(personType).toBe('pupil');
    expect(contacts).toHaveLength(pupil.contactLinks.length);
    const rank = (v: boolean | null) => (v === true ? 0 : v === null ? 1 : 2);
    for (let i = 1; i < contacts.length; i++) {
      const [a, b] = [contacts[i - 1]!, contacts[i]!];
      const order = rank(a.parentalResponsibility) - rank(b.parentalResponsibility);
      expect(order <= 0).toBe(true);
      if (order === 0) expect((a.priority ?? 99) <= (b.priority ?? 99)).toBe(true);
    }
    for (const link of pupil.contactLinks) {
      const contact = contacts.find((c) => c.id === link.contactId)!;
      expect(contact.parentalResponsibility).toBe(link.relationship.parentalResponsibility);
      expect(contact.relationship).toBe(link.relationship.relationship);
    }
  });

  it('leaves no trace of a contact in the database or the logs', async () => {
    const logsBefore = bed.t.logs.length;
    const { contacts } = await contactsOfPupil();
    const traces = contacts
      .flatMap((c) => [c.name, c.email, c.phone])
      .filter((v): v is string => Boolean(v));
    expect(traces.length).toBeGreaterThan(0);
    const tables = await bed.t.db.execute(
      sql`select table_schema, table_name from information_schema.tables where table_schema in ('public', 'pgboss') and table_type = 'BASE TABLE'`,
    );
    let everything = '';
    for (const t of (tables as { rows: Array<{ table_schema: string; table_name: string }> })
      .rows) {
      const rows = await bed.t.db.execute(
        sql.raw(`select t::text as row from "${t.table_schema}"."${t.table_name}" t`),
      );
      everything += (rows as { rows: Array<{ row: string }> }).rows.map((r) => r.row).join('\n');
    }
    const logged = bed.t.logs.slice(logsBefore).join('\n');
    expect(logged).toContain('/contacts');
    for (const trace of traces) {
      expect(everything).not.toContain(trace);
      expect(logged).not.toContain(trace);
    }
  });

  it('says clearly when Wonde cannot be reached', async () => {
    const incident = await logIncident();
    bed.sim.controls.injectFault({ kind: '503', count: 10, pathIncludes: '/students/' });
    const response = await admin.request({ url: `/api/v1/incidents/${incident.id}/contacts` });
    bed.sim.controls.clearFaults();
    expect(response.statusCode).toBe(502);
    expect(response.json()).toMatchObject({
      error: { message: expect.stringContaining('could not be fetched from Wonde') },
    });
    // The incident itself is still there to read.
    expect((await admin.request({ url: `/api/v1/incidents/${incident.id}` })).statusCode).toBe(200);
  });

  it('are read only through an incident the caller can see, and each read is audited', async () => {
    // By person alone, as before: no longer a way in.
    expect((await admin.request({ url: `/api/v1/people/${personId}/contacts` })).statusCode).toBe(
      404,
    );
    const incident = await logIncident();
    const reads = async () =>
      (await admin.request({ url: '/api/v1/audit-events?limit=50' }))
        .json<{ events: Array<{ action: string; targetId: string | null; changes: unknown }> }>()
        .events.filter((e) => e.action === 'contacts.viewed');
    const readsBefore = (await reads()).length;
    // Another school's reporter does not see the incident, so not its family either.
    const outside = await otherSchoolReporter.request({
      url: `/api/v1/incidents/${incident.id}/contacts`,
    });
    expect(outside.statusCode).toBe(404);
    expect(
      (await viewer.request({ url: `/api/v1/incidents/${incident.id}/contacts` })).statusCode,
    ).toBe(403);

    const { contacts } = await contactsOfPupil(incident);
    const read = await reads();
    // One entry for the one read (refused attempts read nothing), holding none of the contacts.
    expect(read).toHaveLength(readsBefore + 1);
    expect(read[0]).toMatchObject({
      targetId: personId,
      changes: { incident: [null, incident.number] },
    });
    const written = JSON.stringify(read[0]);
    for (const c of contacts) {
      expect(written).not.toContain(c.name);
      if (c.email) expect(written).not.toContain(c.email);
    }
  });
});

describe('composing', () => {
  it("leaves out other pupils' names unless kept, and keeps staff names", async () => {
    const data = bed.sim.controls.snapshot().schools[0]!;
    const other = data.students.find((s) => s.id !== pupil.id && !s.education.leavingDate)!;
    const staff = data.employees.find((e) => e.employment.current)!;
    const otherName = `${other.forename} ${other.surname}`;
    const staffName = `${staff.forename} ${staff.surname}`;
    const incident = await logIncident({
      description: `Collided with ${otherName} by the slide; ${staffName} saw it happen.`,
    });
    const preview = async (keepOtherNames: boolean) =>
      (
        await admin.request({
          method: 'POST',
          url: `/api/v1/incidents/${incident.id}/notifications/preview`,
          payload: { templateKey: 'general', keepOtherNames },
        })
      ).json<Preview>();
    const hidden = await preview(false);
    expect(hidden.otherNames).toEqual([otherName]);
    expect(hidden.text).not.toContain(otherName);
    expect(hidden.text).toContain('Collided with another pupil by the slide');
    expect(hidden.text).toContain(staffName);
    const kept = await preview(true);
    expect(kept.text).toContain(`Collided with ${otherName}`);
  });
});

describe('sending', () => {
  it('emails the chosen contact the incident details, once however often it is submitted', async () => {
    const incident = await logIncident({
      headInjury: true,
      injuries: [{ type: 'bump', bodyPart: 'head', side: null }],
    });
    const preview = (
      await admin.request({
        method: 'POST',
        url: `/api/v1/incidents/${incident.id}/notifications/preview`,
        payload: { templateKey: 'head_injury' },
      })
    ).json<Preview>();
    expect(preview.subject).toContain(pupil.forename);
    expect(preview.text).toContain('Playground, by the benches');
    expect(preview.text).toContain('Cleaned and covered with a plaster, given by Mr Evans');
    expect(preview.text).toContain('NHS 111');
    expect(preview.html).toContain('<p');

    const contact = (await contactsOfPupil(incident)).contacts.find(
      (c) => c.parentalResponsibility && c.email,
    )!;
    const body = {
      recipients: [{ contactId: contact.id }],
      subject: preview.subject,
      text: preview.text,
      idempotencyKey: randomUUID(),
    };
    const [first, second] = await Promise.all([
      admin.request({
        method: 'POST',
        url: `/api/v1/incidents/${incident.id}/notifications`,
        payload: body,
      }),
      admin.request({
        method: 'POST',
        url: `/api/v1/incidents/${incident.id}/notifications`,
        payload: body,
      }),
    ]);
    expect(first.statusCode, first.body).toBe(202);
    expect(second.statusCode, second.body).toBe(202);
    const sent = first.json<{ notifications: Notification[] }>().notifications;
    expect(second.json<{ notifications: Notification[] }>().notifications.map((n) => n.id)).toEqual(
      sent.map((n) => n.id),
    );
    expect(sent).toMatchObject([
      { recipientEmail: contact.email, recipientName: contact.name, status: 'queued' },
    ]);

    const mailer = createMailer({
      smtpUrl: catcher.url,
      from: 'Plaster <no-reply@school.example>',
    });
    for (const id of new Set(outbox.queued)) {
      await deliverNotification({ db: bed.t.db, mailer, logger: silent }, id, {
        isLastAttempt: false,
      });
    }
    mailer.close();
    const received = catcher.messages().filter((m) => m.to.includes(contact.email!));
    expect(received).toHaveLength(1);
    expect(received[0]).toMatchObject({ subject: preview.subject });
    expect(received[0]!.text).toContain('Fell while running');
    expect(received[0]!.html).toContain('Playground, by the benches');

    // The demo's Mail page shows it to those who can see the incident, and to no one else.
    const mailOf = async (client: Client) =>
      (await client.request({ url: '/api/v1/demo/mail' })).json<{ messages: CaughtMail[] }>()
        .messages;
    expect((await mailOf(admin)).map((m) => m.subject)).toContain(preview.subject);
    expect((await mailOf(viewer)).map((m) => m.subject)).toContain(preview.subject);
    const elsewhere = await mailOf(otherSchoolReporter);
    expect(elsewhere.map((m) => m.subject)).not.toContain(preview.subject);
    expect(JSON.stringify(elsewhere)).not.toContain(contact.email);

    const log = (
      await admin.request({ url: `/api/v1/incidents/${incident.id}/notifications` })
    ).json<{
      notifications: Notification[];
    }>();
    expect(log.notifications).toMatchObject([
      { status: 'sent', attempts: 1, recipientEmail: contact.email },
    ]);

    // A viewer sees that the family was emailed and how it went, not who or what was said.
    const seen = (
      await viewer.request({ url: `/api/v1/incidents/${incident.id}/notifications` })
    ).json<{ notifications: Notification[] }>().notifications;
    expect(seen).toMatchObject([
      {
        status: 'sent',
        subject: preview.subject,
        recipientName: null,
        recipientEmail: null,
        text: null,
        error: null,
      },
    ]);
    expect(JSON.stringify(seen)).not.toContain(contact.email);
  });

  it('refuses an address typed in for a pupil, and a contact of someone else', async () => {
    const incident = await logIncident();
    const typed = await admin.request({
      method: 'POST',
      url: `/api/v1/incidents/${incident.id}/notifications`,
      payload: {
        recipients: [{ name: 'Anyone', email: 'anyone@elsewhere.example' }],
        subject: 'S',
        text: 'T',
        idempotencyKey: randomUUID(),
      },
    });
    expect(typed.statusCode).toBe(400);
    const stranger = await admin.request({
      method: 'POST',
      url: `/api/v1/incidents/${incident.id}/notifications`,
      payload: {
        recipients: [{ contactId: 'A0000000000' }],
        subject: 'S',
        text: 'T',
        idempotencyKey: randomUUID(),
      },
    });
    expect(stranger.statusCode).toBe(400);
    expect(stranger.json()).toMatchObject({
      error: { details: [{ path: 'recipients.0.contactId' }] },
    });
  });
});

describe('a person still to match', () => {
  it('gets no email until matched: an address typed in is refused, then their contacts open', async () => {
    const incident = await logIncident({
      person: { kind: 'unmatched', personType: 'pupil', name: 'Named Offline' },
    });
    const queuedBefore = outbox.queued.length;
    const typed = await admin.request({
      method: 'POST',
      url: `/api/v1/incidents/${incident.id}/notifications`,
      payload: {
        recipients: [{ name: 'Anyone', email: 'anyone@elsewhere.example' }],
        subject: 'S',
        text: 'T',
        idempotencyKey: randomUUID(),
      },
    });
    expect(typed.statusCode).toBe(400);
    expect(typed.json()).toMatchObject({
      error: { details: [{ path: 'recipients', message: expect.stringMatching(/match/) }] },
    });
    expect(outbox.queued).toHaveLength(queuedBefore);

    const matched = await admin.request({
      method: 'PATCH',
      url: `/api/v1/incidents/${incident.id}`,
      payload: { version: incident.version, person: { kind: 'directory', personId } },
    });
    expect(matched.statusCode, matched.body).toBe(200);
    const contact = (await contactsOfPupil(incident)).contacts.find((c) => c.email)!;
    const sent = await admin.request({
      method: 'POST',
      url: `/api/v1/incidents/${incident.id}/notifications`,
      payload: {
        recipients: [{ contactId: contact.id }],
        subject: 'S',
        text: 'T',
        idempotencyKey: randomUUID(),
      },
    });
    expect(sent.statusCode, sent.body).toBe(202);
  });
});

describe('delivery', () => {
  async function queueToVisitor(): Promise<string> {
    const incident = await logIncident({
      person: { kind: 'manual', personType: 'visitor', name: 'Pat Visitor' },
    });
    const response = await admin.request({
      method: 'POST',
      url: `/api/v1/incidents/${incident.id}/notifications`,
      payload: {
        recipients: [{ name: 'Pat Visitor', email: 'pat@visitor.example' }],
        subject: 'An incident at school',
        text: 'Details of the incident.',
        idempotencyKey: randomUUID(),
      },
    });
    expect(response.statusCode, response.body).toBe(202);
    return response.json<{ notifications: Notification[] }>().notifications[0]!.id;
  }

  const statusOf = async (id: string) =>
    (await bed.t.db.execute(
      sql`select status, attempts, last_error from notifications where id = ${id}`,
    )) as {
      rows: Array<{ status: string; attempts: number; last_error: string | null }>;
    };

  it('retries while the mail server is down and delivers once it is back', async () => {
    const id = await queueToVisitor();
    const port = await freePort();
    const mailer = createMailer({
      smtpUrl: `smtp://127.0.0.1:${port}`,
      from: 'plaster@school.example',
    });
    await expect(
      deliverNotification({ db: bed.t.db, mailer, logger: silent }, id, { isLastAttempt: false }),
    ).rejects.toThrow();
    expect((await statusOf(id)).rows[0]).toMatchObject({ status: 'queued', attempts: 1 });
    expect((await statusOf(id)).rows[0]!.last_error).toMatch(/ECONNREFUSED|connect/i);

    const back = await startMailCatcher({ port });
    try {
      expect(
        await deliverNotification({ db: bed.t.db, mailer, logger: silent }, id, {
          isLastAttempt: false,
        }),
      ).toBe('done');
    } finally {
      mailer.close();
      await back.close();
    }
    expect((await statusOf(id)).rows[0]).toMatchObject({
      status: 'sent',
      attempts: 2,
      last_error: null,
    });
    expect(back.messages().map((m) => m.to)).toEqual([['pat@visitor.example']]);
  });

  it('is marked failed, with the reason, once the retries are spent', async () => {
    const id = await queueToVisitor();
    const mailer = createMailer({
      smtpUrl: `smtp://127.0.0.1:${await freePort()}`,
      from: 'plaster@school.example',
    });
    await expect(
      deliverNotification({ db: bed.t.db, mailer, logger: silent }, id, { isLastAttempt: false }),
    ).rejects.toThrow();
    expect(
      await deliverNotification({ db: bed.t.db, mailer, logger: silent }, id, {
        isLastAttempt: true,
      }),
    ).toBe('done');
    mailer.close();
    expect((await statusOf(id)).rows[0]).toMatchObject({ status: 'failed', attempts: 2 });
    // A later duplicate job for it changes nothing.
    expect(
      await deliverNotification({ db: bed.t.db, mailer: null, logger: silent }, id, {
        isLastAttempt: true,
      }),
    ).toBe('skipped');
  });

  it('goes out with a Message-ID of its own, the same that is kept, whatever the attempt', async () => {
    const id = await queueToVisitor();
    const mailer = createMailer({ smtpUrl: catcher.url, from: 'Plaster <plaster@school.example>' });
    try {
      await deliverNotification({ db: bed.t.db, mailer, logger: silent }, id, {
        isLastAttempt: false,
      });
    } finally {
      mailer.close();
    }
    const expected = `<notification.${id}@school.example>`;
    expect(catcher.messages().map((m) => m.messageId)).toContain(expected);
    const [row] = await bed.t.db
      .select({ messageId: notifications.messageId })
      .from(notifications)
      .where(eq(notifications.id, id));
    expect(row?.messageId).toBe(expected);
  });

  it('whose send never ended is marked unknown by the sweeper and never sent again by itself', async () => {
    const id = await queueToVisitor();
    // The attempt was recorded, then the worker died (or the outcome could not be recorded).
    await bed.t.db
      .update(notifications)
      .set({ status: 'sending', attempts: 1, claimedAt: new Date(Date.now() - 11 * 60_000) })
      .where(eq(notifications.id, id));
    const handedBack: string[] = [];
    await requeueStranded({
      db: bed.t.db,
      enqueueEmail: (n) => Promise.resolve(void handedBack.push(n)),
    });
    expect(handedBack).not.toContain(id);
    expect((await statusOf(id)).rows[0]).toMatchObject({ status: 'unknown', attempts: 1 });
    const mailer = createMailer({ smtpUrl: catcher.url, from: 'plaster@school.example' });
    const before = catcher.messages().length;
    expect(
      await deliverNotification({ db: bed.t.db, mailer, logger: silent }, id, {
        isLastAttempt: false,
      }),
    ).toBe('skipped');
    mailer.close();
    expect(catcher.messages()).toHaveLength(before);

    // Shown for a person to decide: in the communication log and on Needs attention.
    const incidentId = (
      await bed.t.db
        .select({ incidentId: notifications.incidentId })
        .from(notifications)
        .where(eq(notifications.id, id))
    )[0]!.incidentId;
    const log = (
      await admin.request({ url: `/api/v1/incidents/${incidentId}/notifications` })
    ).json<{ notifications: Notification[] }>();
    expect(log.notifications[0]).toMatchObject({ status: 'unknown' });
    const attention = (await admin.request({ url: '/api/v1/attention' })).json<Attention>();
    expect(attention.emailsFailed.incidents.map((i) => i.id)).toContain(incidentId);
  });

  it('is unknown, not sent again, when the connection breaks once the message was handed over', async () => {
    const id = await queueToVisitor();
    // A mail server that takes the whole message, then drops the connection without a reply.
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData(stream) {
        stream.resume();
        stream.on('end', () => {
          for (const socket of sockets) socket.destroy();
        });
      },
    });
    const sockets = new Set<Socket>();
    server.server.on('connection', (socket: Socket) => sockets.add(socket));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.server.address() as AddressInfo;
    const mailer = createMailer({
      smtpUrl: `smtp://127.0.0.1:${port}`,
      from: 'plaster@school.example',
    });
    try {
      expect(
        await deliverNotification({ db: bed.t.db, mailer, logger: silent }, id, {
          isLastAttempt: false,
        }),
      ).toBe('done');
    } finally {
      mailer.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
    const after = (await statusOf(id)).rows[0]!;
    expect(after).toMatchObject({ status: 'unknown', attempts: 1 });
    expect(after.last_error).toMatch(/connection to the mail server broke/);
  });
});
