import { randomUUID } from 'node:crypto';
import { count, eq } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signIn, type Client, type TestApp } from '../../../../test/app';
import { buildOrganisation, buildPeople, buildUser, PASSWORD } from '../../../../test/factories';
import type { School } from '../../../shared/api';
import type { Incident } from '../../../shared/incidents-api';
import { incidentHistory, incidents } from '../../db/schema';
import { uniqueViolationOf } from '../../lib/errors';
import { insertIncident } from './incidents.repo';

let t: TestApp;
let admin: Client;
let reporter: Client;
let reporterId: string;
let otherReporter: Client;
let otherOrgReporter: Client;
let schoolA: School;
let schoolB: School;
let otherSchool: School;
let pupilId: string;

const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000).toISOString();
/** A key as an app would make one; a new one per test, so tests never share one. */
const newKey = () => `plaster-${randomUUID()}`;

beforeAll(async () => {
  t = await createTestApp();
  const { organisation, schools } = await buildOrganisation(t.db, { schools: 2 });
  [schoolA, schoolB] = schools as [School, School];
  [pupilId] = (await buildPeople(t.db, { organisationId: organisation.id, schoolId: schoolA.id }, [
    { firstName: 'Oliver', lastName: 'Smith', ncYear: '4' },
  ])) as [string];
  admin = await signIn(t.app, (await buildUser(t.db, organisation.id)).email, PASSWORD);
  const reporterUser = await buildUser(t.db, organisation.id, {
    role: 'reporter',
    schoolIds: [schoolA.id],
  });
  reporterId = reporterUser.id;
  reporter = await signIn(t.app, reporterUser.email, PASSWORD);
  otherReporter = await signIn(
    t.app,
    (await buildUser(t.db, organisation.id, { role: 'reporter', schoolIds: [schoolA.id] })).email,
    PASSWORD,
  );
  const other = await buildOrganisation(t.db, { schools: 1 });
  otherSchool = other.schools[0]!;
  otherOrgReporter = await signIn(
    t.app,
    (await buildUser(t.db, other.organisation.id, { role: 'reporter' })).email,
    PASSWORD,
  );
});
afterAll(() => t.close());

// The same moment for every request of a test, so that a retry's body is the same body.
const occurredAt = minutesAgo(30);

const body = (overrides: Record<string, unknown> = {}) => ({
  schoolId: schoolA.id,
  occurredAt,
  locationDetail: 'Playground',
  category: 'accident_injury',
  person: { kind: 'directory', personId: pupilId },
  description: 'Tripped on the step by the climbing frame.',
  injuries: [{ type: 'graze', bodyPart: 'knee', side: 'left' }],
  outcome: 'returned_to_class_or_work',
  ...overrides,
});

const post = (client: Client, key: string | undefined, payload: Record<string, unknown> = body()) =>
  client.request({
    method: 'POST',
    url: '/api/v1/incidents',
    payload,
    headers: key === undefined ? {} : { 'idempotency-key': key },
  });

/** Incidents stored under a key, whoever sent it: what the database holds, not what is shown. */
async function rowsWithKey(key: string): Promise<number> {
  const [row] = await t.db
    .select({ n: count() })
    .from(incidents)
    .where(eq(incidents.idempotencyKey, key));
  return row!.n;
}

async function historyCount(incidentId: string): Promise<number> {
  const [row] = await t.db
    .select({ n: count() })
    .from(incidentHistory)
    .where(eq(incidentHistory.incidentId, incidentId));
  return row!.n;
}

async function totalIncidents(): Promise<number> {
  const [row] = await t.db.select({ n: count() }).from(incidents);
  return row!.n;
}

const idOf = (response: LightMyRequestResponse) => response.json<Incident>().id;

describe('Idempotency-Key on logging an incident', () => {
  it('logs the first request (201) and answers its retry with that incident (200), once', async () => {
    const key = newKey();
    const first = await post(reporter, key);
    expect(first.statusCode, first.body).toBe(201);
    expect(first.headers['idempotent-replayed']).toBeUndefined();

    const retry = await post(reporter, key);
    expect(retry.statusCode, retry.body).toBe(200);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.json<Incident>()).toEqual(first.json<Incident>());

    expect(await rowsWithKey(key)).toBe(1);
    expect(await historyCount(idOf(first))).toBe(1);
    // The key and the request's fingerprint stay on the server: not answered, not logged.
    for (const response of [first, retry]) {
      expect(response.body).not.toContain(key);
      expect(response.body.toLowerCase()).not.toContain('idempotency');
    }
    expect(t.logs.some((line) => line.includes(key))).toBe(false);
  });

  it('answers a retry with the incident as it is now, after an edit', async () => {
    // The retry's answer is the incident's current state, not a copy of the first answer: the
    // app wants the record as the book holds it, and keeping old answers would mean storing
    // them too. Its id, number and "created" entry are the first request's.
    const key = newKey();
    const first = await post(reporter, key);
    expect(first.statusCode, first.body).toBe(201);
    const edited = await reporter.request({
      method: 'PATCH',
      url: `/api/v1/incidents/${idOf(first)}`,
      payload: { version: 1, description: 'Tripped on the bottom step.' },
    });
    expect(edited.statusCode, edited.body).toBe(200);

    const retry = await post(reporter, key);
    expect(retry.statusCode, retry.body).toBe(200);
    expect(retry.json<Incident>()).toEqual(edited.json<Incident>());
    expect(retry.json<Incident>()).toMatchObject({
      id: idOf(first),
      number: first.json<Incident>().number,
      version: 2,
      description: 'Tripped on the bottom step.',
    });
    expect(await rowsWithKey(key)).toBe(1);
  });

  it('refuses the key again with a different body (409), and writes nothing', async () => {
    const key = newKey();
    const first = await post(reporter, key);
    expect(first.statusCode, first.body).toBe(201);
    const before = await totalIncidents();

    const different = await post(reporter, key, body({ description: 'Another fall.' }));
    expect(different.statusCode, different.body).toBe(409);
    expect(different.json()).toEqual({
      error: {
        code: 'conflict',
        message: expect.stringContaining(
          'This Idempotency-Key was already used for a different incident.',
        ) as unknown,
      },
    });
    expect(different.headers['idempotent-replayed']).toBeUndefined();
    expect(await totalIncidents()).toBe(before);
    expect(await historyCount(idOf(first))).toBe(1);
  });

  it('refuses a malformed key naming the header (400), and writes nothing', async () => {
    const before = await totalIncidents();
    const malformed = [
      'too-short',
      'x'.repeat(201),
      'has spaces in it, no',
      'ümlaut-key-000000',
      '',
    ];
    for (const key of malformed) {
      const response = await post(reporter, key);
      expect(response.statusCode, `${JSON.stringify(key)}: ${response.body}`).toBe(400);
      const error = response.json<{
        error: { code: string; message: string; details: Array<{ path: string }> };
      }>().error;
      expect(error.code).toBe('validation');
      expect(error.message).toContain('Idempotency-Key');
      expect(error.details.map((d) => d.path)).toEqual(['Idempotency-Key']);
    }
    expect(await totalIncidents()).toBe(before);
    // At the limits of its length, a key is taken.
    expect((await post(reporter, 'k'.repeat(16))).statusCode).toBe(201);
    expect((await post(reporter, `A.b_c:d-${'9'.repeat(192)}`)).statusCode).toBe(201);
  });

  it('logs one incident for identical requests sent at the same moment', async () => {
    for (const parallel of [2, 5]) {
      const key = newKey();
      const responses = await Promise.all(
        Array.from({ length: parallel }, () => post(reporter, key)),
      );
      const statuses = responses.map((r) => r.statusCode);
      // One of them logs it; each of the others is answered as a retry of it.
      expect(
        statuses.filter((s) => s === 201),
        responses.map((r) => r.body).join('\n'),
      ).toHaveLength(1);
      expect(statuses.filter((s) => s === 200)).toHaveLength(parallel - 1);
      expect(new Set(responses.map(idOf)).size).toBe(1);
      expect(
        responses
          .filter((r) => r.statusCode === 200)
          .every((r) => r.headers['idempotent-replayed'] === 'true'),
      ).toBe(true);
      expect(await rowsWithKey(key)).toBe(1);
      expect(await historyCount(idOf(responses[0]!))).toBe(1);
    }
  });

  it('tells the key’s index from the number’s on this engine, as the create relies on', async () => {
    // Over HTTP, PGlite runs one statement at a time and the second request finds the first's
    // row before it inserts; PostgreSQL runs them at once and the index answers (test above).
    // Here a copy of a stored row meets each index, to show each engine names the one it hit.
    const key = newKey();
    const first = await post(reporter, key);
    expect(first.statusCode, first.body).toBe(201);
    const [row] = await t.db
      .select()
      .from(incidents)
      .where(eq(incidents.id, idOf(first)));
    const { id: _id, ...copy } = row!;
    const violated = (values: typeof copy) =>
      insertIncident(t.db, values).then(
        () => 'inserted',
        (error: unknown) => uniqueViolationOf(error),
      );
    expect(await violated({ ...copy, number: copy.number + 10_000 })).toBe(
      'incidents_idempotency_key',
    );
    expect(await violated({ ...copy, idempotencyKey: newKey() })).toBe(
      'incidents_organisation_number_key',
    );
  });

  it('keeps each user’s keys their own, within and across organisations', async () => {
    const key = newKey();
    const mine = await post(reporter, key);
    expect(mine.statusCode, mine.body).toBe(201);

    // Another user of the same organisation, the same key and body: their own incident.
    const colleague = await post(otherReporter, key);
    expect(colleague.statusCode, colleague.body).toBe(201);
    expect(idOf(colleague)).not.toBe(idOf(mine));

    // A user of another organisation with the same key: never this organisation's incident.
    const stranger = await post(
      otherOrgReporter,
      key,
      body({
        schoolId: otherSchool.id,
        person: { kind: 'manual', personType: 'visitor', name: 'A visitor' },
      }),
    );
    expect(stranger.statusCode, stranger.body).toBe(201);
    expect(stranger.json<Incident>().school.id).toBe(otherSchool.id);
    expect([idOf(mine), idOf(colleague)]).not.toContain(idOf(stranger));

    // Each retry answers its own sender's incident.
    expect(idOf(await post(reporter, key))).toBe(idOf(mine));
    expect(idOf(await post(otherReporter, key))).toBe(idOf(colleague));
    expect(await rowsWithKey(key)).toBe(3);
  });

  it('answers a retry through the sender’s scope as it is now', async () => {
    const key = newKey();
    const first = await post(reporter, key);
    expect(first.statusCode, first.body).toBe(201);
    // Moved to school B: school A's incidents, this one too, are out of their sight.
    const moved = await admin.request({
      method: 'PATCH',
      url: `/api/v1/users/${reporterId}`,
      payload: { schoolIds: [schoolB.id] },
    });
    expect(moved.statusCode, moved.body).toBe(200);
    try {
      const retry = await post(reporter, key);
      expect(retry.statusCode, retry.body).toBe(404);
      expect(retry.body).not.toContain(idOf(first));
      expect(await rowsWithKey(key)).toBe(1);
    } finally {
      await admin.request({
        method: 'PATCH',
        url: `/api/v1/users/${reporterId}`,
        payload: { schoolIds: [schoolA.id] },
      });
    }
  });

  it('shows the header in the OpenAPI document', async () => {
    const doc = (await t.app.inject({ url: '/api/docs/json' })).json<{
      paths: Record<string, { post?: { parameters?: Array<{ in: string; name: string }> } }>;
    }>();
    expect(doc.paths['/api/v1/incidents']?.post?.parameters).toContainEqual(
      expect.objectContaining({ in: 'header', name: 'idempotency-key' }),
    );
  });
});
