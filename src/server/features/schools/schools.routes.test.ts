import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signIn, type Client, type TestApp } from '../../../../test/app';
import { buildOrganisation, buildUser, PASSWORD } from '../../../../test/factories';
import type { AuditPage, School } from '../../../shared/api';

let t: TestApp;
let admin: Client;

beforeAll(async () => {
  t = await createTestApp();
  const { organisation } = await buildOrganisation(t.db, { schools: 0 });
  admin = await signIn(t.app, (await buildUser(t.db, organisation.id)).email, PASSWORD);
});
afterAll(() => t.close());

describe('schools (admin)', () => {
  it('adds a school, changes it and audits both', async () => {
    const created = await admin.request({
      method: 'POST',
      url: '/api/v1/schools',
      payload: { name: 'Hillside Primary', urn: '123456' },
    });
    expect(created.statusCode).toBe(201);
    const school = created.json<School>();
    expect(school).toMatchObject({ name: 'Hillside Primary', urn: '123456', wondeSchoolId: null });

    const changed = await admin.request({
      method: 'PATCH',
      url: `/api/v1/schools/${school.id}`,
      payload: { name: 'Hillside Primary School', wondeSchoolId: 'A1930499544' },
    });
    expect(changed.statusCode).toBe(200);
    expect(changed.json<School>()).toMatchObject({
      name: 'Hillside Primary School',
      wondeSchoolId: 'A1930499544',
    });

    const { events } = (await admin.request({ url: '/api/v1/audit-events' })).json<AuditPage>();
    expect(events.slice(0, 2).map((e) => [e.action, e.changes])).toEqual([
      [
        'school.updated',
        {
          name: ['Hillside Primary', 'Hillside Primary School'],
          wondeSchoolId: [null, 'A1930499544'],
        },
      ],
      ['school.created', { name: [null, 'Hillside Primary'], urn: [null, '123456'] }],
    ]);
  });

  it('refuses a bad URN, a bad Wonde id, unknown fields and a URN already used', async () => {
    await admin.request({
      method: 'POST',
      url: '/api/v1/schools',
      payload: { name: 'First', urn: '222222' },
    });
    const cases: Array<[Record<string, unknown>, number, string]> = [
      [{ name: 'A', urn: '12345' }, 400, 'urn'],
      [{ name: 'A', urn: '654321', wondeSchoolId: 'B123' }, 400, 'wondeSchoolId'],
      [{ urn: '654321' }, 400, 'name'],
      [{ name: 'Second', urn: '222222' }, 409, 'urn'],
    ];
    for (const [payload, status, field] of cases) {
      const response = await admin.request({ method: 'POST', url: '/api/v1/schools', payload });
      expect(response.statusCode, JSON.stringify(payload)).toBe(status);
      expect(JSON.stringify(response.json())).toContain(field);
    }
    const unknown = await admin.request({
      method: 'POST',
      url: '/api/v1/schools',
      payload: { name: 'A', urn: '654321', colour: 'blue' },
    });
    expect(unknown.statusCode).toBe(400);
    const names = (await admin.request({ url: '/api/v1/schools' }))
      .json<{ schools: School[] }>()
      .schools.map((s) => s.name);
    expect(names).toEqual(['First', 'Hillside Primary School']);
  });

  it('answers 404 with a JSON error for an id that is not a school, and 400 for one that is not an id', async () => {
    const missing = await admin.request({
      url: '/api/v1/schools/00000000-0000-4000-8000-000000000000',
    });
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toEqual({ error: { code: 'not_found', message: 'School not found.' } });
    expect((await admin.request({ url: '/api/v1/schools/nope' })).statusCode).toBe(400);
  });
});
