import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signIn, type Client, type TestApp } from '../../../../test/app';
import { buildOrganisation, buildUser, PASSWORD } from '../../../../test/factories';
import type { AuditPage } from '../../../shared/api';

let t: TestApp;
let admin: Client;

beforeAll(async () => {
  t = await createTestApp();
  const { organisation } = await buildOrganisation(t.db, { schools: 0 });
  admin = await signIn(t.app, (await buildUser(t.db, organisation.id)).email, PASSWORD);
});
afterAll(() => t.close());

describe('audit log', () => {
  it('pages newest first and says when there is nothing older', async () => {
    for (const urn of ['300001', '300002', '300003']) {
      await admin.request({
        method: 'POST',
        url: '/api/v1/schools',
        payload: { name: `School ${urn}`, urn },
      });
    }
    const all = (await admin.request({ url: '/api/v1/audit-events?limit=200' })).json<AuditPage>();
    // organisation.created, user.created, auth.sign_in, then three schools.
    expect(all.events.map((e) => e.action)).toEqual([
      'school.created',
      'school.created',
      'school.created',
      'auth.sign_in',
      'user.created',
      'organisation.created',
    ]);
    expect(all.nextBefore).toBeNull();

    const first = (await admin.request({ url: '/api/v1/audit-events?limit=3' })).json<AuditPage>();
    expect(first.events.map((e) => e.id)).toEqual(all.events.slice(0, 3).map((e) => e.id));
    expect(first.nextBefore).toBe(all.events[2]!.id);
    const second = (
      await admin.request({ url: `/api/v1/audit-events?limit=3&before=${first.nextBefore}` })
    ).json<AuditPage>();
    expect(second.events.map((e) => e.id)).toEqual(all.events.slice(3).map((e) => e.id));
    // Exactly full and the last: no "older" link to an empty page.
    expect(second.nextBefore).toBeNull();
  });

  it('records who signed in, from where, and failed attempts against the account', async () => {
    const { organisation } = await buildOrganisation(t.db, { schools: 0 });
    const user = await buildUser(t.db, organisation.id);
    await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: user.email, password: 'not it at all' },
      remoteAddress: '10.9.8.7',
    });
    const client = await signIn(t.app, user.email, PASSWORD);
    const { events } = (await client.request({ url: '/api/v1/audit-events' })).json<AuditPage>();
    expect(events.slice(0, 2)).toMatchObject([
      { action: 'auth.sign_in', actor: { id: user.id }, ip: '127.0.0.1' },
      { action: 'auth.sign_in_failed', targetId: user.id, ip: '10.9.8.7' },
    ]);
  });
});
