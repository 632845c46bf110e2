/**
 * What reaches the log, at its most talkative level: what failed and where, never the data. A
 * failed query's parameters (a password hash, a child's name), request bodies, query strings
 * and secrets stay out of every line.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signIn, unusedWonde, type Client, type TestApp } from '../../../test/app';
import { buildOrganisation, buildUser, PASSWORD } from '../../../test/factories';
import type { School } from '../../shared/api';

const WEBHOOK_SECRET = 'a-webhook-secret-nobody-should-log';

let t: TestApp;
let admin: Client;
let school: School;
let organisationId: string;

beforeAll(async () => {
  t = await createTestApp({
    logLevel: 'trace',
    wonde: { ...unusedWonde, webhookSecret: WEBHOOK_SECRET },
  });
  const built = await buildOrganisation(t.db, { schools: 1 });
  school = built.schools[0]!;
  organisationId = built.organisation.id;
  admin = await signIn(t.app, (await buildUser(t.db, built.organisation.id)).email, PASSWORD);
  // The database refuses these values, as it would refuse a value no check foresaw.
  await t.db.execute(
    sql.raw("alter table users add constraint refused_in_test check (name <> 'Refused Colleague')"),
  );
  await t.db.execute(
    sql.raw(
      "alter table incidents add constraint refused_in_test check (description <> 'Refused account')",
    ),
  );
});
afterAll(() => t.close());

/** What the app logged while `run` ran. */
async function loggedDuring(run: () => Promise<unknown>): Promise<string> {
  const before = t.logs.length;
  await run();
  return t.logs.slice(before).join('\n');
}

describe('the log', () => {
  it('keeps no parameter of a failed insert: not the password hash, not the name or email', async () => {
    let status = 0;
    const logged = await loggedDuring(async () => {
      const response = await admin.request({
        method: 'POST',
        url: '/api/v1/users',
        payload: {
          email: 'refused.colleague@school.example',
          name: 'Refused Colleague',
          role: 'reporter',
          allSchools: true,
          password: 'a password for nobody to log',
        },
      });
      status = response.statusCode;
    });
    expect(status).toBe(500);
    // What failed, and where, is there.
    expect(logged).toContain('unhandled error');
    expect(logged).toContain('Failed query');
    expect(logged).toContain('refused_in_test');
    expect(logged).toContain('23514');
    for (const secret of [
      '$argon2id$',
      'Refused Colleague',
      'refused.colleague',
      'a password for nobody to log',
    ])
      expect(logged).not.toContain(secret);
  });

  it("keeps no parameter of a failed incident: not the child's name, not the account", async () => {
    let status = 0;
    const logged = await loggedDuring(async () => {
      const response = await admin.request({
        method: 'POST',
        url: '/api/v1/incidents',
        payload: {
          schoolId: school.id,
          occurredAt: new Date(Date.now() - 60_000).toISOString(),
          locationDetail: 'Playground',
          category: 'accident_injury',
          person: { kind: 'manual', personType: 'other', name: 'Ada Childname' },
          description: 'Refused account',
          witnesses: 'Grace Witnessname',
          outcome: 'returned_to_class_or_work',
        },
      });
      status = response.statusCode;
    });
    expect(status).toBe(500);
    expect(logged).toContain('refused_in_test');
    for (const secret of ['Childname', 'Refused account', 'Witnessname', 'Playground'])
      expect(logged).not.toContain(secret);
  });

  it('keeps no query string and no webhook secret, however it was sent', async () => {
    const logged = await loggedDuring(async () => {
      await admin.request({ url: '/api/v1/people/search?q=Ada%20Lovelace' });
      await admin.request({ url: '/api/v1/incidents?q=Lovelace&yearGroup=5' });
      await t.app.inject({
        url: `/api/v1/auth/sso/${randomUUID()}/start?next=/people%3Fq%3DLovelace`,
      });
      for (const delivery of [
        { url: `/api/v1/webhooks/wonde?secret=${WEBHOOK_SECRET}` },
        { url: '/api/v1/webhooks/wonde', headers: { 'x-webhook-secret': WEBHOOK_SECRET } },
        { url: `/api/v1/webhooks/wonde?secret=${WEBHOOK_SECRET}x` },
      ])
        await t.app.inject({
          method: 'POST',
          ...delivery,
          payload: { payload_type: 'schoolApproved', school_id: 'A1234567890' },
        });
    });
    expect(logged).toContain('/api/v1/people/search?[redacted]');
    expect(logged).toContain('/api/v1/webhooks/wonde?[redacted]');
    for (const secret of ['Lovelace', 'yearGroup', 'A1234567890', WEBHOOK_SECRET])
      expect(logged).not.toContain(secret);
  });

  it('keeps no password, hash, session or CSRF token of a sign-in', async () => {
    let client: Client | undefined;
    const logged = await loggedDuring(async () => {
      client = await signIn(t.app, (await buildUser(t.db, organisationId)).email, PASSWORD);
      await client.request({ url: '/api/v1/me' });
      await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { email: 'nobody@school.example', password: 'a wrong password to keep out' },
      });
    });
    expect(logged).toContain('/api/v1/auth/login');
    const sessionId = client!.cookie.split('=')[1]!;
    for (const secret of [
      PASSWORD,
      'a wrong password to keep out',
      'nobody@school',
      '$argon2id$',
      sessionId,
      client!.csrfToken,
    ])
      expect(logged).not.toContain(secret);
  });
});

describe('request lines', () => {
  it('are one per request at info, with its status and time, and none at info when the demo asks for debug', async () => {
    for (const [requestLogLevel, expected] of [
      ['info', 1],
      ['debug', 0],
    ] as const) {
      const app = await createTestApp({ logLevel: 'info', requestLogLevel });
      try {
        const before = app.logs.length;
        const response = await app.app.inject({ method: 'GET', url: '/api/v1/me?probe=1' });
        expect(response.statusCode).toBe(401);
        const lines = app.logs
          .slice(before)
          .map((line) => JSON.parse(line) as Record<string, unknown>);
        expect(lines, requestLogLevel).toHaveLength(expected);
        if (expected === 1) {
          expect(lines[0]).toMatchObject({
            msg: 'request answered',
            statusCode: 401,
            req: { method: 'GET', url: '/api/v1/me?[redacted]' },
          });
          expect(typeof lines[0]!.ms).toBe('number');
        }
      } finally {
        await app.close();
      }
    }
  });
});
