import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { count } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestApp,
  sessionCookieOf,
  signIn,
  unusedSso,
  type Client,
} from '../../../../test/app';
import { buildOrganisation, buildUser, PASSWORD } from '../../../../test/factories';
import { startTestDns, type TestDns } from '../../../../test/dns';
import { signInThroughIdp, startTestIdp, type TestIdp } from '../../../../test/oidc';
import { freePort } from '../../../../test/ports';
import { startWondeTestbed, type WondeTestbed } from '../../../../test/wonde';
import type { AuditPage, User } from '../../../shared/api';
import type {
  SsoDomain,
  SsoDomainCheck,
  SsoDomainList,
  SsoSettings,
} from '../../../shared/sso-api';
import { sessions, ssoStates } from '../../db/schema';
import { insertSchool } from '../schools/schools.repo';
import { uniqueViolationOf } from '../../lib/errors';
import { insertSsoDomains, markSsoDomainVerified } from './sso.repo';
import { issuerOf } from './sso.service';

const PUBLIC_URL = 'http://localhost:9';
const TENANT = '0f6c1b2a-3d4e-4f50-8a6b-7c8d9e0f1a2b';
const OTHER_TENANT = '5e4d3c2b-1a09-4f8e-9d7c-6b5a4f3e2d1c';
let bed: WondeTestbed;
let idp: TestIdp;
let dns: TestDns;
let admin: Client;
let adminUser: User;
let teacher: User;
let microsoftId: string;

beforeAll(async () => {
  idp = await startTestIdp(`${PUBLIC_URL}/api/v1/auth/sso/callback`);
  dns = await startTestDns();
  // The operator's settings, never an organisation's: both providers sign in at the test IdP,
  // and domains are proved through the test DNS server.
  bed = await startWondeTestbed([{ phase: 'PRIMARY', pupils: 40 }], 'sso', {
    publicUrl: PUBLIC_URL,
    sso: {
      issuerOverrides: { microsoft: idp.issuer, google: idp.issuer },
      dnsServers: [dns.server],
    },
  });
  const { organisation } = await buildOrganisation(bed.t.db, { schools: 0 });
  adminUser = await buildUser(bed.t.db, organisation.id, { email: 'head@oakfield.sch.uk' });
  teacher = await buildUser(bed.t.db, organisation.id, {
    role: 'reporter',
    email: 'teacher@oakfield.sch.uk',
  });
  admin = await signIn(bed.t.app, adminUser.email, PASSWORD);
  const saved = await admin.request({
    method: 'PUT',
    url: '/api/v1/organisation/sso/microsoft',
    payload: {
      clientId: idp.clientId,
      clientSecret: idp.clientSecret,
      tenantId: TENANT,
      allowedDomains: ['oakfield.sch.uk'],
    },
  });
  expect(saved.statusCode, saved.body).toBe(200);
  microsoftId = saved.json<SsoSettings>().connections[0]!.id;
  await prove(admin, 'oakfield.sch.uk');
  idp.accounts.set('alice', {
    email: 'teacher@oakfield.sch.uk',
    tid: TENANT,
    name: 'Alice Teacher',
  });
});
afterAll(async () => {
  await bed.close();
  await idp.close();
  await dns.close();
});

/** The organisation's TXT record for a domain, as its admin is shown it. */
async function txtRecordFor(client: Client, domain: string): Promise<string> {
  const list = await client.request({ url: '/api/v1/organisation/sso/domains' });
  expect(list.statusCode, list.body).toBe(200);
  const found = list.json<SsoDomainList>().domains.find((d) => d.domain === domain);
  if (!found) throw new Error(`${domain} is not listed`);
  return found.txtRecord;
}

/** Adds the organisation's record to the domain's DNS beside any there, and checks it now. */
async function publishAndVerify(client: Client, domain: string) {
  dns.txt.set(domain, [...(dns.txt.get(domain) ?? []), await txtRecordFor(client, domain)]);
  return client.request({
    method: 'POST',
    url: `/api/v1/organisation/sso/domains/${domain}/verify`,
  });
}

async function prove(client: Client, domain: string): Promise<void> {
  const verified = await publishAndVerify(client, domain);
  expect(verified.statusCode, verified.body).toBe(200);
  expect(verified.json<SsoDomainCheck>()).toMatchObject({
    found: true,
    domain: { domain, status: 'verified' },
  });
}

const discover = async (email: string) =>
  (
    await bed.t.app.inject({
      url: `/api/v1/auth/sso/discover?email=${encodeURIComponent(email)}`,
    })
  ).json<{ providers: Array<{ connectionId: string }>; passwordDisabled: boolean }>();

/** An organisation of its own, with an admin signed in and Microsoft set up for the domains. */
async function organisationWithMicrosoft(domains: string[], tenantId: string) {
  const { organisation } = await buildOrganisation(bed.t.db, { schools: 0 });
  const ownerUser = await buildUser(bed.t.db, organisation.id, { email: `it@${domains[0]}` });
  const owner = await signIn(bed.t.app, ownerUser.email, PASSWORD);
  const saved = await owner.request({
    method: 'PUT',
    url: '/api/v1/organisation/sso/microsoft',
    payload: {
      clientId: idp.clientId,
      clientSecret: idp.clientSecret,
      tenantId,
      allowedDomains: domains,
      jitEnabled: true,
    },
  });
  expect(saved.statusCode, saved.body).toBe(200);
  const connectionId = saved.json<SsoSettings>().connections[0]!.id;
  const enforce = () =>
    owner.request({
      method: 'PATCH',
      url: '/api/v1/organisation/sso',
      payload: { enforced: true, breakGlassUserId: ownerUser.id },
    });
  return { organisation, owner, ownerUser, connectionId, enforce };
}

async function countRows() {
  const [states] = await bed.t.db.select({ n: count() }).from(ssoStates);
  const [open] = await bed.t.db.select({ n: count() }).from(sessions);
  return { states: states?.n ?? 0, sessions: open?.n ?? 0 };
}

const errorOf = (location: unknown) =>
  new URL(String(location), PUBLIC_URL).searchParams.get('sso_error');

describe('signing in with Microsoft', () => {
  it('gives a session for the user matched by email', async () => {
    const { callback } = await signInThroughIdp(bed.t.app, microsoftId, 'alice');
    expect(callback.statusCode).toBe(302);
    expect(callback.headers.location).toBe('/');
    const me = await bed.t.app.inject({
      url: '/api/v1/me',
      headers: { cookie: sessionCookieOf(callback) },
    });
    expect(me.json()).toMatchObject({ user: { id: teacher.id, email: 'teacher@oakfield.sch.uk' } });
  });

  it('returns to the page the user was going to', async () => {
    const back = await signInThroughIdp(bed.t.app, microsoftId, 'alice', '/incidents?status=open');
    expect(back.callback.headers.location).toBe('/incidents?status=open');
  });

  it.each([
    ['a tab', '/\t/127.0.0.1:3394/pwned'],
    ['an escaped tab', '/%09/127.0.0.1:3394/pwned'],
    ['a backslash', '/\\evil.example'],
    ['a carriage return', '/incidents\rSet-Cookie: x=1'],
    ['a line feed', '/incidents\nSet-Cookie: x=1'],
    ['two slashes', '//evil.example/x'],
    ['a slash and a backslash', '/\\evil.example/x'],
    ['an escaped slash', '/%2F/evil.example'],
    ['an absolute URL', 'https://evil.example/'],
    ['a javascript: URL', 'javascript:alert(document.domain)'],
    ['more than 500 characters', `/${'a'.repeat(600)}`],
  ])('returns to the home page for a next with %s, keeping nothing of it', async (_label, next) => {
    const before = await countRows();
    const { callback } = await signInThroughIdp(bed.t.app, microsoftId, 'alice', next);
    expect(callback.statusCode).toBe(302);
    expect(callback.headers.location).toBe('/');
    expect(sessionCookieOf(callback)).toBeTruthy();
    // One sign-in: its state (used up again) and its session, nothing more.
    expect(await countRows()).toEqual({ states: before.states, sessions: before.sessions + 1 });
  });

  it('keeps no state for a next it sends home, and none for a start it refuses', async () => {
    const before = await countRows();
    const start = await bed.t.app.inject({
      url: `/api/v1/auth/sso/${microsoftId}/start?next=/%09/127.0.0.1:3394/pwned`,
    });
    expect(start.statusCode).toBe(302);
    const [kept] = await bed.t.db.select({ nextPath: ssoStates.nextPath }).from(ssoStates);
    expect(kept).toEqual({ nextPath: null });
    expect(await countRows()).toEqual({ states: before.states + 1, sessions: before.sessions });
    await bed.t.db.delete(ssoStates);

    const unknown = await bed.t.app.inject({
      url: `/api/v1/auth/sso/${randomUUID()}/start?next=${encodeURIComponent('/incidents\r\nx')}`,
    });
    expect(unknown.statusCode).toBe(404);
    expect(await countRows()).toEqual({ states: 0, sessions: before.sessions });
  });

  it('refuses a replayed state', async () => {
    const { callback, callbackUrl } = await signInThroughIdp(bed.t.app, microsoftId, 'alice');
    expect(callback.headers.location).toBe('/');
    const replay = await bed.t.app.inject({ url: callbackUrl });
    expect(replay.statusCode).toBe(302);
    expect(errorOf(replay.headers.location)).toBe('expired');
    expect(replay.cookies.find((c) => c.name === 'plaster_session')).toBeUndefined();
  });

  it.each([
    ['another tenant', { email: 'teacher@oakfield.sch.uk', tid: OTHER_TENANT }, 'wrong_tenant'],
    ['another domain', { email: 'someone@gmail.com', tid: TENANT }, 'wrong_domain'],
    ['an unknown user', { email: 'newcomer@oakfield.sch.uk', tid: TENANT }, 'no_account'],
  ])('refuses %s with a clear reason', async (_label, claims, reason) => {
    idp.accounts.set('mallory', claims);
    const { callback } = await signInThroughIdp(bed.t.app, microsoftId, 'mallory');
    expect(callback.statusCode).toBe(302);
    expect(errorOf(callback.headers.location)).toBe(reason);
    expect(callback.cookies.find((c) => c.name === 'plaster_session')).toBeUndefined();
  });

  it('creates an unknown user just in time when the admin allows it, with the default role', async () => {
    await admin.request({
      method: 'PUT',
      url: '/api/v1/organisation/sso/microsoft',
      payload: {
        clientId: idp.clientId,
        tenantId: TENANT,
        allowedDomains: ['oakfield.sch.uk'],
        jitEnabled: true,
        jitRole: 'viewer',
      },
    });
    idp.accounts.set('newbie', {
      email: 'new.starter@oakfield.sch.uk',
      tid: TENANT,
      name: 'New Starter',
    });
    const { callback } = await signInThroughIdp(bed.t.app, microsoftId, 'newbie');
    expect(callback.headers.location).toBe('/');
    const me = await bed.t.app.inject({
      url: '/api/v1/me',
      headers: { cookie: sessionCookieOf(callback) },
    });
    expect(me.json()).toMatchObject({
      user: { email: 'new.starter@oakfield.sch.uk', role: 'viewer', name: 'New Starter' },
    });
    // Such a user has no password to sign in with.
    const password = await bed.t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: 'new.starter@oakfield.sch.uk', password: 'anything at all' },
    });
    expect(password.statusCode).toBe(401);
  });

  it('never returns the client secret', async () => {
    const settings = await admin.request({ url: '/api/v1/organisation/sso' });
    expect(settings.json<SsoSettings>().connections[0]).toMatchObject({
      hasClientSecret: true,
      clientId: idp.clientId,
    });
    expect(settings.body).not.toContain(idp.clientSecret);
    const audit = await admin.request({ url: '/api/v1/audit-events?limit=200' });
    expect(audit.body).not.toContain(idp.clientSecret);
  });
});

describe('issuers', () => {
  it('are Microsoft’s for the tenant and Google’s, unless the operator sets another', () => {
    expect(issuerOf({ provider: 'microsoft', tenantId: TENANT }, {})).toBe(
      `https://login.microsoftonline.com/${TENANT}/v2.0`,
    );
    expect(issuerOf({ provider: 'google', tenantId: null }, {})).toBe(
      'https://accounts.google.com',
    );
    expect(issuerOf({ provider: 'microsoft', tenantId: null }, {})).toBeNull();
    const overrides = { microsoft: 'http://127.0.0.1:4010' };
    expect(issuerOf({ provider: 'microsoft', tenantId: TENANT }, overrides)).toBe(
      'http://127.0.0.1:4010',
    );
    expect(issuerOf({ provider: 'google', tenantId: null }, overrides)).toBe(
      'https://accounts.google.com',
    );
  });

  it('are never an organisation’s: an issuer URL is refused, and sign-in reaches only the operator’s issuer', async () => {
    // A server of the attacker's choosing, on this machine, counting what reaches it.
    const reached: string[] = [];
    const trap = createServer((request, response) => {
      reached.push(request.url ?? '');
      response.writeHead(404).end();
    });
    await new Promise<void>((resolve) => trap.listen(0, '127.0.0.1', resolve));
    const trapUrl = `http://127.0.0.1:${(trap.address() as AddressInfo).port}`;
    try {
      for (const issuerUrl of [trapUrl, 'https://login.microsoftonline.com/x/v2.0', null]) {
        const refused = await admin.request({
          method: 'PUT',
          url: '/api/v1/organisation/sso/microsoft',
          payload: {
            clientId: idp.clientId,
            tenantId: TENANT,
            allowedDomains: ['oakfield.sch.uk'],
            issuerUrl,
          },
        });
        expect(refused.statusCode).toBe(400);
        expect(refused.json()).toMatchObject({ error: { code: 'validation' } });
      }
      const settings = await admin.request({ url: '/api/v1/organisation/sso' });
      expect(settings.body).not.toContain(trapUrl);
      expect(settings.json<SsoSettings>().connections[0]).not.toHaveProperty('issuerUrl');

      const start = await bed.t.app.inject({ url: `/api/v1/auth/sso/${microsoftId}/start` });
      expect(new URL(String(start.headers.location)).origin).toBe(idp.issuer);
      const { callback } = await signInThroughIdp(bed.t.app, microsoftId, 'alice');
      expect(callback.headers.location).toBe('/');
      expect(reached).toEqual([]);
    } finally {
      await new Promise((resolve) => trap.close(resolve));
    }
  });

  it('answers 502 with a clear message when the issuer cannot be reached, keeping no state', async () => {
    const t = await createTestApp({
      sso: { ...unusedSso, issuerOverrides: { microsoft: `http://127.0.0.1:${await freePort()}` } },
    });
    try {
      const { organisation } = await buildOrganisation(t.db, { schools: 0 });
      const owner = await signIn(t.app, (await buildUser(t.db, organisation.id)).email, PASSWORD);
      const saved = await owner.request({
        method: 'PUT',
        url: '/api/v1/organisation/sso/microsoft',
        payload: { clientId: 'client', clientSecret: 'secret', tenantId: TENANT },
      });
      expect(saved.statusCode, saved.body).toBe(200);
      const id = saved.json<SsoSettings>().connections[0]!.id;
      const start = await t.app.inject({ url: `/api/v1/auth/sso/${id}/start` });
      expect(start.statusCode).toBe(502);
      expect(start.json()).toMatchObject({
        error: {
          code: 'upstream_failed',
          message: expect.stringContaining('Microsoft sign-in is not available just now'),
        },
      });
      const [states] = await t.db.select({ n: count() }).from(ssoStates);
      expect(states?.n).toBe(0);
    } finally {
      await t.close();
    }
  });
});

describe('signing in with Google', () => {
  it('checks the Workspace domain and a verified email', async () => {
    const saved = await admin.request({
      method: 'PUT',
      url: '/api/v1/organisation/sso/google',
      payload: {
        clientId: idp.clientId,
        clientSecret: idp.clientSecret,
        allowedDomains: ['oakfield.sch.uk'],
      },
    });
    expect(saved.statusCode, saved.body).toBe(200);
    const googleId = saved.json<SsoSettings>().connections.find((c) => c.provider === 'google')!.id;
    const cases: Array<[Record<string, unknown>, string | null]> = [
      [{ email: 'teacher@oakfield.sch.uk', email_verified: true, hd: 'oakfield.sch.uk' }, null],
      [{ email: 'teacher@oakfield.sch.uk', email_verified: true }, 'wrong_domain'],
      [
        { email: 'teacher@oakfield.sch.uk', email_verified: false, hd: 'oakfield.sch.uk' },
        'unverified_email',
      ],
    ];
    for (const [claims, reason] of cases) {
      idp.accounts.set('gina', claims);
      const { callback } = await signInThroughIdp(bed.t.app, googleId, 'gina');
      expect(errorOf(callback.headers.location), JSON.stringify(claims)).toBe(reason);
      expect(callback.headers.location).toBe(reason ? `/sign-in?sso_error=${reason}` : '/');
    }
  });
});

describe('enforcing SSO', () => {
  it('needs an active admin as break-glass, then refuses password sign-in to everyone else', async () => {
    const without = await admin.request({
      method: 'PATCH',
      url: '/api/v1/organisation/sso',
      payload: { enforced: true },
    });
    expect(without.statusCode).toBe(400);
    expect(without.json()).toMatchObject({ error: { details: [{ path: 'breakGlassUserId' }] } });

    const enforced = await admin.request({
      method: 'PATCH',
      url: '/api/v1/organisation/sso',
      payload: { enforced: true, breakGlassUserId: adminUser.id },
    });
    expect(enforced.statusCode, enforced.body).toBe(200);

    const discover = await bed.t.app.inject({
      url: '/api/v1/auth/sso/discover?email=teacher@oakfield.sch.uk',
    });
    expect(discover.json()).toMatchObject({
      providers: expect.arrayContaining([
        { connectionId: microsoftId, provider: 'microsoft', label: 'Sign in with Microsoft' },
      ]),
      passwordDisabled: true,
    });

    const byPassword = await bed.t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: teacher.email, password: PASSWORD },
    });
    expect(byPassword.statusCode).toBe(403);
    expect(byPassword.json()).toMatchObject({
      error: { message: expect.stringContaining('single sign-on') },
    });
    await expect(signIn(bed.t.app, adminUser.email, PASSWORD)).resolves.toBeTruthy();
    // The break-glass admin cannot be demoted or deactivated while SSO is required.
    const demote = await admin.request({
      method: 'PATCH',
      url: `/api/v1/users/${adminUser.id}`,
      payload: { role: 'manager' },
    });
    expect(demote.statusCode).toBe(409);
    // SSO itself still works.
    const { callback } = await signInThroughIdp(bed.t.app, microsoftId, 'alice');
    expect(callback.headers.location).toBe('/');
  });
});

describe('domains', () => {
  it('route nobody until proved: no button, no password form hidden, no sign-in, no account made', async () => {
    // Kestrel requires single sign-on, which needs one proved domain: kestrel.sch.uk. Its other
    // domain, kestrel.example, is not proved yet.
    const kestrel = await organisationWithMicrosoft(
      ['kestrel.sch.uk', 'kestrel.example'],
      OTHER_TENANT,
    );
    const early = await kestrel.enforce();
    expect(early.statusCode).toBe(409);
    expect(early.json()).toMatchObject({
      error: { message: expect.stringContaining('Prove one of the domains') },
    });
    await prove(kestrel.owner, 'kestrel.sch.uk');
    const enforced = await kestrel.enforce();
    expect(enforced.statusCode, enforced.body).toBe(200);
    expect((await discover('head@kestrel.sch.uk')).passwordDisabled).toBe(true);

    const teacherK = await buildUser(bed.t.db, kestrel.organisation.id, {
      role: 'reporter',
      email: 'teacher@kestrel.example',
    });
    idp.accounts.set('kestrel-teacher', { email: teacherK.email, tid: OTHER_TENANT });
    idp.accounts.set('kestrel-newcomer', { email: 'newcomer@kestrel.example', tid: OTHER_TENANT });
    const listed = await kestrel.owner.request({ url: '/api/v1/organisation/sso/domains' });
    expect(listed.json<SsoDomainList>().domains).toEqual([
      {
        domain: 'kestrel.example',
        txtRecord: expect.stringMatching(/^plaster-verification=[A-Za-z0-9_-]{24}$/),
        status: 'pending',
        verifiedAt: null,
        createdAt: expect.any(String),
      },
      expect.objectContaining({ domain: 'kestrel.sch.uk', status: 'verified' }),
    ]);

    const unproved = async () => {
      expect(await discover(teacherK.email)).toEqual({ providers: [], passwordDisabled: false });
      for (const subject of ['kestrel-teacher', 'kestrel-newcomer']) {
        const { callback } = await signInThroughIdp(bed.t.app, kestrel.connectionId, subject);
        expect(errorOf(callback.headers.location)).toBe('unverified_domain');
        expect(callback.cookies.find((c) => c.name === 'plaster_session')).toBeUndefined();
      }
      const users = await kestrel.owner.request({ url: '/api/v1/users' });
      expect(users.body).not.toContain('newcomer@kestrel.example');
    };
    await unproved();

    // A TXT record with another value proves nothing.
    dns.txt.set('kestrel.example', ['plaster-verification=not-the-token', 'v=spf1 -all']);
    const wrong = await kestrel.owner.request({
      method: 'POST',
      url: '/api/v1/organisation/sso/domains/kestrel.example/verify',
    });
    expect(wrong.statusCode, wrong.body).toBe(200);
    expect(wrong.json<SsoDomainCheck>()).toMatchObject({
      found: false,
      domain: { status: 'pending', verifiedAt: null },
    });
    await unproved();

    // With the organisation's own record the domain is proved, and routes to it.
    await prove(kestrel.owner, 'kestrel.example');
    expect(await discover(teacherK.email)).toEqual({
      providers: [
        {
          connectionId: kestrel.connectionId,
          provider: 'microsoft',
          label: 'Sign in with Microsoft',
        },
      ],
      passwordDisabled: true,
    });
    const matched = await signInThroughIdp(bed.t.app, kestrel.connectionId, 'kestrel-teacher');
    expect(matched.callback.headers.location).toBe('/');
    const me = await bed.t.app.inject({
      url: '/api/v1/me',
      headers: { cookie: sessionCookieOf(matched.callback) },
    });
    expect(me.json()).toMatchObject({ user: { id: teacherK.id } });
    const created = await signInThroughIdp(bed.t.app, kestrel.connectionId, 'kestrel-newcomer');
    expect(created.callback.headers.location).toBe('/');

    // Checking again keeps it verified; the audit log has both steps.
    const again = await kestrel.owner.request({
      method: 'POST',
      url: '/api/v1/organisation/sso/domains/kestrel.example/verify',
    });
    expect(again.json<SsoDomainCheck>()).toMatchObject({
      found: true,
      domain: { status: 'verified' },
    });
    const audit = await kestrel.owner.request({ url: '/api/v1/audit-events?limit=200' });
    const actions = audit.json<AuditPage>().events.map((e) => `${e.action} ${e.targetId}`);
    expect(actions).toEqual(
      expect.arrayContaining([
        'sso.domain_added kestrel.example',
        'sso.domain_verified kestrel.example',
      ]),
    );
  });

  it('claimed by another organisation change nothing for the organisation that proved them', async () => {
    const mallory = await organisationWithMicrosoft(['mallory.example'], OTHER_TENANT);
    await prove(mallory.owner, 'mallory.example');
    expect((await mallory.enforce()).statusCode).toBe(200);
    // Saving another organisation's domain is allowed: it routes no one.
    const claimed = await mallory.owner.request({
      method: 'PUT',
      url: '/api/v1/organisation/sso/microsoft',
      payload: {
        clientId: idp.clientId,
        tenantId: OTHER_TENANT,
        allowedDomains: ['mallory.example', 'oakfield.sch.uk'],
        jitEnabled: true,
      },
    });
    expect(claimed.statusCode, claimed.body).toBe(200);
    const offered = await discover(teacher.email);
    expect(offered.providers.map((p) => p.connectionId)).not.toContain(mallory.connectionId);
    expect(offered.providers.map((p) => p.connectionId)).toContain(microsoftId);

    // Mallory's provider vouching for Oakfield's teacher: refused.
    idp.accounts.set('mallory-as-teacher', { email: teacher.email, tid: OTHER_TENANT });
    const { callback } = await signInThroughIdp(
      bed.t.app,
      mallory.connectionId,
      'mallory-as-teacher',
    );
    expect(errorOf(callback.headers.location)).toBe('unverified_domain');

    // Even with its record in the domain's DNS, Mallory cannot verify a domain Oakfield has.
    const taken = await publishAndVerify(mallory.owner, 'oakfield.sch.uk');
    expect(taken.statusCode).toBe(409);
    const me = (await admin.request({ url: '/api/v1/me' })).json<{
      organisation: { id: string; name: string };
    }>();
    expect(taken.json()).toMatchObject({
      error: {
        code: 'conflict',
        message: expect.stringContaining('Another organisation has already proved'),
      },
    });
    expect(taken.body).not.toContain(me.organisation.name);
    expect(taken.body).not.toContain(me.organisation.id);
    const mallorys = await mallory.owner.request({ url: '/api/v1/organisation/sso/domains' });
    expect(mallorys.json<SsoDomainList>().domains).toEqual([
      expect.objectContaining({ domain: 'mallory.example', status: 'verified' }),
      expect.objectContaining({ domain: 'oakfield.sch.uk', status: 'pending' }),
    ]);

    // Oakfield still saves its own domain, and its teacher still signs in.
    const resaved = await admin.request({
      method: 'PUT',
      url: '/api/v1/organisation/sso/microsoft',
      payload: { clientId: idp.clientId, tenantId: TENANT, allowedDomains: ['oakfield.sch.uk'] },
    });
    expect(resaved.statusCode, resaved.body).toBe(200);
    const alice = await signInThroughIdp(bed.t.app, microsoftId, 'alice');
    expect(alice.callback.headers.location).toBe('/');
  });

  it('are added, listed once, checked and removed by an admin; a DNS failure is a 502', async () => {
    const add = (domain: string) =>
      admin.request({
        method: 'POST',
        url: '/api/v1/organisation/sso/domains',
        payload: { domain },
      });
    const added = await add(' Staff.Oakfield.Example ');
    expect(added.statusCode, added.body).toBe(201);
    expect(added.json<SsoDomain>()).toMatchObject({
      domain: 'staff.oakfield.example',
      status: 'pending',
    });
    expect((await add('staff.oakfield.example')).statusCode).toBe(409);
    const bad = await add('not a domain');
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ error: { details: [{ path: 'domain' }] } });

    dns.failing.add('staff.oakfield.example');
    const failed = await admin.request({
      method: 'POST',
      url: '/api/v1/organisation/sso/domains/staff.oakfield.example/verify',
    });
    expect(failed.statusCode).toBe(502);
    expect(failed.json()).toMatchObject({
      error: { code: 'upstream_failed', message: expect.stringContaining('DNS records') },
    });
    dns.failing.delete('staff.oakfield.example');
    const missing = await admin.request({
      method: 'POST',
      url: '/api/v1/organisation/sso/domains/nowhere.oakfield.example/verify',
    });
    expect(missing.statusCode).toBe(404);

    const removed = await admin.request({
      method: 'DELETE',
      url: '/api/v1/organisation/sso/domains/staff.oakfield.example',
    });
    expect(removed.statusCode).toBe(204);
    const list = await admin.request({ url: '/api/v1/organisation/sso/domains' });
    expect(list.json<SsoDomainList>().domains.map((d) => d.domain)).toEqual(['oakfield.sch.uk']);
    const again = await admin.request({
      method: 'DELETE',
      url: '/api/v1/organisation/sso/domains/staff.oakfield.example',
    });
    expect(again.statusCode).toBe(404);
  });

  it('verified are one organisation’s each: the database refuses a second, however it is reached', async () => {
    const owners = await Promise.all([
      buildOrganisation(bed.t.db, { schools: 0 }),
      buildOrganisation(bed.t.db, { schools: 0 }),
    ]);
    const rows = [];
    for (const { organisation } of owners) {
      const [row] = await insertSsoDomains(bed.t.db, organisation.id, [
        { domain: 'osprey.example', token: randomUUID() },
      ]);
      rows.push(row!);
    }
    await markSsoDomainVerified(bed.t.db, rows[0]!.id, new Date());
    const error = await markSsoDomainVerified(bed.t.db, rows[1]!.id, new Date()).catch(
      (e: unknown) => e,
    );
    expect(uniqueViolationOf(error)).toBe('sso_domains_verified_domain_key');
  });

  it('removed, route nobody again', async () => {
    const heron = await organisationWithMicrosoft(['heron.example'], OTHER_TENANT);
    await prove(heron.owner, 'heron.example');
    expect((await discover('someone@heron.example')).providers).toHaveLength(1);
    const removed = await heron.owner.request({
      method: 'DELETE',
      url: '/api/v1/organisation/sso/domains/heron.example',
    });
    expect(removed.statusCode).toBe(204);
    expect(await discover('someone@heron.example')).toEqual({
      providers: [],
      passwordDisabled: false,
    });
  });
});

describe('independence from Wonde', () => {
  it('leaves SSO settings and users unchanged when a school connects to Wonde and disconnects', async () => {
    const snapshot = async () => ({
      sso: (await admin.request({ url: '/api/v1/organisation/sso' })).json<SsoSettings>(),
      users: (await admin.request({ url: '/api/v1/users' }))
        .json<{ users: User[] }>()
        .users.map(({ lastSignInAt: _at, ...user }) => user),
    });
    const before = await snapshot();
    const me = (await admin.request({ url: '/api/v1/me' })).json<{
      organisation: { id: string };
    }>();
    const simSchool = bed.sim.schools[0]!;
    const school = await insertSchool(bed.t.db, {
      organisationId: me.organisation.id,
      name: simSchool.name,
      urn: String(simSchool.urn),
      wondeSchoolId: null,
    });
    const connect = await admin.request({
      method: 'POST',
      url: `/api/v1/schools/${school.id}/wonde/connect`,
      payload: { urn: String(simSchool.urn) },
    });
    expect(connect.statusCode).toBe(200);
    await bed.sim.controls.approveSchool(simSchool.id);
    expect(await snapshot()).toEqual(before);
    expect(
      (await admin.request({ method: 'DELETE', url: `/api/v1/schools/${school.id}/wonde` }))
        .statusCode,
    ).toBe(204);
    expect(await snapshot()).toEqual(before);
  });
});
