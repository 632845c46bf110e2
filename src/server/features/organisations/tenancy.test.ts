import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signIn, type Client, type TestApp } from '../../../../test/app';
import { buildOrganisation, buildUser, PASSWORD } from '../../../../test/factories';
import type { School, User } from '../../../shared/api';

let t: TestApp;
let adminA: Client;
let reporterA: Client;
let viewerA: Client;
let schoolsA: School[];
let schoolsB: School[];
let userB: User;

beforeAll(async () => {
  t = await createTestApp();
  const a = await buildOrganisation(t.db, { name: 'Trust A' });
  const b = await buildOrganisation(t.db, { name: 'Trust B' });
  schoolsA = a.schools;
  schoolsB = b.schools;
  adminA = await signIn(t.app, (await buildUser(t.db, a.organisation.id)).email, PASSWORD);
  reporterA = await signIn(
    t.app,
    (await buildUser(t.db, a.organisation.id, { role: 'reporter', schoolIds: [a.schools[0]!.id] }))
      .email,
    PASSWORD,
  );
  viewerA = await signIn(
    t.app,
    (await buildUser(t.db, a.organisation.id, { role: 'viewer' })).email,
    PASSWORD,
  );
  userB = await buildUser(t.db, b.organisation.id, { role: 'reporter' });
});
afterAll(() => t.close());

describe("one organisation cannot reach another's data", () => {
  it("gives 404 for another organisation's school, to read or to change", async () => {
    const id = schoolsB[0]!.id;
    expect((await adminA.request({ url: `/api/v1/schools/${id}` })).statusCode).toBe(404);
    const patch = await adminA.request({
      method: 'PATCH',
      url: `/api/v1/schools/${id}`,
      payload: { name: 'Taken' },
    });
    expect(patch.statusCode).toBe(404);
    const list = (await adminA.request({ url: '/api/v1/schools' })).json<{ schools: School[] }>();
    expect(list.schools.map((s) => s.id).sort()).toEqual(schoolsA.map((s) => s.id).sort());
  });

  it("gives 404 for another organisation's user, to read or to change", async () => {
    expect((await adminA.request({ url: `/api/v1/users/${userB.id}` })).statusCode).toBe(404);
    const patch = await adminA.request({
      method: 'PATCH',
      url: `/api/v1/users/${userB.id}`,
      payload: { active: false },
    });
    expect(patch.statusCode).toBe(404);
    const listed = (await adminA.request({ url: '/api/v1/users' })).json<{ users: User[] }>();
    expect(listed.users.map((u) => u.id)).not.toContain(userB.id);
  });

  it("refuses to scope a user to another organisation's school", async () => {
    const response = await adminA.request({
      method: 'POST',
      url: '/api/v1/users',
      payload: {
        email: 'crossing@school.example',
        name: 'Crossing',
        role: 'reporter',
        schoolIds: [schoolsB[0]!.id],
        password: 'a long enough passphrase',
      },
    });
    expect(response.statusCode).toBe(400);
  });

  it("does not tell whether an email belongs to another organisation's user", async () => {
    const attempt = (email: string) =>
      adminA.request({
        method: 'POST',
        url: '/api/v1/users',
        payload: {
          email,
          name: 'Someone',
          role: 'reporter',
          allSchools: true,
          password: 'a long enough passphrase',
        },
      });
    const own = (await adminA.request({ url: '/api/v1/users' })).json<{ users: User[] }>()
      .users[0]!;
    const elsewhere = await attempt(userB.email);
    const here = await attempt(own.email);
    expect(elsewhere.statusCode).toBe(400);
    // The same answer as for one of the organisation's own users: nothing says where it is.
    expect(elsewhere.json()).toEqual(here.json());
    expect(elsewhere.body).not.toMatch(/exist|another organisation|in use/i);
  });

  it("shows no other organisation's events in the audit log", async () => {
    const events = (await adminA.request({ url: '/api/v1/audit-events?limit=200' })).json<{
      events: Array<{ targetId: string | null }>;
    }>().events;
    expect(events.length).toBeGreaterThan(0);
    expect(events.map((e) => e.targetId)).not.toContain(userB.id);
  });
});

describe('roles', () => {
  it('forbids a reporter and a viewer to manage users, schools or read the audit log', async () => {
    for (const client of [reporterA, viewerA]) {
      const attempts = [
        client.request({
          method: 'POST',
          url: '/api/v1/users',
          payload: {
            email: 'x@school.example',
            name: 'X',
            role: 'admin',
            allSchools: true,
            password: 'a long enough passphrase',
          },
        }),
        client.request({ url: '/api/v1/users' }),
        client.request({
          method: 'POST',
          url: '/api/v1/schools',
          payload: { name: 'New', urn: '123456' },
        }),
        client.request({
          method: 'PATCH',
          url: `/api/v1/schools/${schoolsA[0]!.id}`,
          payload: { name: 'Renamed' },
        }),
        client.request({ url: '/api/v1/audit-events' }),
        client.request({
          method: 'PATCH',
          url: '/api/v1/organisation',
          payload: { name: 'Renamed' },
        }),
      ];
      for (const response of await Promise.all(attempts)) expect(response.statusCode).toBe(403);
    }
    const users = (await adminA.request({ url: '/api/v1/users' })).json<{ users: User[] }>().users;
    expect(users.map((u) => u.email)).not.toContain('x@school.example');
  });

  it("keeps a school-scoped reporter out of its own organisation's other schools", async () => {
    const listed = (await reporterA.request({ url: '/api/v1/schools' })).json<{
      schools: School[];
    }>();
    expect(listed.schools.map((s) => s.id)).toEqual([schoolsA[0]!.id]);
    expect(
      (await reporterA.request({ url: `/api/v1/schools/${schoolsA[1]!.id}` })).statusCode,
    ).toBe(404);
  });

  it('answers 401 to a caller with no session', async () => {
    for (const url of ['/api/v1/me', '/api/v1/schools', '/api/v1/users', '/api/v1/audit-events']) {
      expect((await t.app.inject({ url })).statusCode).toBe(401);
    }
  });
});
