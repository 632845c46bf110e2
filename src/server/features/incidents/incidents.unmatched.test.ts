import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signIn, type Client, type TestApp } from '../../../../test/app';
import { buildOrganisation, buildPeople, buildUser, PASSWORD } from '../../../../test/factories';
import type { School } from '../../../shared/api';
import type {
  Incident,
  IncidentHistoryEntry,
  IncidentSummary,
} from '../../../shared/incidents-api';

// A first aider offline cannot search the directory: the app sends the person by name, to be
// matched to their entry later. These tests follow such an incident from logging to sign-off.

let t: TestApp;
let admin: Client;
let manager: Client;
let reporterA: Client;
let schoolA: School;
let schoolB: School;
let oliverId: string;
let teacherId: string;
let otherOrgPupilId: string;
let schoolBPupilId: string;

const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000).toISOString();

beforeAll(async () => {
  t = await createTestApp();
  const { organisation, schools } = await buildOrganisation(t.db, { schools: 2 });
  [schoolA, schoolB] = schools as [School, School];
  [oliverId, teacherId] = (await buildPeople(
    t.db,
    { organisationId: organisation.id, schoolId: schoolA.id },
    [
      { firstName: 'Oliver', lastName: 'Smith', ncYear: '4' },
      { firstName: 'Sam', lastName: 'Teacher', type: 'staff', occupation: 'Teacher' },
    ],
  )) as [string, string];
  [schoolBPupilId] = (await buildPeople(
    t.db,
    { organisationId: organisation.id, schoolId: schoolB.id },
    [{ firstName: 'Oliver', lastName: 'Smith', ncYear: '4' }],
  )) as [string];
  const id = organisation.id;
  admin = await signIn(t.app, (await buildUser(t.db, id)).email, PASSWORD);
  manager = await signIn(t.app, (await buildUser(t.db, id, { role: 'manager' })).email, PASSWORD);
  reporterA = await signIn(
    t.app,
    (await buildUser(t.db, id, { role: 'reporter', schoolIds: [schoolA.id] })).email,
    PASSWORD,
  );
  const other = await buildOrganisation(t.db, { schools: 1 });
  [otherOrgPupilId] = (await buildPeople(
    t.db,
    { organisationId: other.organisation.id, schoolId: other.schools[0]!.id },
    [{ firstName: 'Oliver', lastName: 'Smith', ncYear: '4' }],
  )) as [string];
});
afterAll(() => t.close());

const toMatch = (name: string, personType: 'pupil' | 'staff' = 'pupil') => ({
  kind: 'unmatched',
  personType,
  name,
});

const body = (overrides: Record<string, unknown> = {}) => ({
  schoolId: schoolA.id,
  occurredAt: minutesAgo(30),
  locationDetail: 'Playground',
  category: 'accident_injury',
  person: toMatch('Olivr Smyth'),
  description: 'Tripped on the step by the climbing frame.',
  outcome: 'returned_to_class_or_work',
  ...overrides,
});

async function logIncident(client: Client, overrides: Record<string, unknown> = {}) {
  const response = await client.request({
    method: 'POST',
    url: '/api/v1/incidents',
    payload: body(overrides),
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json<Incident>();
}

const patch = (client: Client, id: string, payload: Record<string, unknown>) =>
  client.request({ method: 'PATCH', url: `/api/v1/incidents/${id}`, payload });

const close = (client: Client, id: string, version: number) =>
  client.request({
    method: 'POST',
    url: `/api/v1/incidents/${id}/status`,
    payload: { version, status: 'closed', note: 'Parents informed.' },
  });

async function idsToMatch(client: Client): Promise<string[]> {
  const response = await client.request({ url: '/api/v1/incidents?unmatched=true&limit=200' });
  expect(response.statusCode, response.body).toBe(200);
  const list = response.json<{ incidents: IncidentSummary[]; total: number }>();
  expect(list.total).toBe(list.incidents.length);
  expect(list.incidents.every((i) => i.person.unmatched)).toBe(true);
  return list.incidents.map((i) => i.id);
}

describe('the person of an incident', () => {
  it('is one of its school’s: a namesake at another school of the trust is refused', async () => {
    const logged = await admin.request({
      method: 'POST',
      url: '/api/v1/incidents',
      payload: body({ person: { kind: 'directory', personId: schoolBPupilId } }),
    });
    expect(logged.statusCode, logged.body).toBe(400);
    expect(logged.json()).toMatchObject({
      error: { details: [{ path: 'person.personId', message: expect.stringMatching(/school/) }] },
    });

    const incident = await logIncident(admin);
    const matched = await patch(admin, incident.id, {
      version: incident.version,
      person: { kind: 'directory', personId: schoolBPupilId },
    });
    expect(matched.statusCode, matched.body).toBe(400);
    const after = await admin.request({ url: `/api/v1/incidents/${incident.id}` });
    expect(after.json<Incident>().person).toMatchObject({ personId: null, unmatched: true });
  });
});

describe('a person to match', () => {
  it('is logged by name and type alone, marked to match', async () => {
    const pupil = await logIncident(reporterA);
    expect(pupil.person).toEqual({
      kind: 'pupil',
      personId: null,
      name: 'Olivr Smyth',
      yearGroup: null,
      occupation: null,
      contact: null,
      unmatched: true,
    });
    const staff = await logIncident(reporterA, { person: toMatch('Sam Teecher', 'staff') });
    expect(staff.person).toMatchObject({ kind: 'staff', personId: null, unmatched: true });
    // The usual kinds of person are not to match.
    const found = await logIncident(reporterA, {
      person: { kind: 'directory', personId: oliverId },
    });
    expect(found.person).toMatchObject({ personId: oliverId, unmatched: false });
    const visitor = await logIncident(reporterA, {
      person: { kind: 'manual', personType: 'visitor', name: 'Dan Roberts' },
    });
    expect(visitor.person).toMatchObject({ kind: 'visitor', unmatched: false });
  });

  it('refuses a malformed person to match, naming the field', async () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ ...toMatch('Someone'), personType: 'visitor' }, 'person.personType'],
      [{ ...toMatch('   ') }, 'person.name'],
      [{ ...toMatch('x'.repeat(201)) }, 'person.name'],
      [{ ...toMatch('Someone'), contact: '07700 900123' }, 'person'],
      [{ ...toMatch('Someone'), personId: oliverId }, 'person'],
    ];
    for (const [person, path] of cases) {
      const response = await reporterA.request({
        method: 'POST',
        url: '/api/v1/incidents',
        payload: body({ person }),
      });
      expect(response.statusCode, `${path}: ${response.body}`).toBe(400);
      const details = response.json<{ error: { details: Array<{ path: string }> } }>().error
        .details;
      expect(details.map((d) => d.path)).toContain(path);
    }
  });

  it('is listed with unmatched=true, within the caller’s schools', async () => {
    const inA = await logIncident(reporterA);
    const inB = await logIncident(admin, { schoolId: schoolB.id });
    const matched = await logIncident(reporterA, {
      person: { kind: 'directory', personId: oliverId },
    });

    const forAdmin = await idsToMatch(admin);
    expect(forAdmin).toEqual(expect.arrayContaining([inA.id, inB.id]));
    expect(forAdmin).not.toContain(matched.id);
    const forReporter = await idsToMatch(reporterA);
    expect(forReporter).toContain(inA.id);
    expect(forReporter).not.toContain(inB.id);
    expect(forReporter).not.toContain(matched.id);

    const bad = await admin.request({ url: '/api/v1/incidents?unmatched=yes' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ error: { details: [{ path: 'unmatched' }] } });
  });

  it('is matched by changing the person to their directory entry, as the history shows', async () => {
    const incident = await logIncident(reporterA);
    const matched = await patch(reporterA, incident.id, {
      version: 1,
      person: { kind: 'directory', personId: oliverId },
    });
    expect(matched.statusCode, matched.body).toBe(200);
    expect(matched.json<Incident>()).toMatchObject({
      version: 2,
      person: {
        kind: 'pupil',
        personId: oliverId,
        name: 'Oliver Smith',
        yearGroup: '4',
        occupation: null,
        unmatched: false,
      },
    });
    expect(await idsToMatch(admin)).not.toContain(incident.id);

    const { entries } = (
      await reporterA.request({ url: `/api/v1/incidents/${incident.id}/history` })
    ).json<{ entries: IncidentHistoryEntry[] }>();
    expect(entries.map((e) => e.action)).toEqual(['updated', 'created']);
    expect(entries[0]!.changes).toEqual({
      person: ['Olivr Smyth (to match)', 'Oliver Smith (Year 4)'],
    });

    // A member of staff is matched the same way, their job title from the directory.
    const staff = await logIncident(reporterA, { person: toMatch('Sam Teecher', 'staff') });
    const staffMatched = await patch(reporterA, staff.id, {
      version: 1,
      person: { kind: 'directory', personId: teacherId },
    });
    expect(staffMatched.json<Incident>().person).toMatchObject({
      kind: 'staff',
      name: 'Sam Teacher',
      occupation: 'Teacher',
      unmatched: false,
    });
  });

  it('is no longer to match once entered by hand instead, and can be marked to match again', async () => {
    const incident = await logIncident(reporterA);
    const byHand = await patch(reporterA, incident.id, {
      version: 1,
      person: { kind: 'manual', personType: 'visitor', name: 'Olive Smyth' },
    });
    expect(byHand.json<Incident>().person).toMatchObject({ kind: 'visitor', unmatched: false });
    const again = await patch(reporterA, incident.id, {
      version: 2,
      person: toMatch('Olivr Smyth'),
    });
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json<Incident>().person).toMatchObject({
      kind: 'pupil',
      personId: null,
      unmatched: true,
    });
    expect(await idsToMatch(reporterA)).toContain(incident.id);
  });

  it('cannot be matched to a person of another organisation', async () => {
    const incident = await logIncident(reporterA);
    const response = await patch(manager, incident.id, {
      version: 1,
      person: { kind: 'directory', personId: otherOrgPupilId },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ error: { details: [{ path: 'person.personId' }] } });
    const unchanged = (
      await manager.request({ url: `/api/v1/incidents/${incident.id}` })
    ).json<Incident>();
    expect(unchanged).toMatchObject({
      version: 1,
      person: { personId: null, name: 'Olivr Smyth', unmatched: true },
    });
  });

  it('blocks the sign-off until matched', async () => {
    const incident = await logIncident(reporterA);
    const refused = await close(manager, incident.id, 1);
    expect(refused.statusCode, refused.body).toBe(400);
    expect(refused.json()).toMatchObject({
      error: {
        code: 'validation',
        details: [
          {
            path: 'person',
            message: 'Match the person to the school’s records before signing off.',
          },
        ],
      },
    });
    const still = (
      await manager.request({ url: `/api/v1/incidents/${incident.id}` })
    ).json<Incident>();
    expect(still).toMatchObject({ status: 'open', version: 1, closedAt: null });

    // Under review is fine: only the sign-off needs the person matched.
    const review = await manager.request({
      method: 'POST',
      url: `/api/v1/incidents/${incident.id}/status`,
      payload: { version: 1, status: 'under_review' },
    });
    expect(review.statusCode, review.body).toBe(200);
    const matched = await patch(manager, incident.id, {
      version: 2,
      person: { kind: 'directory', personId: oliverId },
    });
    expect(matched.statusCode, matched.body).toBe(200);
    const closed = await close(manager, incident.id, 3);
    expect(closed.statusCode, closed.body).toBe(200);
    expect(closed.json<Incident>()).toMatchObject({ status: 'closed' });
  });

  it('is marked "(to match)" in the CSV export', async () => {
    const incident = await logIncident(admin, {
      schoolId: schoolB.id,
      person: toMatch('Ada Lovelace-Byron'),
    });
    await logIncident(admin, {
      schoolId: schoolB.id,
      person: { kind: 'manual', personType: 'visitor', name: 'Grace Hopper' },
    });
    const response = await admin.request({
      url: `/api/v1/incidents/export.csv?schoolId=${schoolB.id}`,
    });
    expect(response.statusCode).toBe(200);
    const rows = parse<Record<string, string>>(response.rawPayload, { bom: true, columns: true });
    const byNumber = new Map(rows.map((r) => [r.Number, r]));
    expect(byNumber.get(String(incident.number))).toMatchObject({
      Person: 'Ada Lovelace-Byron (to match)',
      'Person type': 'pupil',
    });
    expect(rows.find((r) => r.Person?.startsWith('Grace'))?.Person).toBe('Grace Hopper');
  });
});
