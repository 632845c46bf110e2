import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SimSchool } from './dataset.types';
import { getJson, walkPages } from './http-test.helpers';
import type { ListPage } from './http-test.helpers';
import { startWondeSimulator } from './wonde-simulator.server';
import type { WondeSimulator } from './wonde-simulator.server';

let sim: WondeSimulator;
let schools: SimSchool[];

beforeAll(async () => {
  // A primary and a secondary of realistic size: thousands of records over many pages.
  sim = await startWondeSimulator({ seed: 21, schools: 2, enableControlApi: false });
  schools = sim.controls.snapshot().schools;
});

afterAll(async () => {
  await sim.close();
});

/** Checks every page's meta and returns the ids of all items, in order. */
function checkPages(pages: ListPage[], firstUrl: string, perPage: number): string[] {
  expect(pages.length).toBeGreaterThan(0);
  const keptQuery = new URL(firstUrl).search
    .slice(1)
    .split('&')
    .filter((pair) => pair !== '' && !pair.startsWith('page='));
  pages.forEach((page, index) => {
    const { pagination } = page.meta;
    const isLast = index === pages.length - 1;
    expect(pagination.current_page).toBe(index + 1);
    expect(pagination.per_page).toBe(perPage);
    expect(pagination.more).toBe(!isLast);
    if (isLast) {
      expect(pagination.next).toBeNull();
      expect(page.data.length).toBeLessThanOrEqual(perPage);
    } else {
      expect(page.data).toHaveLength(perPage);
      const next = pagination.next as string;
      expect(next.startsWith(`${sim.origin}${new URL(firstUrl).pathname}?`)).toBe(true);
      for (const pair of keptQuery) expect(next).toContain(pair);
      expect(new URL(next).searchParams.get('page')).toBe(String(index + 2));
    }
    if (index === 0) {
      expect(pagination.previous).toBeNull();
    } else {
      expect(new URL(pagination.previous as string).searchParams.get('page')).toBe(String(index));
    }
  });
  return pages.flatMap((page) => page.data.map((item) => item.id as string));
}

function expectSameSet(ids: string[], expected: string[]): void {
  expect(new Set(ids).size).toBe(ids.length);
  expect([...ids].sort()).toEqual([...expected].sort());
}

describe('pagination of every list endpoint', () => {
  const lists = [
    { path: 'students', ids: (school: SimSchool) => school.students.map((p) => p.id) },
    { path: 'employees', ids: (school: SimSchool) => school.employees.map((p) => p.id) },
    { path: 'contacts', ids: (school: SimSchool) => school.contacts.map((p) => p.id) },
  ];

  for (const list of lists) {
    for (const query of [
      '',
      '?per_page=200',
      '?include=education_details,contact_details&per_page=37',
    ]) {
      it(`walks /${list.path}${query} for each school: whole dataset, no duplicates`, async () => {
        const perPage = query.includes('per_page=200')
          ? 200
          : query.includes('per_page=37')
            ? 37
            : 50;
        for (const school of schools) {
          const firstUrl = `${sim.url}/schools/${school.id}/${list.path}${query}`;
          const ids = checkPages(await walkPages(firstUrl, sim.partnerToken), firstUrl, perPage);
          expectSameSet(ids, list.ids(school));
        }
      });
    }
  }

  it('walks the school lists', async () => {
    const everyId = schools.map((school) => school.id);
    for (const path of ['schools', 'schools/audited', 'schools/all']) {
      const firstUrl = `${sim.url}/${path}?per_page=1`;
      expectSameSet(checkPages(await walkPages(firstUrl, sim.partnerToken), firstUrl, 1), everyId);
    }
    for (const path of ['schools/pending', 'schools/declined', 'schools/revoked']) {
      const firstUrl = `${sim.url}/${path}`;
      expectSameSet(checkPages(await walkPages(firstUrl, sim.partnerToken), firstUrl, 50), []);
    }
  });

  it('walks deletions and the leaver list', async () => {
    const school = schools[1] as SimSchool;
    const deleted = [
      sim.controls.deletePerson(school.id, 'student', (school.students[3] as { id: string }).id),
      sim.controls.deletePerson(school.id, 'employee', (school.employees[0] as { id: string }).id),
      sim.controls.deletePerson(school.id, 'contact', (school.contacts[7] as { id: string }).id),
    ];
    try {
      const firstUrl = `${sim.url}/schools/${school.id}/deletions?per_page=2`;
      expectSameSet(
        checkPages(await walkPages(firstUrl, sim.partnerToken), firstUrl, 2),
        deleted.map((deletion) => deletion.id),
      );
      const leavers = school.students
        .filter((student) => student.education.leavingDate !== null)
        .map((student) => student.id);
      expect(leavers.length).toBeGreaterThan(0);
      const leaverUrl = `${sim.url}/schools/${school.id}/students-leaver?per_page=5`;
      expectSameSet(
        checkPages(await walkPages(leaverUrl, sim.partnerToken), leaverUrl, 5),
        leavers.filter((id) => id !== deleted[0]?.id),
      );
    } finally {
      sim.controls.restorePerson(school.id, 'student', deleted[0]!.id);
      sim.controls.restorePerson(school.id, 'employee', deleted[1]!.id);
      sim.controls.restorePerson(school.id, 'contact', deleted[2]!.id);
    }
  });

  it('clamps per_page to 200, falls back to 50 on bad values and answers past the end', async () => {
    const base = `${sim.url}/schools/${schools[1]!.id}/contacts`;
    const huge = await getJson<ListPage>(`${base}?per_page=5000`, sim.partnerToken);
    expect(huge.body.meta.pagination.per_page).toBe(200);
    expect(huge.body.data).toHaveLength(200);
    for (const bad of ['0', '-3', 'abc', '']) {
      const page = await getJson<ListPage>(`${base}?per_page=${bad}`, sim.partnerToken);
      expect(page.body.meta.pagination.per_page).toBe(50);
    }
    const past = await getJson<ListPage>(`${base}?page=100000`, sim.partnerToken);
    expect(past.status).toBe(200);
    expect(past.body.data).toEqual([]);
    expect(past.body.meta.pagination).toMatchObject({
      more: false,
      next: null,
      current_page: 100000,
    });
    expect(past.body.meta.pagination.previous).toContain('page=99999');
  });

  it('keeps the caller query in next byte for byte, and defaults without per_page as Wonde does', async () => {
    const school = schools[0]!;
    const first = await getJson<ListPage>(
      `${sim.url}/schools/${school.id}/students`,
      sim.partnerToken,
    );
    expect(first.body.meta.pagination.next).toBe(
      `${sim.origin}/v1.0/schools/${school.id}/students?page=2`,
    );
    const filtered = await getJson<ListPage>(
      `${sim.url}/schools/${school.id}/students/?include=contacts.contact_details,year&updated_after=2000-01-01%2000:00:00&page=1`,
      sim.partnerToken,
    );
    expect(filtered.body.meta.pagination.next).toBe(
      `${sim.origin}/v1.0/schools/${school.id}/students?include=contacts.contact_details,year&updated_after=2000-01-01%2000:00:00&page=2`,
    );
  });
});
