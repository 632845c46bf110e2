import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signIn, type Client, type TestApp } from '../../../../test/app';
import { buildOrganisation, buildPeople, buildUser, PASSWORD } from '../../../../test/factories';
import type { Attention } from '../../../shared/attention-api';
import type { Incident } from '../../../shared/incidents-api';

let t: TestApp;
let trustAdmin: Client;
let managerA: Client;
let reporterA: Client;
let reporterAId: string;
let schoolA: string;
let schoolB: string;
let staffA: string;

const hoursAgo = (hours: number) => new Date(Date.now() - hours * 3_600_000).toISOString();

async function log(client: Client, overrides: Record<string, unknown>): Promise<Incident> {
  const response = await client.request({
    method: 'POST',
    url: '/api/v1/incidents',
    payload: {
      schoolId: schoolA,
      occurredAt: hoursAgo(1),
      locationDetail: 'Playground',
      category: 'accident_injury',
      person: { kind: 'manual', personType: 'visitor', name: 'Pat Visitor' },
      description: 'Fell and bumped their head on the climbing frame.',
      outcome: 'returned_to_class_or_work',
      ...overrides,
    },
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json<Incident>();
}

const attentionOf = async (client: Client) => {
  const response = await client.request({ url: '/api/v1/attention' });
  expect(response.statusCode, response.body).toBe(200);
  return response.json<Attention>();
};
const ids = (list: { incidents: Array<{ id: string }> }) => list.incidents.map((i) => i.id);

beforeAll(async () => {
  t = await createTestApp();
  const { organisation, schools } = await buildOrganisation(t.db, { schools: 2 });
  [schoolA, schoolB] = [schools[0]!.id, schools[1]!.id];
  trustAdmin = await signIn(t.app, (await buildUser(t.db, organisation.id)).email, PASSWORD);
  managerA = await signIn(
    t.app,
    (await buildUser(t.db, organisation.id, { role: 'manager', schoolIds: [schoolA] })).email,
    PASSWORD,
  );
  const reporter = await buildUser(t.db, organisation.id, {
    role: 'reporter',
    schoolIds: [schoolA],
  });
  reporterAId = reporter.id;
  reporterA = await signIn(t.app, reporter.email, PASSWORD);
  const staff = await buildPeople(t.db, { organisationId: organisation.id, schoolId: schoolA }, [
    { firstName: 'Sam', lastName: 'Teacher', type: 'staff', occupation: 'Teacher' },
  ]);
  staffA = staff[0]!;
});
afterAll(() => t.close());

describe('Needs attention', () => {
  it('lists an overdue RIDDOR report, an untold head injury and an old open incident, in the caller’s schools', async () => {
    const overdue = await log(trustAdmin, {
      person: { kind: 'directory', personId: staffA },
      occurredAt: hoursAgo(24 * 20),
      riddor: { incapacityDays: 9 },
    });
    const headInjury = await log(reporterA, {
      headInjury: true,
      injuries: [{ type: 'bump', bodyPart: 'head', side: null }],
    });
    const otherSchool = await log(trustAdmin, { schoolId: schoolB, headInjury: true });

    const seen = await attentionOf(managerA);
    expect(ids(seen.riddorOverdue)).toContain(overdue.id);
    expect(ids(seen.openTooLong)).toContain(overdue.id);
    expect(seen.openAfterDays).toBe(14);
    expect(ids(seen.headInjuriesUntold)).toContain(headInjury.id);
    expect(ids(seen.headInjuriesUntold)).not.toContain(otherSchool.id);
    expect(ids(seen.openTooLong)).not.toContain(headInjury.id);
    // Not a Wonde manager: no school list.
    expect(seen.schools).toEqual([]);
    // The trust admin sees both schools' head injuries.
    expect(ids((await attentionOf(trustAdmin)).headInjuriesUntold)).toEqual(
      expect.arrayContaining([headInjury.id, otherSchool.id]),
    );
  });

  it('drops a head injury once its family is emailed, and a report once it is recorded', async () => {
    const headInjury = await log(trustAdmin, { headInjury: true });
    expect(ids((await attentionOf(managerA)).headInjuriesUntold)).toContain(headInjury.id);
    const sent = await managerA.request({
      method: 'POST',
      url: `/api/v1/incidents/${headInjury.id}/notifications`,
      payload: {
        recipients: [{ name: 'Pat Visitor', email: 'pat@visitor.example' }],
        subject: 'A bump to the head today',
        text: 'Pat bumped their head; watch for headaches or sickness.',
        idempotencyKey: randomUUID(),
      },
    });
    expect(sent.statusCode, sent.body).toBe(202);
    expect(ids((await attentionOf(managerA)).headInjuriesUntold)).not.toContain(headInjury.id);

    const overdue = (await attentionOf(managerA)).riddorOverdue.incidents[0]!;
    const current = (
      await managerA.request({ url: `/api/v1/incidents/${overdue.id}` })
    ).json<Incident>();
    const recorded = await managerA.request({
      method: 'PATCH',
      url: `/api/v1/incidents/${overdue.id}`,
      payload: {
        version: current.version,
        riddor: {
          decision: 'reportable',
          reference: 'HSE-12345',
          reportedOn: hoursAgo(0).slice(0, 10),
          reportedBy: 'Kim Manager',
        },
      },
    });
    expect(recorded.statusCode, recorded.body).toBe(200);
    expect(ids((await attentionOf(managerA)).riddorOverdue)).not.toContain(overdue.id);
  });

  it('follows the organisation’s setting for how long is too long', async () => {
    const twoDaysOld = await log(trustAdmin, { occurredAt: hoursAgo(48) });
    expect(ids((await attentionOf(managerA)).openTooLong)).not.toContain(twoDaysOld.id);
    const set = await trustAdmin.request({
      method: 'PATCH',
      url: '/api/v1/organisation',
      payload: { openAlertDays: 1 },
    });
    expect(set.statusCode, set.body).toBe(200);
    const seen = await attentionOf(managerA);
    expect(seen.openAfterDays).toBe(1);
    expect(ids(seen.openTooLong)).toContain(twoDaysOld.id);
  });

  it('lists a reporter’s own incidents for the form’s “your recent incidents”', async () => {
    const own = await log(reporterA, {});
    const listed = (
      await reporterA.request({ url: `/api/v1/incidents?reportedBy=${reporterAId}&limit=100` })
    ).json<{ incidents: Array<{ id: string }> }>().incidents;
    expect(listed.map((i) => i.id)).toContain(own.id);
    const all = (await managerA.request({ url: '/api/v1/incidents?limit=100' })).json<{
      total: number;
    }>().total;
    expect(listed.length).toBeLessThan(all);
  });

  it('is for managers and admins', async () => {
    expect((await reporterA.request({ url: '/api/v1/attention' })).statusCode).toBe(403);
  });
});
