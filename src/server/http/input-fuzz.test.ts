/**
 * Bad bytes into every field of every route. Each request is a valid one with one field changed
 * to a value a client should never send: NUL, a surrogate without its pair, a huge string, a
 * date out of range or malformed, a number too big for the database, a value of the wrong type.
 * The caller is an admin of the whole trust, so each gets past authorisation. None may answer
 * 5xx: bad input is the caller's mistake, and a 400 names the field.
 *
 * The fields are read from the OpenAPI document, so a new field or route is fuzzed as soon as it
 * exists; a route without a valid request below, or a field that no valid request holds, fails
 * the coverage test. After the table, fast-check throws random values at random fields.
 */
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, type Client } from '../../../test/app';
import { startTestDns, type TestDns } from '../../../test/dns';
import { buildOrganisation, buildUser, PASSWORD } from '../../../test/factories';
import { startWondeTestbed, WEBHOOK_SECRET, type WondeTestbed } from '../../../test/wonde';
import type { School } from '../../shared/api';
import type { Incident } from '../../shared/incidents-api';
import type { ContactsResponse } from '../../shared/notifications-api';
import { UNSTORABLE_TEXT } from '../../shared/fields';
import { insertSchool } from '../features/schools/schools.repo';
import { presentSchool } from '../features/schools/schools.service';
import { runSync } from '../features/wonde/sync.service';
import { insertSyncRun } from '../features/wonde/wonde.repo';
import { people } from '../db/schema';

/** One valid request of a route, by the parts of its OpenAPI operation. */
type Spec = {
  /** Path parameters, as they go into the URL (already encoded). */
  params?: Record<string, string>;
  /** Query parameters, as they go into the URL (already encoded); an array repeats the name. */
  query?: Record<string, string | string[]>;
  headers?: Record<string, string>;
  body?: unknown;
  /** Who sends it, when not the trust admin: no one, or a client made for the request. */
  as?: 'anonymous' | (() => Promise<Client>);
};
type Row = {
  /** Valid requests; together they hold every field of the route's document. */
  specs: Array<() => Spec | Promise<Spec>>;
  /** Fields the handler reads that the document does not declare (`body.school_id`). */
  undeclared?: string[];
};

/** Where a value goes: `body.person.name`, `body.injuries.0.type`, `query.q`, `params.id`. */
type Field = string;

const unique = () => randomUUID().slice(0, 8);
const digits = (n: number) =>
  Array.from({ length: n }, () => Math.floor(Math.random() * 10)).join('');

let bed: WondeTestbed;
let dns: TestDns;
let admin: Client;
let schoolA: School;
let schoolB: School;
let simUrnB: string;
/** A pupil's incident, read and emailed about. */
let incidentId: string;
/** Another, changed by the routes that change incidents. */
let editedIncidentId: string;
let locationId: string;
let personId: string;
let userId: string;
let syncRunId: string;
let loginEmail: string;
let logoutEmail: string;
let passwordChanger: Client;
/** An incident of a visitor, entered by hand. */
let visitorIncidentId: string;
/** A contact of the pupil of `incidentId`, with an email address. */
let contactId: string;
/** The second page of the incidents, one to a page. */
let cursor: string;

/** An incident with every field filled in, for the school given. */
function fullIncident(schoolId: string, person: unknown) {
  return {
    schoolId,
    person,
    occurredAt: new Date(Date.now() - 3_600_000).toISOString(),
    locationId,
    locationDetail: 'By the front steps',
    category: 'accident_injury',
    description: 'Tripped on the front step and grazed a hand.',
    injuries: [{ type: 'graze', bodyPart: 'hand', side: 'left' }],
    headInjury: false,
    firstAidGiven: true,
    firstAidBy: 'Sam First-Aider',
    firstAidDetails: 'Cleaned and covered.',
    outcome: 'returned_to_class_or_work',
    witnesses: 'Two pupils',
    immediateActions: 'Step marked',
    followUpActions: [
      { description: 'Fix the step', owner: 'Site team', dueOn: '2030-01-31', done: false },
    ],
    riddor: {
      workRelated: false,
      workRelatedReason: 'Not at work',
      takenDirectlyToHospital: false,
      specifiedInjury: 'fracture',
      incapacityStartDate: '2026-01-02',
      incapacityDays: 0,
      decision: 'undecided',
      reference: 'REF-1',
      reportedOn: '2026-01-03',
      reportedBy: 'Sam Lead',
    },
  };
}

const PEOPLE = {
  directory: () => ({ kind: 'directory', personId }),
  manual: () => ({ kind: 'manual', personType: 'visitor', name: 'Pat Visitor', contact: '0123' }),
  unmatched: () => ({ kind: 'unmatched', personType: 'pupil', name: 'Ada Pupil' }),
};

/** The incident's version as the last answer about it left it (each change adds one). */
let incidentVersion = 0;
const versionOf = () => Promise.resolve(incidentVersion);

const filters = () => ({
  schoolId: schoolA.id,
  from: '2020-01-01',
  to: '2030-12-31',
  category: 'accident_injury',
  status: 'open',
  personType: 'pupil',
  yearGroup: '5',
  personId,
  reportedBy: userId,
  headInjury: 'false',
  unmatched: 'false',
  riddor: 'awaiting',
  q: 'step',
});

const ROWS: Record<string, Row> = {
  'POST /api/v1/auth/login': {
    specs: [() => ({ as: 'anonymous', body: { email: loginEmail, password: 'not the password' } })],
  },
  'POST /api/v1/auth/logout': {
    specs: [() => ({ as: () => signIn(bed.t.app, logoutEmail, PASSWORD) })],
  },
  'GET /healthz': { specs: [() => ({})] },
  'GET /readyz': { specs: [() => ({})] },
  'GET /api/v1/me': { specs: [() => ({})] },
  'POST /api/v1/me/password': {
    // Its own user: a new password ends the user's other sessions.
    specs: [
      () => ({
        as: () => Promise.resolve(passwordChanger),
        body: { currentPassword: PASSWORD, newPassword: PASSWORD },
      }),
    ],
  },
  'GET /api/v1/organisation': { specs: [() => ({})] },
  'PATCH /api/v1/organisation': {
    specs: [
      () => ({
        body: { name: 'Fuzz Trust', repeatThreshold: 3, repeatWindowDays: 30, openAlertDays: 14 },
      }),
    ],
  },
  'GET /api/v1/schools': { specs: [() => ({})] },
  'POST /api/v1/schools': {
    specs: [
      () => ({
        body: { name: `School ${unique()}`, urn: digits(6), wondeSchoolId: `A${digits(10)}` },
      }),
    ],
  },
  'GET /api/v1/schools/{schoolId}': { specs: [() => ({ params: { schoolId: schoolA.id } })] },
  'PATCH /api/v1/schools/{schoolId}': {
    specs: [
      () => ({
        params: { schoolId: schoolA.id },
        body: { name: schoolA.name, urn: schoolA.urn, wondeSchoolId: null },
      }),
    ],
  },
  'GET /api/v1/users': { specs: [() => ({})] },
  'POST /api/v1/users': {
    specs: [
      () => ({
        body: {
          email: `new-${unique()}@school.example`,
          name: 'New Colleague',
          role: 'reporter',
          allSchools: false,
          schoolIds: [schoolA.id],
          password: 'a long enough passphrase',
        },
      }),
    ],
  },
  'GET /api/v1/users/{id}': { specs: [() => ({ params: { id: userId } })] },
  'PATCH /api/v1/users/{id}': {
    specs: [
      () => ({
        params: { id: userId },
        body: {
          name: 'Target User',
          role: 'reporter',
          allSchools: false,
          schoolIds: [schoolA.id],
          active: true,
          password: 'another long passphrase',
        },
      }),
    ],
  },
  'GET /api/v1/audit-events': { specs: [() => ({ query: { limit: '10', before: '1000' } })] },
  'GET /api/v1/schools/{schoolId}/wonde': {
    specs: [() => ({ params: { schoolId: schoolA.id } })],
  },
  'DELETE /api/v1/schools/{schoolId}/wonde': {
    specs: [() => ({ params: { schoolId: schoolB.id } })],
  },
  'POST /api/v1/schools/{schoolId}/wonde/lookup': {
    specs: [
      () => ({ params: { schoolId: schoolB.id }, body: { urn: simUrnB } }),
      () => ({ params: { schoolId: schoolB.id }, body: { wondeSchoolId: 'A1234567890' } }),
    ],
  },
  'POST /api/v1/schools/{schoolId}/wonde/connect': {
    specs: [
      () => ({ params: { schoolId: schoolB.id }, body: { urn: simUrnB } }),
      () => ({ params: { schoolId: schoolB.id }, body: { wondeSchoolId: 'A1234567890' } }),
    ],
  },
  'POST /api/v1/schools/{schoolId}/wonde/sync': {
    specs: [() => ({ params: { schoolId: schoolA.id }, body: { mode: 'delta' } })],
  },
  'GET /api/v1/schools/{schoolId}/wonde/sync-runs': {
    specs: [() => ({ params: { schoolId: schoolA.id }, query: { limit: '5' } })],
  },
  'GET /api/v1/sync-runs/{id}': { specs: [() => ({ params: { id: syncRunId } })] },
  'POST /api/v1/webhooks/wonde': {
    specs: [
      () => ({
        as: 'anonymous',
        headers: { 'x-webhook-secret': WEBHOOK_SECRET },
        body: {
          payload_type: 'schoolApproved',
          school_id: `A${digits(10)}`,
          school_name: 'A school',
          school_token: 'a-token',
          revoke_reason: 'a reason',
          decline_reason: 'a reason',
        },
      }),
      () => ({ as: 'anonymous', query: { secret: WEBHOOK_SECRET }, body: {} }),
    ],
    // The body is read by the handler's own schema, which the document leaves open.
    undeclared: [
      'body.payload_type',
      'body.school_id',
      'body.school_name',
      'body.school_token',
      'body.revoke_reason',
      'body.decline_reason',
    ],
  },
  'GET /api/v1/people/search': {
    specs: [
      () => ({
        query: {
          q: 'ada',
          schoolId: schoolA.id,
          type: 'pupil',
          includeLeavers: 'true',
          limit: '5',
        },
      }),
    ],
  },
  'GET /api/v1/incidents': {
    // A cursor is one the server gave; any other is refused, so it has a request of its own.
    specs: [() => ({ query: { ...filters(), limit: '10' } }), () => ({ query: { cursor } })],
  },
  'POST /api/v1/incidents': {
    specs: [
      () => ({
        headers: { 'idempotency-key': randomUUID() },
        body: fullIncident(schoolA.id, PEOPLE.directory()),
      }),
      () => ({ body: fullIncident(schoolA.id, PEOPLE.manual()) }),
      () => ({ body: fullIncident(schoolA.id, PEOPLE.unmatched()) }),
    ],
  },
  'GET /api/v1/incidents/export.csv': { specs: [() => ({ query: filters() })] },
  'GET /api/v1/incidents/patterns': { specs: [() => ({ query: filters() })] },
  'GET /api/v1/incidents/{id}': { specs: [() => ({ params: { id: incidentId } })] },
  'PATCH /api/v1/incidents/{id}': {
    // The directory person last: the routes after this one need the incident's contacts.
    specs: [PEOPLE.manual, PEOPLE.unmatched, PEOPLE.directory].map((person) => async () => {
      const { schoolId: _school, ...fields } = fullIncident(schoolA.id, person());
      return {
        params: { id: editedIncidentId },
        body: { ...fields, version: await versionOf() },
      };
    }),
  },
  'POST /api/v1/incidents/{id}/status': {
    specs: [
      async () => ({
        params: { id: editedIncidentId },
        body: { version: await versionOf(), status: 'under_review', note: 'Looked at' },
      }),
    ],
  },
  'GET /api/v1/incidents/{id}/history': { specs: [() => ({ params: { id: incidentId } })] },
  'GET /api/v1/people/{id}': { specs: [() => ({ params: { id: personId } })] },
  'GET /api/v1/people/{id}/incidents': {
    specs: [
      () => ({ params: { id: personId }, query: { ...filters(), limit: '5' } }),
      () => ({ params: { id: personId }, query: { cursor } }),
    ],
  },
  'GET /api/v1/attention': { specs: [() => ({})] },
  'GET /api/v1/schools/{schoolId}/locations': {
    specs: [() => ({ params: { schoolId: schoolA.id } })],
  },
  'POST /api/v1/schools/{schoolId}/locations': {
    specs: [() => ({ params: { schoolId: schoolA.id }, body: { name: `Room ${unique()}` } })],
  },
  'PATCH /api/v1/locations/{id}': {
    specs: [() => ({ params: { id: locationId }, body: { name: 'Main hall', archived: false } })],
  },
  'GET /api/v1/incidents/{id}/contacts': { specs: [() => ({ params: { id: incidentId } })] },
  'GET /api/v1/notification-templates': { specs: [() => ({})] },
  'PUT /api/v1/notification-templates/{key}': {
    specs: [
      () => ({
        params: { key: 'general' },
        body: { subject: 'About {{personFirstName}}', body: '{{greeting}},\n\n{{whatHappened}}' },
      }),
    ],
  },
  'DELETE /api/v1/notification-templates/{key}': {
    specs: [() => ({ params: { key: 'general' } })],
  },
  'POST /api/v1/incidents/{id}/notifications/preview': {
    specs: [
      () => ({
        params: { id: incidentId },
        body: { templateKey: 'general', keepOtherNames: false },
      }),
    ],
  },
  'GET /api/v1/incidents/{id}/notifications': { specs: [() => ({ params: { id: incidentId } })] },
  'POST /api/v1/incidents/{id}/notifications': {
    specs: [
      // Someone entered by hand is emailed at the address typed in.
      () => ({
        params: { id: visitorIncidentId },
        body: {
          recipients: [{ name: 'Pat Visitor', email: 'pat@visitor.example' }],
          subject: 'About today',
          text: 'Pat tripped on the step; a plaster was applied.',
          idempotencyKey: randomUUID(),
        },
      }),
      () => ({
        params: { id: incidentId },
        body: {
          recipients: [{ contactId }],
          subject: 'About today',
          text: 'Tripped on the step.',
          idempotencyKey: randomUUID(),
        },
      }),
    ],
  },
  'GET /api/v1/demo/mail': { specs: [() => ({})] },
  'GET /api/v1/auth/sso/discover': {
    specs: [() => ({ as: 'anonymous', query: { email: 'someone@school.example' } })],
  },
  'GET /api/v1/auth/sso/{connectionId}/start': {
    specs: [
      () => ({
        as: 'anonymous',
        params: { connectionId: randomUUID() },
        query: { next: '/incidents' },
      }),
    ],
  },
  'GET /api/v1/auth/sso/callback': {
    specs: [() => ({ as: 'anonymous', query: { state: 'a-state', code: 'a-code', error: 'x' } })],
    // The provider's redirect, read from the URL by the handler.
    undeclared: ['query.state', 'query.code', 'query.error'],
  },
  'GET /api/v1/organisation/sso': { specs: [() => ({})] },
  'PATCH /api/v1/organisation/sso': {
    specs: [() => ({ body: { enforced: false, breakGlassUserId: null } })],
  },
  'PUT /api/v1/organisation/sso/{provider}': {
    specs: [
      () => ({
        params: { provider: 'microsoft' },
        body: {
          clientId: 'client-id',
          clientSecret: 'a client secret',
          tenantId: '9b1d2e43-6c5f-4a7e-8d3b-2f1a0c9e8d72',
          allowedDomains: ['fuzz.example'],
          jitEnabled: false,
          jitRole: 'reporter',
          enabled: false,
        },
      }),
    ],
  },
  'DELETE /api/v1/organisation/sso/{provider}': {
    specs: [() => ({ params: { provider: 'google' } })],
  },
  'GET /api/v1/organisation/sso/domains': { specs: [() => ({})] },
  'POST /api/v1/organisation/sso/domains': {
    specs: [() => ({ body: { domain: `${unique()}.example` } })],
  },
  'POST /api/v1/organisation/sso/domains/{domain}/verify': {
    specs: [() => ({ params: { domain: 'fuzz.example' } })],
  },
  'DELETE /api/v1/organisation/sso/domains/{domain}': {
    specs: [async () => ({ params: { domain: await listDomain() } })],
  },
};

async function listDomain(): Promise<string> {
  const domain = `${unique()}.example`;
  const added = await admin.request({
    method: 'POST',
    url: '/api/v1/organisation/sso/domains',
    payload: { domain },
  });
  expect(added.statusCode, added.body).toBe(201);
  return domain;
}

// The bad values -----------------------------------------------------------------------------

const LONG = 'x'.repeat(100_000);

/** Into JSON bodies: every field gets every one. */
const BODY_VALUES: unknown[] = [
  'a\u0000b',
  '\u0000',
  '\ud800',
  'x\udfff',
  'x\ud83dy',
  LONG,
  '0000-01-01',
  '1899-12-31',
  '2101-01-01',
  '9999-12-31',
  '2024-02-30',
  '0000-01-01T00:00:00Z',
  '9999-12-31T23:59:59.999+14:00',
  '+275760-09-13T00:00:00.000Z',
  '',
  '   ',
  null,
  0,
  -1,
  1.5,
  2 ** 31,
  2 ** 53,
  1e308,
  true,
  [],
  ['\u0000'],
  {},
  { a: '\ud800' },
];

/** Into the URL (query and path), as written there: escapes are decoded by the server. */
const URL_VALUES: Array<string | string[]> = [
  '%00',
  'a%00b',
  '%ED%A0%80',
  '%FF',
  '%',
  '%E0%A4%A',
  '\ud800',
  'x'.repeat(10_000),
  '0000-01-01',
  '1899-12-31',
  '9999-12-31',
  '2024-02-30',
  '-1',
  '1.5',
  '99999999999999999999',
  '1e400',
  'NaN',
  '',
  '%20',
  ['a', 'b'],
  ['%00', '%00'],
];

/** Into headers: what HTTP can carry (no NUL or line breaks). */
const HEADER_VALUES = ['x'.repeat(10_000), '', ' ', '\u00e9\u00ff', 'a%00b', '0000-01-01'];

/** Text as fast-check makes it, with NUL, lone surrogates and dates of any year mixed in. */
const nastyText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc
    .tuple(fc.string({ maxLength: 10 }), fc.string({ maxLength: 10 }))
    .map(([a, b]) => `${a}\u0000${b}`),
  fc
    .tuple(fc.string({ maxLength: 10 }), fc.integer({ min: 0xd800, max: 0xdfff }))
    .map(([a, unit]) => a + String.fromCharCode(unit)),
  fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
  fc.date({ noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
  fc.integer({ min: 0, max: 99999 }).map((year) => `${String(year).padStart(4, '0')}-01-01`),
);
const jsonValue = fc.oneof(
  { weight: 5, arbitrary: nastyText },
  fc.integer(),
  fc.double(),
  fc.constant(null),
  fc.boolean(),
  fc.array(nastyText, { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), nastyText, { maxKeys: 3 }),
);
/** As a client would write it into a URL; a lone surrogate as the bytes a broken encoder sends. */
const urlValue = nastyText.map((value) =>
  Array.from(value)
    .map((c) =>
      /[\ud800-\udfff]/.test(c)
        ? [0xed, 0xa0 | ((c.charCodeAt(0) >> 6) & 0x0f), 0x80 | (c.charCodeAt(0) & 0x3f)]
            .map((b) => `%${b.toString(16).toUpperCase()}`)
            .join('')
        : encodeURIComponent(c),
    )
    .join(''),
);
const headerValue = fc.string({
  unit: fc.integer({ min: 0x20, max: 0xff }).map((code) => String.fromCharCode(code)),
  maxLength: 300,
});

// Requests -----------------------------------------------------------------------------------

type Operation = {
  parameters?: Array<{ in: string; name: string }>;
  requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
};
type JsonSchema = {
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  $ref?: string;
};

let document: { paths: Record<string, Record<string, Operation>>; components?: unknown };

function operationOf(route: string): { method: string; path: string; operation: Operation } {
  const [method = '', path = ''] = route.split(' ');
  const operation = document.paths[path]?.[method.toLowerCase()];
  if (!operation) throw new Error(`${route} is not in the OpenAPI document`);
  return { method, path, operation };
}

/** Every field a route's document declares, objects and arrays included. */
function declaredFields(route: string): Field[] {
  const { operation } = operationOf(route);
  const fields = (operation.parameters ?? []).map((p) =>
    p.in === 'path'
      ? `params.${p.name}`
      : p.in === 'header'
        ? `headers.${p.name}`
        : `query.${p.name}`,
  );
  const body = operation.requestBody?.content?.['application/json']?.schema;
  const walk = (schema: JsonSchema | undefined, at: string): void => {
    if (!schema) return;
    if (schema.$ref) throw new Error(`${route}: $ref ${schema.$ref} is not followed here`);
    for (const branch of [
      ...(schema.anyOf ?? []),
      ...(schema.oneOf ?? []),
      ...(schema.allOf ?? []),
    ])
      walk(branch, at);
    for (const [name, property] of Object.entries(schema.properties ?? {})) {
      fields.push(`${at}.${name}`);
      walk(property, `${at}.${name}`);
    }
    if (schema.items) {
      fields.push(`${at}.0`);
      walk(schema.items, `${at}.0`);
    }
  };
  walk(body, 'body');
  return [...new Set(fields)];
}

/** Every field a valid request holds. */
function fieldsOf(spec: Spec): Field[] {
  const fields: Field[] = [];
  for (const part of ['params', 'query', 'headers'] as const)
    for (const name of Object.keys(spec[part] ?? {})) fields.push(`${part}.${name}`);
  const walk = (value: unknown, at: string): void => {
    if (value === null || typeof value !== 'object') return;
    for (const [key, inner] of Object.entries(value)) {
      fields.push(`${at}.${key}`);
      walk(inner, `${at}.${key}`);
    }
  };
  walk(spec.body, 'body');
  return fields;
}

/** The spec with one field set to a value; `body` alone replaces the whole body. */
function withValue(spec: Spec, field: Field, value: unknown): Spec {
  const [part, ...path] = field.split('.');
  const next = structuredClone({ ...spec, as: undefined });
  if (part === 'body') {
    if (path.length === 0) return { ...next, as: spec.as, body: value };
    let holder = next.body as Record<string, unknown>;
    for (const key of path.slice(0, -1)) holder = holder[key] as Record<string, unknown>;
    holder[path[path.length - 1]!] = value;
  } else {
    const name = path.join('.');
    if (part === 'params') next.params = { ...next.params, [name]: value as string };
    if (part === 'query') next.query = { ...next.query, [name]: value as string | string[] };
    if (part === 'headers') next.headers = { ...next.headers, [name]: value as string };
  }
  return { ...next, as: spec.as };
}

function requestOf(route: string, spec: Spec): InjectOptions & { url: string } {
  const { method, path } = operationOf(route);
  const url = path.replace(/\{(\w+)\}/g, (_, name: string) => spec.params?.[name] ?? '');
  const query = Object.entries(spec.query ?? {}).flatMap(([name, value]) =>
    (Array.isArray(value) ? value : [value]).map((v) => `${name}=${v}`),
  );
  return {
    method: method as InjectOptions['method'],
    url: query.length > 0 ? `${url}?${query.join('&')}` : url,
    headers: spec.headers ?? {},
    // A fresh address each time: the per-address limits of sign-in are not what is tried here.
    remoteAddress: `10.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`,
    ...(spec.body === undefined ? {} : { payload: spec.body as InjectOptions['payload'] }),
  };
}

async function send(route: string, spec: Spec): Promise<LightMyRequestResponse> {
  const request = requestOf(route, spec);
  if (spec.as === 'anonymous') return bed.t.app.inject(request);
  const client = spec.as ? await spec.as() : admin;
  const response = await client.request(request);
  if (response.statusCode === 200 && String(response.headers['content-type']).includes('json')) {
    const answer = response.json<{ id?: unknown; version?: unknown }>();
    if (answer.id === editedIncidentId && typeof answer.version === 'number')
      incidentVersion = answer.version;
  }
  return response;
}

/** Base values encoded for the URL, as a client would send them. */
function encoded(spec: Spec): Spec {
  const encode = (part: Record<string, string | string[]> | undefined) =>
    part &&
    Object.fromEntries(
      Object.entries(part).map(([k, v]) => [
        k,
        Array.isArray(v) ? v.map(encodeURIComponent) : encodeURIComponent(v),
      ]),
    );
  return {
    ...spec,
    params: encode(spec.params) as Record<string, string> | undefined,
    query: encode(spec.query),
  };
}

const valuesFor = (field: Field): unknown[] =>
  field.startsWith('headers.')
    ? HEADER_VALUES
    : field.startsWith('body')
      ? BODY_VALUES
      : URL_VALUES;

// Set-up -------------------------------------------------------------------------------------

beforeAll(async () => {
  dns = await startTestDns();
  bed = await startWondeTestbed(
    [
      { phase: 'PRIMARY', pupils: 20 },
      { phase: 'PRIMARY', pupils: 10 },
    ],
    'fuzz',
    { sso: { issuerOverrides: {}, dnsServers: [dns.server] } },
  );
  const db = bed.t.db;
  const { organisation } = await buildOrganisation(db, { schools: 0 });
  const [simA, simB] = bed.sim.schools;
  const schoolOf = async (sim: { name: string; urn: number | string }) =>
    presentSchool(
      await insertSchool(db, {
        organisationId: organisation.id,
        name: sim.name,
        urn: String(sim.urn),
        wondeSchoolId: null,
      }),
    );
  schoolA = await schoolOf(simA!);
  schoolB = await schoolOf(simB!);
  simUrnB = String(simB!.urn);
  admin = await signIn(bed.t.app, (await buildUser(db, organisation.id)).email, PASSWORD);

  // School A is connected to Wonde and synced, so contacts and emails to them are reachable.
  const connected = await admin.request({
    method: 'POST',
    url: `/api/v1/schools/${schoolA.id}/wonde/connect`,
    payload: { urn: String(simA!.urn) },
  });
  expect(connected.statusCode, connected.body).toBe(200);
  await bed.sim.controls.approveSchool(simA!.id);
  await runSync(bed.deps, bed.queued[0]!.id, { isLastAttempt: true });
  // A pupil on roll with a contact who has an email address.
  const data = bed.sim.controls.snapshot().schools[0]!;
  const withEmail = new Set(
    data.contacts.filter((c) => c.contactDetails.emails.email).map((c) => c.id),
  );
  const pupil = data.students.find(
    (s) => !s.education.leavingDate && s.contactLinks.some((l) => withEmail.has(l.contactId)),
  )!;
  const [row] = await db.select({ id: people.id }).from(people).where(eq(people.wondeId, pupil.id));
  personId = row!.id;

  const location = await admin.request({
    method: 'POST',
    url: `/api/v1/schools/${schoolA.id}/locations`,
    payload: { name: 'Main hall' },
  });
  locationId = location.json<{ id: string }>().id;
  const logIncident = async (person: unknown) => {
    const incident = await admin.request({
      method: 'POST',
      url: '/api/v1/incidents',
      payload: fullIncident(schoolA.id, person),
    });
    expect(incident.statusCode, incident.body).toBe(201);
    return incident.json<Incident>();
  };
  incidentId = (await logIncident(PEOPLE.directory())).id;
  const edited = await logIncident(PEOPLE.directory());
  editedIncidentId = edited.id;
  incidentVersion = edited.version;
  visitorIncidentId = (await logIncident(PEOPLE.manual())).id;
  const contacts = await admin.request({ url: `/api/v1/incidents/${incidentId}/contacts` });
  contactId = contacts.json<ContactsResponse>().contacts.find((c) => c.email !== null)!.id;
  const page = await admin.request({ url: `/api/v1/people/${personId}/incidents?limit=1` });
  cursor = page.json<{ nextCursor: string }>().nextCursor;
  userId = (await buildUser(db, organisation.id, { role: 'reporter', schoolIds: [schoolA.id] })).id;
  syncRunId = (
    await insertSyncRun(db, {
      organisationId: organisation.id,
      schoolId: schoolA.id,
      mode: 'full',
      trigger: 'manual',
    })
  ).id;
  loginEmail = (await buildUser(db, organisation.id, { role: 'viewer' })).email;
  logoutEmail = (await buildUser(db, organisation.id, { role: 'viewer' })).email;
  passwordChanger = await signIn(
    bed.t.app,
    (await buildUser(db, organisation.id, { role: 'viewer' })).email,
    PASSWORD,
  );
  document = bed.t.app.swagger() as typeof document;
}, 120_000);
afterAll(async () => {
  await bed.close();
  await dns.close();
});

// The tests ----------------------------------------------------------------------------------

/** Each field of a route with the valid request it is tried in: the first that holds it. */
async function targetsOf(route: string): Promise<Array<{ spec: number; field: Field }>> {
  const row = ROWS[route]!;
  const wanted = new Set([...declaredFields(route), ...(row.undeclared ?? [])]);
  const targets: Array<{ spec: number; field: Field }> = [{ spec: 0, field: 'body' }];
  for (const [spec, build] of row.specs.entries()) {
    for (const field of fieldsOf(await build())) {
      if (!wanted.delete(field)) continue;
      targets.push({ spec, field });
    }
  }
  return (await row.specs[0]!()).body === undefined ? targets.slice(1) : targets;
}

type Failure = { route: string; field: Field; value: string; status: number; body: string };

async function attempt(route: string, spec: number, field: Field | null, value?: unknown) {
  const base = encoded(await ROWS[route]!.specs[spec]!());
  const response = await send(route, field === null ? base : withValue(base, field, value));
  return response;
}

const shown = (value: unknown) => {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 60)}… (${text.length} characters)` : text;
};

describe('bad input on every route', () => {
  it('has valid requests holding every field of every route of the OpenAPI document', async () => {
    const routes = Object.entries(document.paths).flatMap(([path, operations]) =>
      Object.keys(operations)
        .filter((method) => method !== 'head')
        .map((method) => `${method.toUpperCase()} ${path}`),
    );
    expect(Object.keys(ROWS).sort()).toEqual(routes.sort());
    const missing: string[] = [];
    for (const [route, row] of Object.entries(ROWS)) {
      const held = new Set<Field>();
      for (const build of row.specs) for (const f of fieldsOf(await build())) held.add(f);
      for (const field of [...declaredFields(route), ...(row.undeclared ?? [])])
        if (!held.has(field)) missing.push(`${route} ${field}`);
    }
    expect(missing).toEqual([]);
  });

  it.each(Object.keys(ROWS))('%s: every bad value in every field, and no 5xx', async (route) => {
    const failures: Failure[] = [];
    // The valid requests must be valid, or the bad values would be refused for something else.
    for (const spec of ROWS[route]!.specs.keys()) {
      const response = await attempt(route, spec, null);
      if (response.statusCode >= 500 || response.statusCode === 400)
        failures.push({
          route,
          field: '',
          value: '',
          status: response.statusCode,
          body: response.body,
        });
    }
    for (const { spec, field } of await targetsOf(route)) {
      for (const value of valuesFor(field)) {
        const response = await attempt(route, spec, field, value);
        if (response.statusCode >= 500)
          failures.push({
            route,
            field,
            value: shown(value),
            status: response.statusCode,
            body: response.body.slice(0, 300),
          });
      }
    }
    expect(failures).toEqual([]);
  });

  it('answers random values in random fields without a 5xx', async () => {
    const targets = (
      await Promise.all(
        Object.keys(ROWS).map(async (route) =>
          (await targetsOf(route)).map((target) => ({ route, ...target })),
        ),
      )
    ).flat();
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...targets),
        jsonValue,
        urlValue,
        headerValue,
        async ({ route, spec, field }, json, url, header) => {
          const value = field.startsWith('body')
            ? json
            : field.startsWith('headers.')
              ? header
              : url;
          const response = await attempt(route, spec, field, value);
          expect(response.statusCode, `${route} ${field}: ${response.body}`).toBeLessThan(500);
        },
      ),
      { numRuns: 1000 },
    );
  });
});

describe('what bad input is told', () => {
  const problem = (response: LightMyRequestResponse) => ({
    status: response.statusCode,
    details: response.json<{ error: { details?: unknown } }>().error.details,
  });

  it('names the field that holds NUL or half a surrogate pair, wherever it is', async () => {
    const incident = await admin.request({
      method: 'POST',
      url: '/api/v1/incidents',
      payload: fullIncident(schoolA.id, { ...PEOPLE.manual(), name: 'Pat\u0000Visitor' }),
    });
    expect(problem(incident)).toEqual({
      status: 400,
      details: [{ path: 'person.name', message: UNSTORABLE_TEXT }],
    });
    const renamed = await admin.request({
      method: 'PATCH',
      url: '/api/v1/organisation',
      payload: { name: 'Trust \ud800' },
    });
    expect(problem(renamed)).toEqual({
      status: 400,
      details: [{ path: 'name', message: UNSTORABLE_TEXT }],
    });
    const search = await admin.request({ url: '/api/v1/incidents?q=a%00b' });
    expect(problem(search)).toEqual({
      status: 400,
      details: [{ path: 'q', message: UNSTORABLE_TEXT }],
    });
    const login = await bed.t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: 'someone\u0000@school.example', password: PASSWORD },
    });
    expect(problem(login)).toEqual({
      status: 400,
      details: [{ path: 'email', message: UNSTORABLE_TEXT }],
    });
    const start = await bed.t.app.inject({
      url: `/api/v1/auth/sso/${randomUUID()}/start?next=/incidents%00`,
    });
    expect(problem(start)).toEqual({
      status: 400,
      details: [{ path: 'next', message: UNSTORABLE_TEXT }],
    });
  });

  it('refuses dates before 1900 or after 2100, naming the field', async () => {
    const list = await admin.request({ url: '/api/v1/incidents?from=0000-01-01' });
    expect(problem(list)).toEqual({
      status: 400,
      details: [{ path: 'from', message: 'must be between 1900 and 2100' }],
    });
    const incident = await admin.request({
      method: 'POST',
      url: '/api/v1/incidents',
      payload: { ...fullIncident(schoolA.id, PEOPLE.manual()), occurredAt: '2101-01-01T09:00:00Z' },
    });
    expect(problem(incident)).toEqual({
      status: 400,
      details: [{ path: 'occurredAt', message: 'must be between 1900 and 2100' }],
    });
  });

  it('treats a session cookie of bad bytes as no session', async () => {
    for (const value of ['%00', 'a%00b', '%ED%A0%80', 'x'.repeat(4000), '\u00ff']) {
      const response = await bed.t.app.inject({
        url: '/api/v1/me',
        headers: { cookie: `plaster_session=${value}` },
      });
      expect(response.statusCode, value).toBe(401);
    }
  });
});
