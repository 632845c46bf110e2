import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signIn, type Client, type TestApp } from '../../../test/app';
import { buildOrganisation, buildUser, PASSWORD } from '../../../test/factories';
import type { Me, School } from '../../shared/api';

type AuditEvent = { action: string; targetId: string | null; actor: { id: string } | null };

let t: TestApp;
let trustAdmin: Client;
let scopedAdmin: Client;
let scopedAdminId: string;
let schoolA: School;
let schoolB: School;

const eventsOf = async (client: Client) =>
  (await client.request({ url: '/api/v1/audit-events?limit=200' })).json<{
    events: AuditEvent[];
  }>().events;

beforeAll(async () => {
  t = await createTestApp();
  const { organisation, schools } = await buildOrganisation(t.db, { schools: 2 });
  [schoolA, schoolB] = [schools[0]!, schools[1]!];
  trustAdmin = await signIn(t.app, (await buildUser(t.db, organisation.id)).email, PASSWORD);
  const scoped = await buildUser(t.db, organisation.id, { schoolIds: [schoolA.id] });
  scopedAdminId = scoped.id;
  scopedAdmin = await signIn(t.app, scoped.email, PASSWORD);

  // Something happens at each school, and to the organisation as a whole.
  for (const [school, name] of [
    [schoolA, 'Hall at A'],
    [schoolB, 'Hall at B'],
  ] as const) {
    const made = await trustAdmin.request({
      method: 'POST',
      url: `/api/v1/schools/${school.id}/locations`,
      payload: { name },
    });
    expect(made.statusCode, made.body).toBe(201);
  }
  const renamed = await trustAdmin.request({
    method: 'PATCH',
    url: `/api/v1/schools/${schoolB.id}`,
    payload: { name: 'School B, renamed' },
  });
  expect(renamed.statusCode, renamed.body).toBe(200);
  const settings = await trustAdmin.request({
    method: 'PATCH',
    url: '/api/v1/organisation',
    payload: { repeatThreshold: 4 },
  });
  expect(settings.statusCode, settings.body).toBe(200);
});
afterAll(() => t.close());

describe('an admin of some schools', () => {
  it("reads the audit log of their schools and their own actions, not the rest of the trust's", async () => {
    const made = await scopedAdmin.request({
      method: 'POST',
      url: `/api/v1/schools/${schoolA.id}/locations`,
      payload: { name: 'Library at A' },
    });
    expect(made.statusCode, made.body).toBe(201);

    const all = await eventsOf(trustAdmin);
    const seen = await eventsOf(scopedAdmin);
    const actions = (events: AuditEvent[]) => events.map((e) => e.action);
    expect(actions(all)).toEqual(
      expect.arrayContaining(['location.created', 'school.updated', 'organisation.updated']),
    );
    // Both places made at school A (by either admin) are there; nothing of school B, or of the
    // organisation's own settings.
    expect(seen.filter((e) => e.action === 'location.created')).toHaveLength(2);
    expect(seen.map((e) => e.targetId)).not.toContain(schoolB.id);
    expect(actions(seen)).not.toContain('school.updated');
    expect(actions(seen)).not.toContain('organisation.updated');
    expect(seen.length).toBeLessThan(all.length);
    expect(seen.some((e) => e.actor?.id === scopedAdminId)).toBe(true);
  });

  it('cannot rename the organisation, change its settings, its email wording or its sign-in', async () => {
    const attempts = [
      scopedAdmin.request({
        method: 'PATCH',
        url: '/api/v1/organisation',
        payload: { name: 'Taken over' },
      }),
      scopedAdmin.request({
        method: 'PATCH',
        url: '/api/v1/organisation',
        payload: { repeatThreshold: 9 },
      }),
      scopedAdmin.request({
        method: 'PUT',
        url: '/api/v1/notification-templates/general',
        payload: { subject: 'Changed for every school', body: 'Hello {{greeting}}' },
      }),
      scopedAdmin.request({ url: '/api/v1/organisation/sso' }),
      scopedAdmin.request({
        method: 'PATCH',
        url: '/api/v1/organisation/sso',
        payload: { enforced: false, breakGlassUserId: null },
      }),
      scopedAdmin.request({
        method: 'POST',
        url: '/api/v1/schools',
        payload: { name: 'A new school', urn: '765432' },
      }),
    ];
    for (const response of await Promise.all(attempts)) {
      expect(response.statusCode, response.body).toBe(403);
    }
    const organisation = (await trustAdmin.request({ url: '/api/v1/organisation' })).json<{
      name: string;
      repeatThreshold: number;
    }>();
    expect(organisation.name).not.toBe('Taken over');
    expect(organisation.repeatThreshold).toBe(4);
  });

  it('still manages their own school: its details and places', async () => {
    const renamed = await scopedAdmin.request({
      method: 'PATCH',
      url: `/api/v1/schools/${schoolA.id}`,
      payload: { name: 'School A, renamed by its admin' },
    });
    expect(renamed.statusCode, renamed.body).toBe(200);
    const other = await scopedAdmin.request({
      method: 'PATCH',
      url: `/api/v1/schools/${schoolB.id}`,
      payload: { name: 'Not theirs' },
    });
    expect(other.statusCode).toBe(404);
  });

  it('is told by /me what they may do, from the same rules', async () => {
    const scopedMe = (await scopedAdmin.request({ url: '/api/v1/me' })).json<Me>();
    const trustMe = (await trustAdmin.request({ url: '/api/v1/me' })).json<Me>();
    for (const wholeOrganisation of ['organisation.edit', 'sso.manage', 'template.edit'] as const) {
      expect(scopedMe.permissions).not.toContain(wholeOrganisation);
      expect(trustMe.permissions).toContain(wholeOrganisation);
    }
    expect(scopedMe.permissions).toEqual(
      expect.arrayContaining(['user.manage', 'audit.read', 'location.manage', 'wonde.manage']),
    );
  });
});
