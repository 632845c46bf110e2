import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signIn, type Client, type TestApp } from '../../../../test/app';
import { buildOrganisation, buildUser, PASSWORD } from '../../../../test/factories';
import type { School, User } from '../../../shared/api';

let t: TestApp;
let admin: Client;
let adminUser: User;
let schools: School[];
let organisationId: string;

beforeAll(async () => {
  t = await createTestApp();
  const built = await buildOrganisation(t.db, { schools: 2 });
  schools = built.schools;
  organisationId = built.organisation.id;
  adminUser = await buildUser(t.db, built.organisation.id);
  admin = await signIn(t.app, adminUser.email, PASSWORD);
});
afterAll(() => t.close());

const newUser = (overrides: Record<string, unknown> = {}) => ({
  email: `new-${Math.random().toString(36).slice(2)}@school.example`,
  name: 'Sam Patel',
  role: 'reporter',
  schoolIds: [schools[0]?.id],
  password: 'a long enough passphrase',
  ...overrides,
});

describe('users (admin)', () => {
  it('creates a user scoped to one school, who can then sign in and sees only that school', async () => {
    const input = newUser();
    const created = await admin.request({ method: 'POST', url: '/api/v1/users', payload: input });
    expect(created.statusCode).toBe(201);
    const user = created.json<User>();
    expect(user).toMatchObject({
      email: input.email,
      role: 'reporter',
      allSchools: false,
      schoolIds: [schools[0]?.id],
      active: true,
    });
    expect(JSON.stringify(user)).not.toContain('password');

    const client = await signIn(t.app, input.email, input.password);
    const visible = await client.request({ url: '/api/v1/schools' });
    expect(visible.json<{ schools: School[] }>().schools.map((s) => s.id)).toEqual([
      schools[0]?.id,
    ]);
    const other = await client.request({ url: `/api/v1/schools/${schools[1]?.id}` });
    expect(other.statusCode).toBe(404);
  });

  it('refuses weak passwords, bad emails, unknown roles and duplicate emails, naming the field', async () => {
    const cases: Array<[Record<string, unknown>, number, string]> = [
      [newUser({ password: 'short' }), 400, 'password'],
      [newUser({ password: 'password123' }), 400, 'password'],
      [newUser({ email: 'not-an-email' }), 400, 'email'],
      [newUser({ role: 'owner' }), 400, 'role'],
      [newUser({ schoolIds: ['00000000-0000-4000-8000-000000000000'] }), 400, 'schoolIds'],
      [newUser({ email: adminUser.email }), 400, 'email'],
    ];
    for (const [payload, status, field] of cases) {
      const response = await admin.request({ method: 'POST', url: '/api/v1/users', payload });
      expect(response.statusCode, JSON.stringify(payload)).toBe(status);
      const body = response.json<{ error: { details: Array<{ path: string }> } }>();
      expect(body.error.details.map((d) => d.path)).toContain(field);
    }
    const list = await admin.request({ url: '/api/v1/users' });
    expect(list.json<{ users: User[] }>().users.filter((u) => u.email === 'not-an-email')).toEqual(
      [],
    );
  });

  it('changes role and school scope, and records who changed what in the audit log', async () => {
    const user = (
      await admin.request({ method: 'POST', url: '/api/v1/users', payload: newUser() })
    ).json<User>();
    const changed = await admin.request({
      method: 'PATCH',
      url: `/api/v1/users/${user.id}`,
      payload: { role: 'manager', schoolIds: [schools[1]?.id] },
    });
    expect(changed.statusCode).toBe(200);
    expect(changed.json<User>()).toMatchObject({ role: 'manager', schoolIds: [schools[1]?.id] });

    const audit = await admin.request({ url: '/api/v1/audit-events?limit=5' });
    const event = audit
      .json<{
        events: Array<{
          action: string;
          targetId: string;
          changes: unknown;
          actor: { id: string };
        }>;
      }>()
      .events.find((e) => e.action === 'user.updated' && e.targetId === user.id);
    expect(event).toMatchObject({
      actor: { id: adminUser.id },
      changes: { role: ['reporter', 'manager'], schoolIds: [[schools[0]?.id], [schools[1]?.id]] },
    });
  });

  it('keeps at least one active admin', async () => {
    const { organisation } = await buildOrganisation(t.db);
    const only = await buildUser(t.db, organisation.id);
    const client = await signIn(t.app, only.email, PASSWORD);
    for (const payload of [{ role: 'viewer' }, { active: false }]) {
      const response = await client.request({
        method: 'PATCH',
        url: `/api/v1/users/${only.id}`,
        payload,
      });
      expect(response.statusCode).toBe(409);
    }
  });

  it('resets a password: the old one and existing sessions stop working', async () => {
    const user = await buildUser(
      t.db,
      (await admin.request({ url: '/api/v1/me' })).json<{ organisation: { id: string } }>()
        .organisation.id,
      { role: 'viewer' },
    );
    const session = await signIn(t.app, user.email, PASSWORD);
    const reset = await admin.request({
      method: 'PATCH',
      url: `/api/v1/users/${user.id}`,
      payload: { password: 'a new temporary passphrase' },
    });
    expect(reset.statusCode).toBe(200);
    expect((await session.request({ url: '/api/v1/me' })).statusCode).toBe(401);
    await expect(signIn(t.app, user.email, PASSWORD)).rejects.toThrow(/401/);
    await expect(signIn(t.app, user.email, 'a new temporary passphrase')).resolves.toBeTruthy();
  });
});

describe('an admin of some schools', () => {
  let scoped: Client;
  let scopedUser: User;
  let colleagueA: User;
  let colleagueB: User;

  beforeAll(async () => {
    const [a, b] = [schools[0]!.id, schools[1]!.id];
    scopedUser = await buildUser(t.db, organisationId, { schoolIds: [a] });
    scoped = await signIn(t.app, scopedUser.email, PASSWORD);
    colleagueA = await buildUser(t.db, organisationId, { role: 'reporter', schoolIds: [a] });
    colleagueB = await buildUser(t.db, organisationId, { role: 'reporter', schoolIds: [b] });
  });

  const patch = (id: string, payload: Record<string, unknown>) =>
    scoped.request({ method: 'PATCH', url: `/api/v1/users/${id}`, payload });

  it('cannot widen their own reach or change their own role', async () => {
    for (const payload of [
      { allSchools: true },
      { schoolIds: [schools[0]!.id, schools[1]!.id] },
      { role: 'manager' },
    ]) {
      const response = await patch(scopedUser.id, payload);
      expect(response.statusCode, JSON.stringify(payload)).toBe(403);
    }
    // Their own name is theirs to change, with the same schools sent back.
    const renamed = await patch(scopedUser.id, {
      name: 'Kim Scoped',
      schoolIds: [schools[0]!.id],
      role: 'admin',
    });
    expect(renamed.statusCode, renamed.body).toBe(200);
    const me = await scoped.request({ url: '/api/v1/me' });
    expect(me.json<{ schools: School[] }>().schools.map((s) => s.id)).toEqual([schools[0]!.id]);
  });

  it('gives users only their own schools, and manages only users of their schools', async () => {
    for (const payload of [
      newUser({ allSchools: true, schoolIds: [] }),
      newUser({ schoolIds: [schools[1]!.id] }),
    ]) {
      const response = await scoped.request({ method: 'POST', url: '/api/v1/users', payload });
      expect(response.statusCode, response.body).toBe(403);
    }
    const created = await scoped.request({
      method: 'POST',
      url: '/api/v1/users',
      payload: newUser(),
    });
    expect(created.statusCode, created.body).toBe(201);
    expect((await patch(colleagueA.id, { allSchools: true })).statusCode).toBe(403);
    expect((await patch(colleagueA.id, { role: 'manager' })).statusCode).toBe(200);

    // Users of another school, and trust-wide ones, are not theirs to see or change.
    for (const other of [colleagueB, adminUser]) {
      expect((await scoped.request({ url: `/api/v1/users/${other.id}` })).statusCode).toBe(404);
      expect((await patch(other.id, { name: 'Taken over' })).statusCode).toBe(404);
    }
    const listed = (await scoped.request({ url: '/api/v1/users' })).json<{ users: User[] }>();
    const ids = listed.users.map((u) => u.id);
    expect(ids).toEqual(expect.arrayContaining([scopedUser.id, colleagueA.id]));
    expect(ids).not.toContain(colleagueB.id);
    expect(ids).not.toContain(adminUser.id);
  });
});
