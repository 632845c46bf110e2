import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestApp, sessionCookieOf, signIn, type TestApp } from '../../../../test/app';
import { buildOrganisation, buildUser, PASSWORD } from '../../../../test/factories';
import { and, eq } from 'drizzle-orm';
import { auditEvents } from '../../db/schema';
import * as password from './password';
import { SIGN_IN_LIMITS } from './sign-in-limits';

let t: TestApp;
let orgId: string;

beforeAll(async () => {
  t = await createTestApp();
  orgId = (await buildOrganisation(t.db)).organisation.id;
});
afterAll(() => t.close());
afterEach(() => vi.useRealTimers());

const login = (email: string, password: string, remoteAddress = '127.0.0.1') =>
  t.app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { email, password },
    remoteAddress,
  });

describe('sign-in', () => {
  it('signs in with the right password and sets an httpOnly, SameSite=Lax session cookie', async () => {
    const user = await buildUser(t.db, orgId, { role: 'reporter' });
    const response = await login(user.email.toUpperCase(), PASSWORD);
    expect(response.statusCode).toBe(200);
    const body = response.json<{ user: { email: string }; csrfToken: string }>();
    expect(body.user.email).toBe(user.email);
    expect(body.csrfToken).toMatch(/^[\w-]{40,}$/);

    const cookie = response.cookies.find((c) => c.name === 'plaster_session');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    expect(cookie?.secure).toBeFalsy();

    const me = await t.app.inject({
      url: '/api/v1/me',
      headers: { cookie: sessionCookieOf(response) },
    });
    expect(me.statusCode).toBe(200);
    expect(me.json<{ user: { id: string } }>().user.id).toBe(user.id);
  });

  it('gives an unknown email and a wrong password the same 401', async () => {
    const user = await buildUser(t.db, orgId);
    const unknown = await login('nobody@school.example', PASSWORD, '10.0.0.1');
    const wrong = await login(user.email, 'not the password', '10.0.0.2');
    expect(unknown.statusCode).toBe(401);
    expect(wrong.statusCode).toBe(401);
    expect(unknown.body).toBe(wrong.body);
    expect(unknown.json()).toEqual({
      error: { code: 'unauthenticated', message: 'Email or password is incorrect.' },
    });
  });

  it('refuses a deactivated user with the same 401', async () => {
    const admin = await signIn(t.app, (await buildUser(t.db, orgId)).email, PASSWORD);
    const user = await buildUser(t.db, orgId, { role: 'viewer' });
    await admin.request({
      method: 'PATCH',
      url: `/api/v1/users/${user.id}`,
      payload: { active: false },
    });
    const response = await login(user.email, PASSWORD, '10.0.0.3');
    expect(response.statusCode).toBe(401);
    expect(response.json()).toMatchObject({
      error: { message: 'Email or password is incorrect.' },
    });
  });

  it('rate limits repeated failures for one account, even with the right password after', async () => {
    const user = await buildUser(t.db, orgId);
    for (let i = 0; i < SIGN_IN_LIMITS.perAccount; i++) {
      expect((await login(user.email, `wrong ${i}`, `10.1.0.${i}`)).statusCode).toBe(401);
    }
    const limited = await login(user.email, PASSWORD, '10.1.1.1');
    expect(limited.statusCode).toBe(429);
    expect(limited.json()).toMatchObject({ error: { code: 'rate_limited' } });
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('rate limits repeated failures from one address across accounts', async () => {
    for (let i = 0; i < SIGN_IN_LIMITS.perAddress; i++) {
      expect((await login(`guess-${i}@school.example`, 'wrong', '10.2.0.1')).statusCode).toBe(401);
    }
    const user = await buildUser(t.db, orgId);
    expect((await login(user.email, PASSWORD, '10.2.0.1')).statusCode).toBe(429);
    // Another address is not affected.
    expect((await login(user.email, PASSWORD, '10.2.0.2')).statusCode).toBe(200);
  });

  it('checks at most the limit of 40 wrong passwords sent at once, and then refuses the right one', async () => {
    const user = await buildUser(t.db, orgId);
    const verify = vi.spyOn(password, 'verifyPassword');
    const answers = await Promise.all(
      Array.from({ length: 40 }, (_, i) => login(user.email, `wrong guess ${i}`, '10.5.0.1')),
    );
    const checked = verify.mock.calls.length;
    verify.mockRestore();
    const statuses = answers.map((a) => a.statusCode);
    expect(checked).toBeLessThanOrEqual(SIGN_IN_LIMITS.perAccount);
    expect(statuses.filter((s) => s === 401)).toHaveLength(checked);
    expect(statuses.filter((s) => s === 429)).toHaveLength(40 - checked);
    // Each check that failed is on record, and no more.
    const failed = await t.db
      .select({ id: auditEvents.id })
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'auth.sign_in_failed'), eq(auditEvents.targetId, user.id)));
    expect(failed).toHaveLength(checked);
    expect((await login(user.email, PASSWORD, '10.5.0.1')).statusCode).toBe(429);
    expect((await login(user.email, PASSWORD, '10.5.0.2')).statusCode).toBe(429);
  });

  it('holds back an address past its limit for minutes, and never those who signed in from it lately', async () => {
    const regular = await buildUser(t.db, orgId);
    const newcomer = await buildUser(t.db, orgId);
    expect((await login(regular.email, PASSWORD, '10.6.0.1')).statusCode).toBe(200);
    for (let i = 0; i < SIGN_IN_LIMITS.perAddress; i++) {
      expect((await login(`mistyped-${i}@school.example`, 'wrong', '10.6.0.1')).statusCode).toBe(
        401,
      );
    }
    const held = await login(newcomer.email, PASSWORD, '10.6.0.1');
    expect(held.statusCode).toBe(429);
    expect(Number(held.headers['retry-after'])).toBeLessThanOrEqual(
      SIGN_IN_LIMITS.addressWindowMinutes * 60,
    );
    expect((await login(regular.email, PASSWORD, '10.6.0.1')).statusCode).toBe(200);

    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() + (SIGN_IN_LIMITS.addressWindowMinutes * 60 + 1) * 1000);
    expect((await login(newcomer.email, PASSWORD, '10.6.0.1')).statusCode).toBe(200);
  });

  it('names the problem in a malformed or incomplete body with a 400', async () => {
    const malformed = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: '{"email": "a@b.example", "password": ',
    });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json()).toMatchObject({
      error: { code: 'validation', message: expect.stringContaining('not valid JSON') },
    });

    const missing = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: 'a@b.example' },
    });
    expect(missing.statusCode).toBe(400);
    expect(missing.json()).toMatchObject({
      error: { code: 'validation', details: [{ path: 'password', message: 'is required' }] },
    });
  });
});

describe('sessions', () => {
  it('refuses an unsafe request without the CSRF token, and accepts it with the token', async () => {
    const user = await buildUser(t.db, orgId);
    const client = await signIn(t.app, user.email, PASSWORD);
    const payload = { name: 'Renamed Trust' };

    const none = await t.app.inject({
      method: 'PATCH',
      url: '/api/v1/organisation',
      headers: { cookie: client.cookie },
      payload,
    });
    expect(none.statusCode).toBe(403);
    expect(none.json()).toMatchObject({
      error: { code: 'forbidden', message: expect.stringContaining('CSRF') },
    });

    const wrong = await client.request({
      method: 'PATCH',
      url: '/api/v1/organisation',
      headers: { 'x-csrf-token': 'x'.repeat(43) },
      payload,
    });
    expect(wrong.statusCode).toBe(403);

    const right = await client.request({ method: 'PATCH', url: '/api/v1/organisation', payload });
    expect(right.statusCode).toBe(200);
  });

  it('signs out: the session stops working and the cookie is cleared', async () => {
    const user = await buildUser(t.db, orgId);
    const client = await signIn(t.app, user.email, PASSWORD);
    const out = await client.request({ method: 'POST', url: '/api/v1/auth/logout' });
    expect(out.statusCode).toBe(204);
    expect(out.cookies.find((c) => c.name === 'plaster_session')?.value).toBe('');
    expect((await client.request({ url: '/api/v1/me' })).statusCode).toBe(401);
  });

  it("ends a deactivated user's session at once", async () => {
    const admin = await signIn(t.app, (await buildUser(t.db, orgId)).email, PASSWORD);
    const user = await buildUser(t.db, orgId, { role: 'reporter' });
    const client = await signIn(t.app, user.email, PASSWORD);
    expect((await client.request({ url: '/api/v1/me' })).statusCode).toBe(200);

    const off = await admin.request({
      method: 'PATCH',
      url: `/api/v1/users/${user.id}`,
      payload: { active: false },
    });
    expect(off.statusCode).toBe(200);
    expect((await client.request({ url: '/api/v1/me' })).statusCode).toBe(401);
    expect((await client.request({ url: '/api/v1/schools' })).statusCode).toBe(401);
  });

  it('expires a session left idle, and one past its absolute lifetime however active', async () => {
    const user = await buildUser(t.db, orgId);
    const idle = await signIn(t.app, user.email, PASSWORD);
    const busy = await signIn(t.app, user.email, PASSWORD);
    const start = Date.now();
    vi.useFakeTimers({ toFake: ['Date'] });

    // Active every 50 minutes: within the 60-minute idle limit.
    for (let minutes = 50; minutes <= 650; minutes += 50) {
      vi.setSystemTime(start + minutes * 60_000);
      expect((await busy.request({ url: '/api/v1/me' })).statusCode).toBe(200);
    }
    // The idle session has not been used for hours.
    expect((await idle.request({ url: '/api/v1/me' })).statusCode).toBe(401);

    // Past twelve hours the busy one ends too.
    vi.setSystemTime(start + (12 * 60 + 10) * 60_000);
    expect((await busy.request({ url: '/api/v1/me' })).statusCode).toBe(401);
  });

  it('marks the cookie Secure, with the __Host- prefix, when served over https', async () => {
    const secure = await createTestApp({ secureCookies: true });
    try {
      const { organisation } = await buildOrganisation(secure.db);
      const user = await buildUser(secure.db, organisation.id);
      const response = await secure.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { email: user.email, password: PASSWORD },
      });
      const cookie = response.cookies.find((c) => c.name === '__Host-plaster_session');
      expect(cookie).toMatchObject({ secure: true, httpOnly: true, sameSite: 'Lax', path: '/' });
    } finally {
      await secure.close();
    }
  });

  it('changes the own password: the old one stops working and other sessions end', async () => {
    const user = await buildUser(t.db, orgId);
    const here = await signIn(t.app, user.email, PASSWORD);
    const elsewhere = await signIn(t.app, user.email, PASSWORD);

    const weak = await here.request({
      method: 'POST',
      url: '/api/v1/me/password',
      payload: { currentPassword: PASSWORD, newPassword: 'short' },
    });
    expect(weak.statusCode).toBe(400);
    expect(weak.json()).toMatchObject({ error: { details: [{ path: 'newPassword' }] } });

    const changed = await here.request({
      method: 'POST',
      url: '/api/v1/me/password',
      payload: { currentPassword: PASSWORD, newPassword: 'a much longer passphrase' },
    });
    expect(changed.statusCode).toBe(204);
    expect((await here.request({ url: '/api/v1/me' })).statusCode).toBe(200);
    expect((await elsewhere.request({ url: '/api/v1/me' })).statusCode).toBe(401);
    expect((await login(user.email, PASSWORD, '10.3.0.1')).statusCode).toBe(401);
    expect((await login(user.email, 'a much longer passphrase', '10.3.0.1')).statusCode).toBe(200);
  });
});

describe('logging', () => {
  it('writes no password, session id, CSRF token or password hash to the log', async () => {
    const user = await buildUser(t.db, orgId, { password: 'a secret nobody should log' });
    const before = t.logs.length;
    await login(user.email, 'a wrong secret for the log', '10.4.0.1');
    const client = await signIn(t.app, user.email, 'a secret nobody should log');
    await client.request({ url: '/api/v1/me' });
    await client.request({ method: 'POST', url: '/api/v1/auth/logout' });

    const logged = t.logs.slice(before).join('\n');
    expect(logged).toContain('/api/v1/auth/login'); // the capture works
    const sessionId = client.cookie.split('=')[1] ?? '';
    expect(sessionId.length).toBeGreaterThan(20);
    for (const secret of [
      'a secret nobody should log',
      'a wrong secret for the log',
      sessionId,
      client.csrfToken,
      '$argon2id$',
    ]) {
      expect(logged).not.toContain(secret);
    }
  });
});
