/**
 * Every route of the API, tried by every kind of caller against a subject in each place: the
 * caller's own school, another school of the same trust, and another trust. The expected status
 * of each cell is written out below, one row per route; a route in the OpenAPI document without a
 * row (or a row without a route) fails the test, so a new route cannot go untried.
 *
 * Callers: no session; a viewer, reporter, manager and admin of school A1 only; and an admin of
 * the whole trust (A1 and A2). The places: A1, A2 (same trust), B1 (another trust).
 */
import { randomUUID } from 'node:crypto';
import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signIn, type Client, type TestApp } from '../../../test/app';
import { startTestDns, type TestDns } from '../../../test/dns';
import { buildOrganisation, buildPeople, buildUser, PASSWORD } from '../../../test/factories';
import type { Incident } from '../../shared/incidents-api';
import { insertSyncRun } from '../features/wonde/wonde.repo';

const CALLERS = ['none', 'viewer', 'reporter', 'manager', 'admin', 'trustAdmin'] as const;
type Caller = (typeof CALLERS)[number];
const PLACES = ['own', 'sameTrust', 'otherTrust'] as const;
type Place = (typeof PLACES)[number];

/** What one place holds: a school and one of each thing a route can name. */
type Subject = {
  schoolId: string;
  incidentId: string;
  locationId: string;
  personId: string;
  userId: string;
  syncRunId: string;
  /** An email domain that place's organisation lists for single sign-on (not yet proved). */
  domain: string;
  /** An admin of that place's whole organisation, to read the subject's current state. */
  owner: Client;
};

type Request = Omit<InjectOptions, 'method'> & { method?: InjectOptions['method']; url: string };
type Build = (subject: Subject) => Request | Promise<Request>;

/** Statuses for [own school, another school of the trust, another trust]. */
type ByPlace = readonly [number, number, number];
type Expected = { [C in Exclude<Caller, 'none'>]: ByPlace } & { none: number };

type Row = {
  request: Build;
  expected: Expected;
  /** Sign in afresh for each call: the route ends the session it is called with. */
  freshSession?: true;
};

// The usual shapes of a row's expectations.
const all = (status: number): ByPlace => [status, status, status];
/** Readable in the caller's schools: A1 for the school's users, A1 and A2 for the trust admin. */
const schoolRead = (ok: number): Expected => ({
  none: 401,
  viewer: [ok, 404, 404],
  reporter: [ok, 404, 404],
  manager: [ok, 404, 404],
  admin: [ok, 404, 404],
  trustAdmin: [ok, ok, 404],
});
/** Allowed to some roles only; the rest are refused before anything is looked up. */
const forRoles = (
  ok: number,
  roles: ReadonlyArray<Exclude<Caller, 'none'>>,
  outside = 404,
): Expected => {
  const cells = (caller: Exclude<Caller, 'none'>, trustWide: boolean): ByPlace =>
    roles.includes(caller) ? [ok, trustWide ? ok : outside, outside] : all(403);
  return {
    none: 401,
    viewer: cells('viewer', false),
    reporter: cells('reporter', false),
    manager: cells('manager', false),
    admin: cells('admin', false),
    trustAdmin: cells('trustAdmin', true),
  };
};
/** The same answer wherever the subject is (the route names none). */
const everywhere = (none: number, byCaller: Partial<Record<Exclude<Caller, 'none'>, number>>) => {
  const get = (c: Exclude<Caller, 'none'>) => all(byCaller[c] ?? 403);
  return {
    none,
    viewer: get('viewer'),
    reporter: get('reporter'),
    manager: get('manager'),
    admin: get('admin'),
    trustAdmin: get('trustAdmin'),
  };
};
const STAFF = ['reporter', 'manager', 'admin', 'trustAdmin'] as const;
const MANAGERS = ['manager', 'admin', 'trustAdmin'] as const;
const ADMINS = ['admin', 'trustAdmin'] as const;
const signedIn = (status: number) =>
  everywhere(401, {
    viewer: status,
    reporter: status,
    manager: status,
    admin: status,
    trustAdmin: status,
  });

const unique = () => randomUUID().slice(0, 8);
const versionOf = async (subject: Subject) =>
  (
    await subject.owner.request({ url: `/api/v1/incidents/${subject.incidentId}` })
  ).json<Incident>();

const ROWS: Record<string, Row> = {
  // For those who run Plaster: no sign-in, nothing of any school (operations.test.ts).
  'GET /healthz': {
    request: () => ({ url: '/healthz' }),
    expected: { ...signedIn(200), none: 200 },
  },
  'GET /readyz': { request: () => ({ url: '/readyz' }), expected: { ...signedIn(200), none: 200 } },
  // Signing in and out: no subject.
  'POST /api/v1/auth/login': {
    request: () => ({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: loginUser.email, password: PASSWORD },
    }),
    expected: { ...signedIn(200), none: 200 },
  },
  'POST /api/v1/auth/logout': {
    request: () => ({ method: 'POST', url: '/api/v1/auth/logout' }),
    expected: signedIn(204),
    freshSession: true,
  },
  'GET /api/v1/auth/sso/discover': {
    request: () => ({ url: '/api/v1/auth/sso/discover?email=someone@nowhere.example' }),
    expected: { ...signedIn(200), none: 200 },
  },
  'GET /api/v1/auth/sso/{connectionId}/start': {
    request: () => ({ url: `/api/v1/auth/sso/${randomUUID()}/start` }),
    expected: { ...signedIn(404), none: 404 },
  },
  'GET /api/v1/auth/sso/callback': {
    // No state: sent back to the sign-in page with a message, whoever asks.
    request: () => ({ url: '/api/v1/auth/sso/callback' }),
    expected: { ...signedIn(302), none: 302 },
  },
  'POST /api/v1/webhooks/wonde': {
    request: () => ({
      method: 'POST',
      url: '/api/v1/webhooks/wonde?secret=wrong',
      payload: { payload_type: 'schoolApproved', school_id: 'A1', school_token: 'x' },
    }),
    expected: { ...signedIn(401), none: 401 },
  },
  'GET /api/v1/me': { request: () => ({ url: '/api/v1/me' }), expected: signedIn(200) },
  'POST /api/v1/me/password': {
    request: () => ({
      method: 'POST',
      url: '/api/v1/me/password',
      payload: { currentPassword: 'not the password', newPassword: 'a new long passphrase' },
    }),
    expected: signedIn(400),
  },

  // The organisation's own settings: for admins of the whole organisation.
  'GET /api/v1/organisation': {
    request: () => ({ url: '/api/v1/organisation' }),
    expected: signedIn(200),
  },
  'PATCH /api/v1/organisation': {
    request: () => ({
      method: 'PATCH',
      url: '/api/v1/organisation',
      payload: { repeatThreshold: 3 },
    }),
    expected: everywhere(401, { trustAdmin: 200 }),
  },
  'GET /api/v1/organisation/sso': {
    request: () => ({ url: '/api/v1/organisation/sso' }),
    expected: everywhere(401, { trustAdmin: 200 }),
  },
  'PATCH /api/v1/organisation/sso': {
    request: () => ({ method: 'PATCH', url: '/api/v1/organisation/sso', payload: {} }),
    expected: everywhere(401, { trustAdmin: 200 }),
  },
  'PUT /api/v1/organisation/sso/{provider}': {
    // A new connection without its secret: refused as incomplete, once the caller may ask.
    request: () => ({
      method: 'PUT',
      url: '/api/v1/organisation/sso/google',
      payload: { clientId: 'client-id' },
    }),
    expected: everywhere(401, { trustAdmin: 400 }),
  },
  'DELETE /api/v1/organisation/sso/{provider}': {
    request: () => ({ method: 'DELETE', url: '/api/v1/organisation/sso/microsoft' }),
    expected: everywhere(401, { trustAdmin: 404 }),
  },
  // Single sign-on domains belong to the whole organisation: a domain of another school of the
  // trust is the trust's own; another trust's is not found.
  'GET /api/v1/organisation/sso/domains': {
    request: () => ({ url: '/api/v1/organisation/sso/domains' }),
    expected: everywhere(401, { trustAdmin: 200 }),
  },
  'POST /api/v1/organisation/sso/domains': {
    request: () => ({
      method: 'POST',
      url: '/api/v1/organisation/sso/domains',
      payload: { domain: `${unique()}.example` },
    }),
    expected: everywhere(401, { trustAdmin: 201 }),
  },
  'POST /api/v1/organisation/sso/domains/{domain}/verify': {
    // The test DNS server has no record for it: checked, and not found (200).
    request: (s) => ({
      method: 'POST',
      url: `/api/v1/organisation/sso/domains/${s.domain}/verify`,
    }),
    expected: { ...everywhere(401, {}), trustAdmin: [200, 200, 404] },
  },
  'DELETE /api/v1/organisation/sso/domains/{domain}': {
    // A domain listed afresh by the place's organisation for each call.
    request: async (s) => ({
      method: 'DELETE',
      url: `/api/v1/organisation/sso/domains/${await listDomain(s.owner)}`,
    }),
    expected: { ...everywhere(401, {}), trustAdmin: [204, 204, 404] },
  },
  'GET /api/v1/notification-templates': {
    request: () => ({ url: '/api/v1/notification-templates' }),
    expected: signedIn(200),
  },
  'PUT /api/v1/notification-templates/{key}': {
    request: () => ({
      method: 'PUT',
      url: '/api/v1/notification-templates/general',
      payload: { subject: 'About {{personFirstName}}', body: '{{greeting}},\n\n{{whatHappened}}' },
    }),
    expected: everywhere(401, { trustAdmin: 200 }),
  },
  'DELETE /api/v1/notification-templates/{key}': {
    request: () => ({ method: 'DELETE', url: '/api/v1/notification-templates/general' }),
    expected: everywhere(401, { trustAdmin: 200 }),
  },
  'GET /api/v1/audit-events': {
    request: () => ({ url: '/api/v1/audit-events' }),
    expected: everywhere(401, { admin: 200, trustAdmin: 200 }),
  },
  'GET /api/v1/demo/mail': {
    // No demo mailbox here: signed-in callers are told so, others are asked to sign in.
    request: () => ({ url: '/api/v1/demo/mail' }),
    expected: signedIn(404),
  },

  // Schools and their settings.
  'GET /api/v1/schools': { request: () => ({ url: '/api/v1/schools' }), expected: signedIn(200) },
  'POST /api/v1/schools': {
    request: () => ({
      method: 'POST',
      url: '/api/v1/schools',
      payload: {
        name: `New school ${unique()}`,
        urn: String(200000 + Math.floor(Math.random() * 700000)),
      },
    }),
    expected: everywhere(401, { trustAdmin: 201 }),
  },
  'GET /api/v1/schools/{schoolId}': {
    request: (s) => ({ url: `/api/v1/schools/${s.schoolId}` }),
    expected: schoolRead(200),
  },
  'PATCH /api/v1/schools/{schoolId}': {
    request: (s) => ({ method: 'PATCH', url: `/api/v1/schools/${s.schoolId}`, payload: {} }),
    expected: forRoles(200, ADMINS),
  },
  'GET /api/v1/schools/{schoolId}/locations': {
    request: (s) => ({ url: `/api/v1/schools/${s.schoolId}/locations` }),
    expected: schoolRead(200),
  },
  'POST /api/v1/schools/{schoolId}/locations': {
    request: (s) => ({
      method: 'POST',
      url: `/api/v1/schools/${s.schoolId}/locations`,
      payload: { name: `Room ${unique()}` },
    }),
    expected: forRoles(201, ADMINS),
  },
  'PATCH /api/v1/locations/{id}': {
    request: (s) => ({
      method: 'PATCH',
      url: `/api/v1/locations/${s.locationId}`,
      payload: { archived: false },
    }),
    expected: forRoles(200, ADMINS),
  },
  'GET /api/v1/schools/{schoolId}/wonde': {
    request: (s) => ({ url: `/api/v1/schools/${s.schoolId}/wonde` }),
    expected: schoolRead(200),
  },
  'POST /api/v1/schools/{schoolId}/wonde/lookup': {
    // No Wonde here: an admin of the school is told it is not available (409).
    request: (s) => ({
      method: 'POST',
      url: `/api/v1/schools/${s.schoolId}/wonde/lookup`,
      payload: { urn: '100001' },
    }),
    expected: forRoles(409, ADMINS),
  },
  'POST /api/v1/schools/{schoolId}/wonde/connect': {
    request: (s) => ({
      method: 'POST',
      url: `/api/v1/schools/${s.schoolId}/wonde/connect`,
      payload: { wondeSchoolId: 'A1234567890' },
    }),
    expected: forRoles(409, ADMINS),
  },
  'DELETE /api/v1/schools/{schoolId}/wonde': {
    // Not connected: nothing to disconnect.
    request: (s) => ({ method: 'DELETE', url: `/api/v1/schools/${s.schoolId}/wonde` }),
    expected: forRoles(404, ADMINS),
  },
  'POST /api/v1/schools/{schoolId}/wonde/sync': {
    request: (s) => ({
      method: 'POST',
      url: `/api/v1/schools/${s.schoolId}/wonde/sync`,
      payload: { mode: 'delta' },
    }),
    expected: forRoles(409, ADMINS),
  },
  'GET /api/v1/schools/{schoolId}/wonde/sync-runs': {
    request: (s) => ({ url: `/api/v1/schools/${s.schoolId}/wonde/sync-runs` }),
    expected: schoolRead(200),
  },
  'GET /api/v1/sync-runs/{id}': {
    request: (s) => ({ url: `/api/v1/sync-runs/${s.syncRunId}` }),
    expected: schoolRead(200),
  },

  // Users: admins, each within their own schools.
  'GET /api/v1/users': {
    request: () => ({ url: '/api/v1/users' }),
    expected: everywhere(401, { admin: 200, trustAdmin: 200 }),
  },
  'POST /api/v1/users': {
    // Given the subject's school. Another organisation's school is not one of this one's (400);
    // an admin of A1 cannot give any school but A1 (403), whoever's it is.
    request: (s) => ({
      method: 'POST',
      url: '/api/v1/users',
      payload: {
        email: `new-${unique()}@school.example`,
        name: 'New Colleague',
        role: 'reporter',
        schoolIds: [s.schoolId],
        password: 'a long enough passphrase',
      },
    }),
    expected: {
      ...forRoles(201, ADMINS),
      admin: [201, 403, 403],
      trustAdmin: [201, 201, 400],
    },
  },
  'GET /api/v1/users/{id}': {
    request: (s) => ({ url: `/api/v1/users/${s.userId}` }),
    expected: forRoles(200, ADMINS),
  },
  'PATCH /api/v1/users/{id}': {
    request: (s) => ({ method: 'PATCH', url: `/api/v1/users/${s.userId}`, payload: {} }),
    expected: forRoles(200, ADMINS),
  },

  // The directory.
  'GET /api/v1/people/search': {
    request: (s) => ({ url: `/api/v1/people/search?q=ada&schoolId=${s.schoolId}` }),
    expected: schoolRead(200),
  },
  'GET /api/v1/people/{id}': {
    request: (s) => ({ url: `/api/v1/people/${s.personId}` }),
    expected: schoolRead(200),
  },
  'GET /api/v1/people/{id}/incidents': {
    request: (s) => ({ url: `/api/v1/people/${s.personId}/incidents` }),
    expected: schoolRead(200),
  },

  // The incident book.
  'GET /api/v1/attention': {
    request: () => ({ url: '/api/v1/attention' }),
    expected: everywhere(401, { manager: 200, admin: 200, trustAdmin: 200 }),
  },
  'GET /api/v1/incidents': {
    request: (s) => ({ url: `/api/v1/incidents?schoolId=${s.schoolId}` }),
    expected: schoolRead(200),
  },
  'GET /api/v1/incidents/export.csv': {
    request: (s) => ({ url: `/api/v1/incidents/export.csv?schoolId=${s.schoolId}` }),
    expected: schoolRead(200),
  },
  'GET /api/v1/incidents/patterns': {
    request: (s) => ({ url: `/api/v1/incidents/patterns?schoolId=${s.schoolId}` }),
    expected: schoolRead(200),
  },
  'POST /api/v1/incidents': {
    // Another school is not one the caller can log for: a field error on schoolId.
    request: (s) => ({
      method: 'POST',
      url: '/api/v1/incidents',
      payload: incidentFor(s.schoolId),
    }),
    expected: forRoles(201, STAFF, 400),
  },
  'GET /api/v1/incidents/{id}': {
    request: (s) => ({ url: `/api/v1/incidents/${s.incidentId}` }),
    expected: schoolRead(200),
  },
  'GET /api/v1/incidents/{id}/history': {
    request: (s) => ({ url: `/api/v1/incidents/${s.incidentId}/history` }),
    expected: schoolRead(200),
  },
  'PATCH /api/v1/incidents/{id}': {
    // The incident was logged by an admin: a reporter may change only their own.
    request: async (s) => ({
      method: 'PATCH',
      url: `/api/v1/incidents/${s.incidentId}`,
      payload: { version: (await versionOf(s)).version, witnesses: `Seen by ${unique()}` },
    }),
    expected: { ...forRoles(200, MANAGERS), reporter: [403, 404, 404] },
  },
  'POST /api/v1/incidents/{id}/status': {
    request: async (s) => {
      const { version, status } = await versionOf(s);
      return {
        method: 'POST',
        url: `/api/v1/incidents/${s.incidentId}/status`,
        payload: { version, status: status === 'open' ? 'under_review' : 'open' },
      };
    },
    expected: forRoles(200, MANAGERS),
  },
  'GET /api/v1/incidents/{id}/contacts': {
    // The person was typed in by hand: there is no directory record to read contacts from.
    request: (s) => ({ url: `/api/v1/incidents/${s.incidentId}/contacts` }),
    expected: forRoles(409, STAFF),
  },
  'GET /api/v1/incidents/{id}/notifications': {
    request: (s) => ({ url: `/api/v1/incidents/${s.incidentId}/notifications` }),
    expected: schoolRead(200),
  },
  'POST /api/v1/incidents/{id}/notifications/preview': {
    request: (s) => ({
      method: 'POST',
      url: `/api/v1/incidents/${s.incidentId}/notifications/preview`,
      payload: { templateKey: 'general' },
    }),
    expected: forRoles(200, STAFF),
  },
  'POST /api/v1/incidents/{id}/notifications': {
    request: (s) => ({
      method: 'POST',
      url: `/api/v1/incidents/${s.incidentId}/notifications`,
      payload: {
        recipients: [{ name: 'Pat Visitor', email: 'pat@visitor.example' }],
        subject: 'About today',
        text: 'Pat tripped on the step; a plaster was applied.',
        idempotencyKey: randomUUID(),
      },
    }),
    expected: forRoles(202, STAFF),
  },
};

/** Lists a new domain for single sign-on as the organisation's admin; returns it. */
async function listDomain(owner: Client): Promise<string> {
  const domain = `${unique()}.example`;
  const added = await owner.request({
    method: 'POST',
    url: '/api/v1/organisation/sso/domains',
    payload: { domain },
  });
  expect(added.statusCode, added.body).toBe(201);
  return domain;
}

function incidentFor(schoolId: string) {
  return {
    schoolId,
    occurredAt: new Date(Date.now() - 3_600_000).toISOString(),
    locationDetail: 'By the front steps',
    category: 'accident_injury',
    person: { kind: 'manual', personType: 'visitor', name: 'Pat Visitor' },
    description: 'Tripped on the front step and grazed a hand.',
    outcome: 'returned_to_class_or_work',
  };
}

let t: TestApp;
let dns: TestDns;
let loginUser: { email: string };
const callers = {} as Record<Exclude<Caller, 'none'>, { client: Client; email: string }>;
const subjects = {} as Record<Place, Subject>;

async function placeIn(organisationId: string, schoolId: string, owner: Client): Promise<Subject> {
  const incident = await owner.request({
    method: 'POST',
    url: '/api/v1/incidents',
    payload: incidentFor(schoolId),
  });
  expect(incident.statusCode, incident.body).toBe(201);
  const location = await owner.request({
    method: 'POST',
    url: `/api/v1/schools/${schoolId}/locations`,
    payload: { name: 'Main hall' },
  });
  expect(location.statusCode, location.body).toBe(201);
  const [personId] = await buildPeople(t.db, { organisationId, schoolId }, [
    { firstName: 'Ada', lastName: 'Lovelace', ncYear: '5' },
  ]);
  const user = await buildUser(t.db, organisationId, { role: 'reporter', schoolIds: [schoolId] });
  const run = await insertSyncRun(t.db, {
    organisationId,
    schoolId,
    mode: 'full',
    trigger: 'manual',
  });
  return {
    schoolId,
    incidentId: incident.json<Incident>().id,
    locationId: location.json<{ id: string }>().id,
    personId: personId!,
    userId: user.id,
    syncRunId: run.id,
    domain: await listDomain(owner),
    owner,
  };
}

beforeAll(async () => {
  dns = await startTestDns();
  t = await createTestApp({ sso: { issuerOverrides: {}, dnsServers: [dns.server] } });
  const a = await buildOrganisation(t.db, { name: `Trust A ${unique()}`, schools: 2 });
  const b = await buildOrganisation(t.db, { name: `Trust B ${unique()}`, schools: 1 });
  const [a1, a2] = [a.schools[0]!.id, a.schools[1]!.id];
  const trustAdmin = await buildUser(t.db, a.organisation.id);
  const ownerB = await signIn(t.app, (await buildUser(t.db, b.organisation.id)).email, PASSWORD);
  callers.trustAdmin = {
    client: await signIn(t.app, trustAdmin.email, PASSWORD),
    email: trustAdmin.email,
  };
  for (const role of ['viewer', 'reporter', 'manager', 'admin'] as const) {
    const user = await buildUser(t.db, a.organisation.id, { role, schoolIds: [a1] });
    callers[role] = { client: await signIn(t.app, user.email, PASSWORD), email: user.email };
  }
  loginUser = await buildUser(t.db, a.organisation.id, { role: 'viewer', schoolIds: [a1] });
  subjects.own = await placeIn(a.organisation.id, a1, callers.trustAdmin.client);
  subjects.sameTrust = await placeIn(a.organisation.id, a2, callers.trustAdmin.client);
  subjects.otherTrust = await placeIn(b.organisation.id, b.schools[0]!.id, ownerB);
});
afterAll(async () => {
  await t.close();
  await dns.close();
});

async function statusOf(caller: Caller, row: Row, subject: Subject): Promise<number> {
  const { method = 'GET', ...request } = await row.request(subject);
  if (caller === 'none') return (await t.app.inject({ method, ...request })).statusCode;
  const client = row.freshSession
    ? await signIn(t.app, callers[caller].email, PASSWORD)
    : callers[caller].client;
  return (await client.request({ method, ...request })).statusCode;
}

describe('the route × caller × place matrix', () => {
  it('has a row for every route of the OpenAPI document, and no row for a route that is gone', () => {
    const document = t.app.swagger() as { paths: Record<string, Record<string, unknown>> };
    const routes = Object.entries(document.paths).flatMap(([path, operations]) =>
      Object.keys(operations)
        .filter((method) => method !== 'head')
        .map((method) => `${method.toUpperCase()} ${path}`),
    );
    expect(routes.length).toBeGreaterThan(40);
    expect(Object.keys(ROWS).sort()).toEqual(routes.sort());
  });

  it.each(Object.entries(ROWS))('%s', async (_route, row) => {
    const actual: Record<string, number | number[]> = {};
    for (const caller of CALLERS) {
      if (caller === 'none') {
        actual.none = await statusOf('none', row, subjects.own);
        continue;
      }
      const cells: number[] = [];
      for (const place of PLACES) cells.push(await statusOf(caller, row, subjects[place]));
      actual[caller] = cells;
    }
    expect(actual).toEqual(row.expected);
  });
});
