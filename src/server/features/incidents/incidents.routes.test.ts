import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signIn, type Client, type TestApp } from '../../../../test/app';
import { buildOrganisation, buildPeople, buildUser, PASSWORD } from '../../../../test/factories';
import type { School } from '../../../shared/api';
import type {
  Incident,
  IncidentHistoryEntry,
  IncidentSummary,
  Location,
  Patterns,
  Person,
} from '../../../shared/incidents-api';
import type { PersonSearchResult } from '../../../shared/people-api';

let t: TestApp;
let admin: Client;
let manager: Client;
let reporterA: Client;
let reporterB: Client;
let viewer: Client;
let schoolA: School;
let schoolB: School;
let placeA: Location;
let pupilIds: string[];

const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000).toISOString();

beforeAll(async () => {
  t = await createTestApp();
  const { organisation, schools } = await buildOrganisation(t.db, { schools: 2 });
  [schoolA, schoolB] = schools as [School, School];
  pupilIds = await buildPeople(t.db, { organisationId: organisation.id, schoolId: schoolA.id }, [
    { firstName: 'Oliver', lastName: 'Smith', ncYear: '4' },
    { firstName: 'Ava', lastName: 'Patel', ncYear: '2' },
    { firstName: 'Noah', lastName: 'Jones', ncYear: '6' },
  ]);
  const id = organisation.id;
  admin = await signIn(t.app, (await buildUser(t.db, id)).email, PASSWORD);
  manager = await signIn(t.app, (await buildUser(t.db, id, { role: 'manager' })).email, PASSWORD);
  reporterA = await signIn(
    t.app,
    (await buildUser(t.db, id, { role: 'reporter', schoolIds: [schoolA.id] })).email,
    PASSWORD,
  );
  reporterB = await signIn(
    t.app,
    (await buildUser(t.db, id, { role: 'reporter', schoolIds: [schoolB.id] })).email,
    PASSWORD,
  );
  viewer = await signIn(t.app, (await buildUser(t.db, id, { role: 'viewer' })).email, PASSWORD);
  placeA = (
    await admin.request({
      method: 'POST',
      url: `/api/v1/schools/${schoolA.id}/locations`,
      payload: { name: 'Playground' },
    })
  ).json<Location>();
});
afterAll(() => t.close());

const baseIncident = (overrides: Record<string, unknown> = {}) => ({
  schoolId: schoolA.id,
  occurredAt: minutesAgo(30),
  locationId: placeA.id,
  category: 'accident_injury',
  person: { kind: 'directory', personId: pupilIds[1] },
  description: 'Tripped on the step by the climbing frame.',
  injuries: [{ type: 'graze', bodyPart: 'knee', side: 'left' }],
  firstAidGiven: true,
  firstAidBy: 'Mrs Khan',
  outcome: 'returned_to_class_or_work',
  ...overrides,
});

async function logIncident(
  client: Client,
  overrides: Record<string, unknown> = {},
): Promise<Incident> {
  const response = await client.request({
    method: 'POST',
    url: '/api/v1/incidents',
    payload: baseIncident(overrides),
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json<Incident>();
}

describe('logging', () => {
  it('logs an incident for a pupil found through search, keeping a snapshot of them', async () => {
    const found = (await reporterA.request({ url: '/api/v1/people/search?q=olivr%20smyth' })).json<{
      results: PersonSearchResult[];
    }>().results[0]!;
    const incident = await logIncident(reporterA, {
      person: { kind: 'directory', personId: found.id },
      headInjury: true,
    });
    expect(incident).toMatchObject({
      school: { id: schoolA.id, name: schoolA.name },
      location: { id: placeA.id, name: 'Playground' },
      person: {
        kind: 'pupil',
        personId: found.id,
        name: 'Oliver Smith',
        yearGroup: '4',
        occupation: null,
      },
      headInjury: true,
      injuries: [{ type: 'graze', bodyPart: 'knee', side: 'left' }],
      status: 'open',
      version: 1,
      riddor: { decision: 'undecided', assessment: { suggestion: 'not_reportable' } },
    });
    expect(incident.number).toBeGreaterThan(0);
    const again = (
      await reporterA.request({ url: `/api/v1/incidents/${incident.id}` })
    ).json<Incident>();
    expect(again).toEqual(incident);
  });

  it('logs a visitor entered by hand, and numbers incidents in order', async () => {
    const first = await logIncident(reporterA);
    const visitor = await logIncident(reporterA, {
      person: {
        kind: 'manual',
        personType: 'visitor',
        name: 'Dan Roberts',
        contact: '07700 900123',
      },
      locationId: null,
      locationDetail: 'Car park by the main gate',
      category: 'near_miss',
      injuries: [],
      firstAidGiven: false,
      firstAidBy: null,
    });
    expect(visitor).toMatchObject({
      person: { kind: 'visitor', personId: null, name: 'Dan Roberts', contact: '07700 900123' },
      location: null,
      locationDetail: 'Car park by the main gate',
    });
    expect(visitor.number).toBe(first.number + 1);
  });

  it('refuses bad input naming the field, and writes nothing', async () => {
    const before = (await admin.request({ url: '/api/v1/incidents' })).json<{ total: number }>()
      .total;
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ category: undefined }, 'category'],
      [{ description: '   ' }, 'description'],
      [{ occurredAt: new Date(Date.now() + 3_600_000).toISOString() }, 'occurredAt'],
      [{ occurredAt: 'yesterday' }, 'occurredAt'],
      [
        { person: { kind: 'directory', personId: '00000000-0000-4000-8000-000000000000' } },
        'person.personId',
      ],
      [{ locationId: null, locationDetail: null }, 'locationId'],
      [
        {
          schoolId: schoolB.id,
          locationId: placeA.id,
          // Someone by hand, so the place is the only thing of school A's.
          person: { kind: 'manual', personType: 'visitor', name: 'Dan Roberts' },
        },
        'locationId',
      ],
      [{ outcome: 'fine' }, 'outcome'],
    ];
    for (const [overrides, field] of cases) {
      const response = await admin.request({
        method: 'POST',
        url: '/api/v1/incidents',
        payload: baseIncident(overrides),
      });
      expect(response.statusCode, `${field}: ${response.body}`).toBe(400);
      const details = response.json<{ error: { details: Array<{ path: string }> } }>().error
        .details;
      expect(details.map((d) => d.path)).toContain(field);
    }
    expect(
      (await admin.request({ url: '/api/v1/incidents' })).json<{ total: number }>().total,
    ).toBe(before);
  });

  it('does not let a viewer log incidents', async () => {
    const response = await viewer.request({
      method: 'POST',
      url: '/api/v1/incidents',
      payload: baseIncident(),
    });
    expect(response.statusCode).toBe(403);
  });
});

describe('editing and history', () => {
  it('records who changed what, and refuses a stale version', async () => {
    const incident = await logIncident(reporterA);
    const edited = await reporterA.request({
      method: 'PATCH',
      url: `/api/v1/incidents/${incident.id}`,
      payload: {
        version: 1,
        description: 'Tripped on the bottom step of the climbing frame.',
        outcome: 'sent_home',
        injuries: [{ type: 'graze', bodyPart: 'knee', side: 'both' }],
      },
    });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json<Incident>()).toMatchObject({ version: 2, outcome: 'sent_home' });

    const stale = await manager.request({
      method: 'PATCH',
      url: `/api/v1/incidents/${incident.id}`,
      payload: { version: 1, witnesses: 'Mr Brown' },
    });
    expect(stale.statusCode).toBe(409);

    const { entries } = (
      await reporterA.request({ url: `/api/v1/incidents/${incident.id}/history` })
    ).json<{
      entries: IncidentHistoryEntry[];
    }>();
    expect(entries.map((e) => e.action)).toEqual(['updated', 'created']);
    expect(entries[0]!.actor).not.toBeNull();
    expect(entries[0]!.changes).toEqual({
      description: [
        'Tripped on the step by the climbing frame.',
        'Tripped on the bottom step of the climbing frame.',
      ],
      outcome: ['returned_to_class_or_work', 'sent_home'],
      injuries: [['graze, knee, left'], ['graze, knee, both']],
    });
  });

  it('lets a reporter change only their own incidents', async () => {
    const byAdmin = await logIncident(admin);
    const response = await reporterA.request({
      method: 'PATCH',
      url: `/api/v1/incidents/${byAdmin.id}`,
      payload: { version: 1, witnesses: 'Me' },
    });
    expect(response.statusCode).toBe(403);
  });
});

describe('status and sign-off', () => {
  it("closes with a manager's sign-off, then refuses changes until reopened", async () => {
    const incident = await logIncident(reporterA);
    const byReporter = await reporterA.request({
      method: 'POST',
      url: `/api/v1/incidents/${incident.id}/status`,
      payload: { version: 1, status: 'closed', note: 'Done' },
    });
    expect(byReporter.statusCode).toBe(403);
    const noNote = await manager.request({
      method: 'POST',
      url: `/api/v1/incidents/${incident.id}/status`,
      payload: { version: 1, status: 'closed' },
    });
    expect(noNote.statusCode).toBe(400);
    expect(noNote.json()).toMatchObject({ error: { details: [{ path: 'note' }] } });

    const closed = await manager.request({
      method: 'POST',
      url: `/api/v1/incidents/${incident.id}/status`,
      payload: { version: 1, status: 'closed', note: 'Parents informed; step repainted.' },
    });
    expect(closed.statusCode, closed.body).toBe(200);
    expect(closed.json<Incident>()).toMatchObject({
      status: 'closed',
      closureNote: 'Parents informed; step repainted.',
      closedBy: { name: 'Test manager' },
      version: 2,
    });
    const edit = await manager.request({
      method: 'PATCH',
      url: `/api/v1/incidents/${incident.id}`,
      payload: { version: 2, witnesses: 'Late addition' },
    });
    expect(edit.statusCode).toBe(409);
    // The RIDDOR report can still be recorded on a closed incident, by a manager.
    const riddor = await manager.request({
      method: 'PATCH',
      url: `/api/v1/incidents/${incident.id}`,
      payload: { version: 2, riddor: { decision: 'not_reportable' } },
    });
    expect(riddor.statusCode, riddor.body).toBe(200);
    expect(riddor.json<Incident>()).toMatchObject({
      status: 'closed',
      version: 3,
      riddor: { decision: 'not_reportable' },
    });
    const reopened = await manager.request({
      method: 'POST',
      url: `/api/v1/incidents/${incident.id}/status`,
      payload: { version: 3, status: 'open' },
    });
    expect(reopened.json<Incident>()).toMatchObject({
      status: 'open',
      closedBy: null,
      closedAt: null,
    });
  });
});

describe('tenancy', () => {
  it("keeps a reporter of school A out of school B's incidents", async () => {
    const inB = await logIncident(admin, {
      schoolId: schoolB.id,
      locationId: null,
      locationDetail: 'Hall',
      person: { kind: 'manual', personType: 'other', name: 'Someone' },
    });
    expect((await reporterA.request({ url: `/api/v1/incidents/${inB.id}` })).statusCode).toBe(404);
    expect(
      (await reporterA.request({ url: `/api/v1/incidents/${inB.id}/history` })).statusCode,
    ).toBe(404);
    const patch = await reporterA.request({
      method: 'PATCH',
      url: `/api/v1/incidents/${inB.id}`,
      payload: { version: 1, description: 'Overwritten' },
    });
    expect(patch.statusCode).toBe(404);
    const list = (await reporterA.request({ url: '/api/v1/incidents?limit=200' })).json<{
      incidents: IncidentSummary[];
    }>();
    expect(list.incidents.every((i) => i.school.id === schoolA.id)).toBe(true);
    expect(
      (await reporterA.request({ url: `/api/v1/incidents?schoolId=${schoolB.id}` })).statusCode,
    ).toBe(404);
    const csv = await reporterA.request({ url: '/api/v1/incidents/export.csv' });
    expect(csv.body).not.toContain('Someone');
    // And school B's reporter cannot log against school A's pupils.
    const cross = await reporterB.request({
      method: 'POST',
      url: '/api/v1/incidents',
      payload: baseIncident({ schoolId: schoolB.id, locationId: null, locationDetail: 'Hall' }),
    });
    expect(cross.statusCode).toBe(400);
    expect(cross.json()).toMatchObject({ error: { details: [{ path: 'person.personId' }] } });
  });
});

describe('repeat flag', () => {
  it('appears after the third incident within the window, and not before', async () => {
    const personId = pupilIds[2]!;
    const flagged = async () => {
      const person = (await manager.request({ url: `/api/v1/people/${personId}` })).json<Person>();
      const search = (await manager.request({ url: '/api/v1/people/search?q=noah%20jones' })).json<{
        results: PersonSearchResult[];
      }>();
      expect(search.results[0]!.repeat).toBe(person.repeat.flagged);
      // One word is answered from the search keys when the whole trust is searched.
      const oneWord = (await manager.request({ url: '/api/v1/people/search?q=noah' })).json<{
        results: PersonSearchResult[];
      }>();
      expect(oneWord.results.find((r) => r.id === personId)).toMatchObject({
        repeat: person.repeat.flagged,
        incidentCount: search.results[0]!.incidentCount,
      });
      return person.repeat;
    };
    // One outside the 30-day window does not count.
    await logIncident(reporterA, {
      person: { kind: 'directory', personId },
      occurredAt: minutesAgo(60 * 24 * 40),
    });
    await logIncident(reporterA, { person: { kind: 'directory', personId } });
    await logIncident(reporterA, { person: { kind: 'directory', personId } });
    expect(await flagged()).toMatchObject({
      flagged: false,
      count: 2,
      threshold: 3,
      windowDays: 30,
    });
    await logIncident(reporterA, { person: { kind: 'directory', personId } });
    expect(await flagged()).toMatchObject({ flagged: true, count: 3 });
    const patterns = (
      await manager.request({ url: '/api/v1/incidents/patterns' })
    ).json<Patterns>();
    expect(patterns.repeatPeople.map((p) => [p.personId, p.count])).toContainEqual([personId, 3]);
  });
});

describe('export', () => {
  it('round-trips awkward names through CSV for Excel, neutralising formulas', async () => {
    const names = [
      'Smith, John',
      'Jo "JJ" Bloggs',
      'Line\nBreak',
      '=HYPERLINK("http://x")',
      'Zoë Ó Súilleabháin',
    ];
    for (const name of names) {
      await logIncident(admin, {
        schoolId: schoolB.id,
        locationId: null,
        locationDetail: 'Office',
        person: { kind: 'manual', personType: 'public', name },
      });
    }
    const response = await admin.request({
      url: `/api/v1/incidents/export.csv?schoolId=${schoolB.id}&personType=public`,
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('text/csv');
    expect(response.headers['content-disposition']).toMatch(
      /attachment; filename="incidents-\d{4}-\d{2}-\d{2}\.csv"/,
    );
    expect(response.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(response.body).toContain('\r\n');
    const rows = parse<Record<string, string>>(response.rawPayload, { bom: true, columns: true });
    expect(rows.map((r) => r.Person).sort()).toEqual(
      [
        'Smith, John',
        'Jo "JJ" Bloggs',
        'Line\nBreak',
        `'=HYPERLINK("http://x")`,
        'Zoë Ó Súilleabháin',
      ].sort(),
    );
    expect(rows.every((r) => r['Person type'] === 'public' && r.School === schoolB.name)).toBe(
      true,
    );
  });
});

describe('RIDDOR lists', () => {
  it('lists staff incidents awaiting a decision and those overdue', async () => {
    const staff = await buildPeople(
      t.db,
      {
        organisationId: (await admin.request({ url: '/api/v1/me' })).json<{
          organisation: { id: string };
        }>().organisation.id,
        schoolId: schoolA.id,
      },
      [{ firstName: 'Sam', lastName: 'Teacher', type: 'staff', occupation: 'Teacher' }],
    );
    const old = await logIncident(admin, {
      person: { kind: 'directory', personId: staff[0] },
      occurredAt: minutesAgo(60 * 24 * 20),
      riddor: { incapacityDays: 9 },
    });
    const recent = await logIncident(admin, { person: { kind: 'directory', personId: staff[0] } });
    expect(old.riddor.assessment).toMatchObject({ suggestion: 'reportable', overdue: true });
    const ids = async (riddor: string) =>
      (await manager.request({ url: `/api/v1/incidents?riddor=${riddor}&limit=200` }))
        .json<{ incidents: IncidentSummary[] }>()
        .incidents.map((i) => i.id);
    expect(await ids('overdue')).toEqual([old.id]);
    expect(await ids('awaiting')).toEqual(expect.arrayContaining([old.id, recent.id]));

    const reported = await manager.request({
      method: 'PATCH',
      url: `/api/v1/incidents/${old.id}`,
      payload: {
        version: 1,
        riddor: { decision: 'reportable', reference: 'RIDDOR-123', reportedOn: '2026-11-20' },
      },
    });
    expect(reported.json<Incident>().riddor.assessment.overdue).toBe(false);
    expect(await ids('overdue')).toEqual([]);
    expect(await ids('reported')).toEqual([old.id]);
  });
});
