import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signIn, type Client, type TestApp } from '../../../../test/app';
import {
  buildOrganisation,
  buildPeople,
  buildUser,
  PASSWORD,
  type PersonSpec,
} from '../../../../test/factories';
import type { PersonSearchResult } from '../../../shared/people-api';
import type { School } from '../../../shared/api';

let t: TestApp;
let trustAdmin: Client;
let reporterA: Client;
let otherOrg: Client;
let schoolA: School;
let schoolB: School;

const directoryA: PersonSpec[] = [
  { firstName: 'Oliver', lastName: 'Smith', ncYear: '7' },
  { firstName: 'Oliver', lastName: 'Smith', ncYear: '3' },
  { firstName: 'Olivia', lastName: 'Smithers', ncYear: '5' },
  { firstName: 'Zoë', lastName: "O'Connor", ncYear: 'R' },
  { firstName: 'Liam', lastName: "O'Brien", ncYear: '2' },
  { firstName: 'Amelia', lastName: 'Smith-Jones', ncYear: '6' },
  { firstName: 'Siobhán', lastName: 'Murphy', ncYear: '4' },
  { firstName: 'An', lastName: 'Nguyễn', ncYear: '1' },
  { firstName: 'Mo', lastName: 'Ali', legalFirstName: 'Muhammad', ncYear: '9' },
  { firstName: 'Olly', lastName: 'Smith', ncYear: '11', status: 'left' },
  { firstName: 'Sarah', lastName: 'Oliver', type: 'staff', occupation: 'Class Teacher' },
];

beforeAll(async () => {
  t = await createTestApp();
  const trust = await buildOrganisation(t.db, { schools: 2 });
  [schoolA, schoolB] = trust.schools as [School, School];
  const orgId = trust.organisation.id;
  const ids = await buildPeople(t.db, { organisationId: orgId, schoolId: schoolA.id }, directoryA);
  await buildPeople(t.db, { organisationId: orgId, schoolId: schoolB.id }, [
    { firstName: 'Oliver', lastName: 'Smith', ncYear: '10' },
    { firstName: 'Anika', lastName: 'Anderson', ncYear: '2' },
    { firstName: 'Smita', lastName: 'Patel', type: 'staff', occupation: 'Cook' },
  ]);
  const other = await buildOrganisation(t.db, { schools: 1 });
  await buildPeople(
    t.db,
    { organisationId: other.organisation.id, schoolId: other.schools[0]!.id },
    [
      { firstName: 'Oliver', lastName: 'Smith', ncYear: '8' },
      { firstName: 'Zoe', lastName: 'Other', ncYear: '8' },
    ],
  );

  trustAdmin = await signIn(t.app, (await buildUser(t.db, orgId)).email, PASSWORD);
  reporterA = await signIn(
    t.app,
    (await buildUser(t.db, orgId, { role: 'reporter', schoolIds: [schoolA.id] })).email,
    PASSWORD,
  );
  otherOrg = await signIn(
    t.app,
    (await buildUser(t.db, other.organisation.id, { role: 'viewer' })).email,
    PASSWORD,
  );
  void ids;
});
afterAll(() => t.close());

async function search(
  client: Client,
  query: Record<string, string>,
): Promise<PersonSearchResult[]> {
  const response = await client.request({
    url: `/api/v1/people/search?${new URLSearchParams(query)}`,
  });
  expect(response.statusCode, response.body).toBe(200);
  return response.json<{ results: PersonSearchResult[] }>().results;
}

const label = (r: PersonSearchResult) =>
  `${r.firstName} ${r.lastName}${r.yearGroup ? ` Y${r.yearGroup}` : ''}${r.status === 'left' ? ' (left)' : ''}`;

describe('matching (school A, as its reporter)', () => {
  it.each([
    ['oli smi', ['Oliver Smith Y3', 'Oliver Smith Y7', 'Olivia Smithers Y5']],
    ['smith o', ['Oliver Smith Y3', 'Oliver Smith Y7', 'Olivia Smithers Y5']],
    ['SMITH OLIVER', ['Oliver Smith Y3', 'Oliver Smith Y7']],
    ['Olivr Smyth', ['Oliver Smith Y3', 'Oliver Smith Y7']],
    ['zoe', ['Zoë O\u2019Connor YR'.replace('\u2019', "'")]],
    ['oconnor', ["Zoë O'Connor YR"]],
    ['obrien', ["Liam O'Brien Y2"]],
    ["o'brien", ["Liam O'Brien Y2"]],
    ['jones', ['Amelia Smith-Jones Y6']],
    ['smith-jones', ['Amelia Smith-Jones Y6']],
    ['siobhan', ['Siobhán Murphy Y4']],
    ['nguyen', ['An Nguyễn Y1']],
    ['muhammad', ['Mo Ali Y9']],
    ['xyzzy', []],
  ])('%s', async (q, expected) => {
    const results = await search(reporterA, { q, type: 'pupil' });
    expect(results.slice(0, expected.length).map(label).sort()).toEqual([...expected].sort());
    if (expected.length === 0) expect(results).toEqual([]);
  });

  it('ranks exact words above prefixes, prefixes above typos, current above left', async () => {
    const results = await search(reporterA, { q: 'smith', includeLeavers: 'true' });
    expect(results.map(label)).toEqual([
      'Oliver Smith Y3',
      'Oliver Smith Y7',
      'Amelia Smith-Jones Y6',
      'Olly Smith Y11 (left)',
      'Olivia Smithers Y5',
    ]);
    // "olive" begins Oliver (first and last names): near misses such as Olivia are left out.
    const prefix = await search(reporterA, { q: 'olive', includeLeavers: 'true' });
    expect(prefix.map(label)).toEqual(['Sarah Oliver', 'Oliver Smith Y3', 'Oliver Smith Y7']);
    // "olivr" begins no name: the closest names follow, nearest first.
    const typo = await search(reporterA, { q: 'olivr', includeLeavers: 'true' });
    expect(typo.map(label)).toEqual([
      'Sarah Oliver',
      'Oliver Smith Y3',
      'Oliver Smith Y7',
      'Olivia Smithers Y5',
    ]);
  });

  it('returns leavers only when asked', async () => {
    expect(await search(reporterA, { q: 'olly' })).toEqual([]);
    expect((await search(reporterA, { q: 'olly', includeLeavers: 'true' })).map(label)).toEqual([
      'Olly Smith Y11 (left)',
    ]);
  });

  it('filters by type, and describes each result so namesakes can be told apart', async () => {
    const staff = await search(reporterA, { q: 'oliver', type: 'staff' });
    expect(staff).toEqual([
      expect.objectContaining({
        type: 'staff',
        firstName: 'Sarah',
        lastName: 'Oliver',
        occupation: 'Class Teacher',
        yearGroup: null,
        schoolId: schoolA.id,
        schoolName: schoolA.name,
        status: 'current',
        incidentCount: 0,
        repeat: false,
      }),
    ]);
    const pupils = await search(reporterA, { q: 'oliver smith' });
    expect(pupils.map((r) => r.yearGroup)).toEqual(['3', '7']);
  });

  it('names a bad query in a 400', async () => {
    for (const query of ['', 'q=', 'q=a&limit=0', 'q=a&type=parent', 'q=a&schoolId=nope']) {
      const response = await reporterA.request({ url: `/api/v1/people/search?${query}` });
      expect(response.statusCode, query).toBe(400);
    }
  });
});

describe('trust-wide', () => {
  // One word over the whole trust is answered from the search keys, not the people table.
  it('finds and ranks as a search within the school does', async () => {
    const queries = ['s', 'sm', 'smi', 'smith', 'o', 'ol', 'olive', 'z', 'zo', 'an', 'jo', 'mu'];
    queries.push('olivr', 'smiht', 'olivr smyth', 'sarah olivr');
    for (const q of queries) {
      const filterSets: Array<Record<string, string>> = [
        {},
        { includeLeavers: 'true' },
        { type: 'pupil' },
        { type: 'staff' },
      ];
      for (const filters of filterSets) {
        const wide = await search(trustAdmin, { q, limit: '50', ...filters });
        const inSchoolA = await search(reporterA, { q, limit: '50', ...filters });
        expect(
          wide.filter((r) => r.schoolId === schoolA.id),
          `${q} ${JSON.stringify(filters)}`,
        ).toEqual(inSchoolA);
      }
    }
  });

  it('puts exact words first, then current before left, then by surname', async () => {
    const smith = await search(trustAdmin, { q: 'smith', includeLeavers: 'true' });
    expect(smith.map(label)).toEqual([
      'Oliver Smith Y10',
      'Oliver Smith Y3',
      'Oliver Smith Y7',
      'Amelia Smith-Jones Y6',
      'Olly Smith Y11 (left)',
      'Olivia Smithers Y5',
    ]);
    const an = await search(trustAdmin, { q: 'an' });
    expect(an.map(label)).toEqual(['An Nguyễn Y1', 'Anika Anderson Y2']);
    const sm = await search(trustAdmin, { q: 'sm' });
    expect(sm.map(label)).toEqual([
      'Smita Patel',
      'Oliver Smith Y10',
      'Oliver Smith Y3',
      'Oliver Smith Y7',
      'Amelia Smith-Jones Y6',
      'Olivia Smithers Y5',
    ]);
  });
});

describe('scope', () => {
  it('lets a trust user search every school, each result labelled with its school', async () => {
    const results = await search(trustAdmin, { q: 'oliver smith' });
    expect(
      results
        .slice(0, 3)
        .map((r) => [r.yearGroup, r.schoolName])
        .sort(),
    ).toEqual(
      [
        ['10', schoolB.name],
        ['3', schoolA.name],
        ['7', schoolA.name],
      ].sort(),
    );
    const onlyB = await search(trustAdmin, { q: 'oliver smith', schoolId: schoolB.id });
    expect(onlyB.map((r) => [r.yearGroup, r.schoolId])).toEqual([['10', schoolB.id]]);
  });

  it("never shows a school-scoped reporter another school's pupils", async () => {
    for (const q of ['oliver', 'smith', 'o', 'Olivr Smyth', 'oliver smith']) {
      const results = await search(reporterA, { q, includeLeavers: 'true' });
      expect(
        results.every((r) => r.schoolId === schoolA.id),
        q,
      ).toBe(true);
    }
    const asked = await reporterA.request({
      url: `/api/v1/people/search?q=oliver&schoolId=${schoolB.id}`,
    });
    expect(asked.statusCode).toBe(404);
  });

  it("never returns another organisation's people, whatever the query", async () => {
    for (const q of ['oliver', 'smith', 'zoe', 'Olivr Smyth', 'o']) {
      const results = await search(otherOrg, { q, includeLeavers: 'true' });
      expect(
        results.every((r) => r.schoolName.includes('School 1 of Trust')),
        q,
      ).toBe(true);
      expect(results.map((r) => r.schoolId)).not.toContain(schoolA.id);
      expect(results.map((r) => r.schoolId)).not.toContain(schoolB.id);
    }
    const theirs = await search(otherOrg, { q: 'zoe' });
    expect(theirs.map(label)).toEqual(['Zoe Other Y8']);
  });

  it('answers every caller from their own schools when the same search comes again and again', async () => {
    // Each shape of search is prepared once and run with each caller's values; PostgreSQL
    // switches to a plan of its own after five runs.
    const callers = [trustAdmin, otherOrg, reporterA] as const;
    for (const q of ['oliver smith', 'olivr', 'o']) {
      const first: PersonSearchResult[][] = [];
      for (const caller of callers) first.push(await search(caller, { q }));
      const [ofTrust, ofOther, ofReporter] = first as [
        PersonSearchResult[],
        PersonSearchResult[],
        PersonSearchResult[],
      ];
      expect(
        ofTrust.some((r) => r.schoolId === schoolB.id),
        q,
      ).toBe(true);
      expect(ofOther.length, q).toBeGreaterThan(0);
      expect(
        ofOther.every((r) => r.schoolId !== schoolA.id && r.schoolId !== schoolB.id),
        q,
      ).toBe(true);
      expect(ofReporter.length, q).toBeGreaterThan(0);
      expect(
        ofReporter.every((r) => r.schoolId === schoolA.id),
        q,
      ).toBe(true);
      for (let round = 0; round < 7; round++) {
        for (const [i, caller] of callers.entries()) {
          expect(await search(caller, { q }), `${q}, round ${round}`).toEqual(first[i]);
        }
      }
    }
  });
});
