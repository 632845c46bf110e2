import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { SimSchool } from './dataset.types';
import { getJson, walkPages } from './http-test.helpers';
import type { ListPage, WireObject } from './http-test.helpers';
import { startWondeSimulator } from './wonde-simulator.server';
import type { WondeSimulator } from './wonde-simulator.server';

/** A hand-driven clock far after the generated data, so that tests never depend on today's date. */
let nowMs = Date.parse('2030-01-01T10:00:00.000Z');
const setClock = (iso: string): void => {
  nowMs = Date.parse(iso);
};

let sim: WondeSimulator;
let school: SimSchool;

beforeAll(async () => {
  sim = await startWondeSimulator({
    seed: 51,
    schools: [{ phase: 'PRIMARY', pupils: 60 }],
    enableControlApi: true,
    now: () => new Date(nowMs),
  });
  school = sim.controls.snapshot().schools[0] as SimSchool;
});

afterAll(async () => {
  await sim.close();
});

async function idsAfter(list: string, updatedAfter: string, extra = ''): Promise<string[]> {
  const firstUrl = `${sim.url}/schools/${school.id}/${list}?per_page=10&updated_after=${updatedAfter}${extra}`;
  const pages = await walkPages(firstUrl, sim.partnerToken);
  return pages.flatMap((page) => page.data.map((item) => item.id as string));
}

async function deletionsAfter(updatedAfter: string, type = ''): Promise<WireObject[]> {
  const pages = await walkPages(
    `${sim.url}/schools/${school.id}/deletions?updated_after=${updatedAfter}${type ? `&type=${type}` : ''}`,
    sim.partnerToken,
  );
  return pages.flatMap((page) => page.data);
}

describe('delta sync through the programmatic controls', () => {
  it('shows nothing after a time later than all the generated data', async () => {
    expect(await idsAfter('students', '2030-01-01 00:00:00')).toEqual([]);
    expect(await idsAfter('employees', '2030-01-01T00:00:00Z')).toEqual([]);
    expect(await idsAfter('contacts', '2030-01-01T00:00:00.000Z')).toEqual([]);
    expect(await deletionsAfter('2000-01-01 00:00:00')).toEqual([]);
  });

  it('moves updated_at for updates, additions and leavers, and lists exactly those records', async () => {
    setClock('2030-01-02T09:00:00.000Z');
    const [first, second] = school.students as [
      SimSchool['students'][number],
      SimSchool['students'][number],
    ];
    const updated = sim.controls.updatePerson(school.id, 'student', first.id, {
      surname: "D'Arcy-Nguyễn",
      contactDetails: { emails: { email: 'new@example.com' } },
    });
    expect(updated.updatedAt).toBe('2030-01-02T09:00:00.000Z');
    const added = sim.controls.addStudent(school.id, {
      forename: 'Zoë',
      surname: 'Smith',
      ncYear: '3',
    });
    // Same wall-clock millisecond: the clock still moves forward.
    expect(added.updatedAt).toBe('2030-01-02T09:00:00.001Z');
    const leaver = sim.controls.markLeaver(school.id, 'student', second.id, { date: '2030-01-01' });

    const after = await idsAfter('students', '2030-01-02 08:59:59', '&include=education_details');
    expect(after.sort()).toEqual([first.id, second.id, added.id].sort());
    // Strictly after: the update at exactly 09:00:00.000 is not included.
    expect((await idsAfter('students', '2030-01-02 09:00:00')).sort()).toEqual(
      [added.id, leaver.id].sort(),
    );

    const { body } = await getJson<{ data: WireObject }>(
      `${sim.url}/schools/${school.id}/students/${second.id}?include=education_details`,
      sim.partnerToken,
    );
    expect((body.data.education_details as { data: WireObject }).data.leaving_date).toEqual({
      date: '2030-01-01 00:00:00.000000',
      timezone_type: 3,
      timezone: 'Europe/London',
    });
    const renamed = await getJson<{ data: WireObject }>(
      `${sim.url}/schools/${school.id}/students/${first.id}?include=contact_details`,
      sim.partnerToken,
    );
    expect(renamed.body.data.surname).toBe("D'Arcy-Nguyễn");
    expect(renamed.body.data.initials).toMatch(/D$/);
    expect(
      (renamed.body.data.contact_details as { data: { emails: WireObject } }).data.emails.email,
    ).toBe('new@example.com');
  });

  it('ends employment for a staff leaver and adds new staff and contacts', async () => {
    setClock('2030-01-03T09:00:00.000Z');
    const employee = school.employees.find((candidate) => candidate.employment.current)!;
    sim.controls.markLeaver(school.id, 'employee', employee.id);
    const hired = sim.controls.addEmployee(school.id, {
      forename: 'Siobhán',
      surname: "O'Connor",
      roleText: 'Class Teacher',
      teachingStaff: true,
    });
    expect(await idsAfter('employees', '2030-01-03T08:00:00Z')).toEqual([employee.id, hired.id]);
    const { body } = await getJson<ListPage>(
      `${sim.url}/schools/${school.id}/employees?updated_after=2030-01-03T08:00:00Z&include=employment_details`,
      sim.partnerToken,
    );
    const details = body.data.map((item) => (item.employment_details as { data: WireObject }).data);
    expect(details.map((entry) => [entry.current, entry.role_text])).toEqual([
      [false, employee.employment.roleText],
      [true, 'Class Teacher'],
    ]);
    expect(details[0]?.employment_end_date).toMatchObject({ date: '2030-01-03 00:00:00.000000' });

    const pupil = school.students[5]!;
    const carer = sim.controls.addContact(school.id, {
      forename: 'Ann',
      surname: 'Lee',
      email: null,
      studentIds: [pupil.id],
      relationship: { relationship: 'Aunt', parentalResponsibility: false },
    });
    expect(await idsAfter('contacts', '2030-01-03T08:00:00Z')).toEqual([carer.id]);
    const withContacts = await getJson<{ data: WireObject }>(
      `${sim.url}/schools/${school.id}/students/${pupil.id}?include=contacts.contact_details`,
      sim.partnerToken,
    );
    const contacts = (withContacts.body.data.contacts as { data: WireObject[] }).data;
    expect(contacts.at(-1)).toMatchObject({
      id: carer.id,
      relationship: { relationship: 'Aunt', parental_responsibility: false },
    });
    expect(
      (contacts.at(-1)?.contact_details as { data: { emails: WireObject } }).data.emails.email,
    ).toBeNull();
  });

  it('feeds deletions and restores, keeping ids', async () => {
    setClock('2030-01-04T09:00:00.000Z');
    const student = school.students[10]!;
    const contact = school.contacts[3]!;
    const countBefore = (
      await getJson<{ data: { students: { data: { count: number } } } }>(
        `${sim.url}/schools/${school.id}/counts?include=students`,
        sim.partnerToken,
      )
    ).body.data.students.data.count;
    sim.controls.deletePerson(school.id, 'student', student.id);
    sim.controls.deletePerson(school.id, 'contact', contact.id);

    const deletions = await deletionsAfter('2030-01-04 08:00:00');
    expect(deletions).toEqual([
      {
        id: student.id,
        type: 'student',
        mis_id: student.misId,
        deleted_at: { date: '2030-01-04 09:00:00.000000', timezone_type: 3, timezone: 'UTC' },
        restored_at: null,
      },
      {
        id: contact.id,
        type: 'contact',
        mis_id: contact.misId,
        deleted_at: { date: '2030-01-04 09:00:00.001000', timezone_type: 3, timezone: 'UTC' },
        restored_at: null,
      },
    ]);
    expect(
      (await deletionsAfter('2030-01-04 08:00:00', 'student')).map((entry) => entry.id),
    ).toEqual([student.id]);
    expect(await deletionsAfter('2030-01-04 10:00:00')).toEqual([]);
    const gone = await fetch(`${sim.url}/schools/${school.id}/students/${student.id}`, {
      headers: { authorization: `Bearer ${sim.partnerToken}` },
    });
    expect(gone.status).toBe(404);
    const all = await walkPages(
      `${sim.url}/schools/${school.id}/students?per_page=200`,
      sim.partnerToken,
    );
    expect(all.flatMap((page) => page.data.map((item) => item.id))).not.toContain(student.id);
    const countAfter = (
      await getJson<{ data: { students: { data: { count: number } } } }>(
        `${sim.url}/schools/${school.id}/counts?include=students`,
        sim.partnerToken,
      )
    ).body.data.students.data.count;
    expect(countAfter).toBe(countBefore - 1);

    setClock('2030-01-05T09:00:00.000Z');
    const restored = sim.controls.restorePerson(school.id, 'student', student.id);
    expect(restored.id).toBe(student.id);
    const restoredEntries = await deletionsAfter('2030-01-05 08:00:00');
    expect(restoredEntries).toEqual([
      expect.objectContaining({
        id: student.id,
        restored_at: { date: '2030-01-05 09:00:00.000000', timezone_type: 3, timezone: 'UTC' },
      }),
    ]);
    const back = await getJson<ListPage>(
      `${sim.url}/schools/${school.id}/students?updated_after=2030-01-05 08:00:00`,
      sim.partnerToken,
    );
    expect(back.body.data).toEqual([
      expect.objectContaining({
        id: student.id,
        restored_at: expect.objectContaining({ date: '2030-01-05 09:00:00.000000' }) as unknown,
      }),
    ]);

    // Deleted again later: the same entry comes back with restored_at cleared.
    setClock('2030-01-06T09:00:00.000Z');
    sim.controls.deletePerson(school.id, 'student', student.id);
    expect(await deletionsAfter('2030-01-06 08:00:00')).toEqual([
      expect.objectContaining({ id: student.id, restored_at: null }),
    ]);
    sim.controls.restorePerson(school.id, 'student', student.id);
  });

  it('refuses unknown schools, people and impossible changes', () => {
    expect(() => sim.controls.updatePerson('A0000000000', 'student', 'A1', {})).toThrow(
      /No school/,
    );
    expect(() => sim.controls.deletePerson(school.id, 'employee', 'A0000000000')).toThrow(
      /No employee/,
    );
    expect(() => sim.controls.restorePerson(school.id, 'student', school.students[0]!.id)).toThrow(
      /No deleted student/,
    );
    expect(() =>
      sim.controls.updatePerson(school.id, 'contact', school.contacts[0]!.id, {
        education: { ncYear: '2' },
      }),
    ).toThrow(/students only/);
    expect(() => sim.controls.addStudent(school.id, { ncYear: '11' })).toThrow(/no NC year 11/);
  });
});

describe('the control API over HTTP', () => {
  const control = async (
    method: string,
    path: string,
    body?: unknown,
  ): Promise<{ status: number; body: WireObject }> => {
    const response = await fetch(`${sim.origin}/control${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as WireObject };
  };

  afterEach(() => {
    sim.controls.clearFaults();
  });

  it('adds, updates, marks as leaver, deletes and restores people', async () => {
    setClock('2030-02-01T09:00:00.000Z');
    const added = await control('POST', `/schools/${school.id}/students`, {
      forename: 'Oliver',
      surname: 'Smith',
      gender: 'MALE',
      ncYear: 'R',
    });
    expect(added.status).toBe(201);
    const id = added.body.id as string;
    expect(added.body).toMatchObject({
      forename: 'Oliver',
      surname: 'Smith',
      education: { ncYear: 'R' },
    });

    expect(
      (
        await control('PATCH', `/schools/${school.id}/students/${id}`, {
          forename: 'Olly',
          education: { upn: 'A123456789012' },
        })
      ).body,
    ).toMatchObject({ forename: 'Olly', education: { upn: 'A123456789012' } });
    expect(
      (await control('POST', `/schools/${school.id}/students/${id}/leave`, { date: '2030-02-01' }))
        .body,
    ).toMatchObject({ education: { leavingDate: '2030-02-01' } });
    expect((await control('GET', `/schools/${school.id}/students/${id}`)).body).toMatchObject({
      forename: 'Olly',
    });
    expect(await idsAfter('students', '2030-02-01T08:00:00Z')).toEqual([id]);

    expect((await control('DELETE', `/schools/${school.id}/students/${id}`)).body).toMatchObject({
      id,
      type: 'student',
      restoredAt: null,
    });
    expect((await deletionsAfter('2030-02-01T08:00:00Z')).map((entry) => entry.id)).toEqual([id]);
    expect(
      (await control('POST', `/schools/${school.id}/students/${id}/restore`)).body,
    ).toMatchObject({ id, restoredAt: expect.any(String) as unknown });

    const staff = await control('POST', `/schools/${school.id}/employees`, {
      roleText: 'Site Manager',
    });
    expect(staff.status).toBe(201);
    expect(
      (
        await control(
          'POST',
          `/schools/${school.id}/employees/${staff.body.id as string}/leave`,
          {},
        )
      ).body,
    ).toMatchObject({ employment: { current: false } });
    const contact = await control('POST', `/schools/${school.id}/contacts`, {
      studentIds: [id],
      email: null,
    });
    expect(contact.status).toBe(201);
  });

  it('answers 400 naming the field for a bad body and 404 for unknown things', async () => {
    const bad = await control('POST', `/schools/${school.id}/students`, { ncYear: 'Y7' });
    expect(bad.status).toBe(400);
    expect(bad.body.error_description).toContain('ncYear');
    expect(
      (
        await control('PATCH', `/schools/${school.id}/students/${school.students[0]!.id}`, {
          shoeSize: 9,
        })
      ).status,
    ).toBe(400);
    expect((await control('POST', '/faults', { kind: 'explode' })).status).toBe(400);
    const notJson = await fetch(`${sim.origin}/control/faults`, { method: 'POST', body: '{nope' });
    expect(notJson.status).toBe(400);
    expect((await control('PATCH', `/schools/A0000000000/students/A1`, {})).status).toBe(404);
    expect((await control('GET', '/nothing-here')).status).toBe(404);
  });

  it('lists schools and sets access and withheld fields', async () => {
    const listed = await fetch(`${sim.origin}/control/schools`);
    expect(((await listed.json()) as WireObject[])[0]).toMatchObject({
      id: school.id,
      access: 'approved',
    });
    expect(
      (await control('PUT', `/schools/${school.id}/denied-fields`, { fields: ['students.gender'] }))
        .status,
    ).toBe(200);
    const student = await getJson<{ data: WireObject }>(
      `${sim.url}/schools/${school.id}/students/${school.students[1]!.id}`,
      sim.partnerToken,
    );
    expect(student.body.data.gender).toBeNull();
    expect(
      (await control('PUT', `/schools/${school.id}/denied-fields`, { fields: [] })).status,
    ).toBe(200);
    expect(
      (await control('PUT', `/schools/${school.id}/access`, { state: 'pending' })).body,
    ).toMatchObject({ access: 'pending', token: null });
    expect(
      (await getJson(`${sim.url}/schools/${school.id}/students`, sim.partnerToken)).status,
    ).toBe(403);
    const approved = await control('POST', `/schools/${school.id}/approve`, {});
    expect(approved.body.token).toMatch(/^[0-9a-f]{40}$/);
    expect(approved.body.webhook).toBeNull();
    expect(
      (await getJson(`${sim.url}/schools/${school.id}/students`, approved.body.token as string))
        .status,
    ).toBe(200);
  });
});

describe('the control API switch', () => {
  it('is off unless enabled', async () => {
    const plain = await startWondeSimulator({ seed: 52, schools: [{ pupils: 10 }] });
    try {
      expect(plain.controlUrl).toBeNull();
      const response = await fetch(`${plain.origin}/control/schools`);
      expect(response.status).toBe(404);
    } finally {
      await plain.close();
    }
  });
});
