import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signIn, type Client, type TestApp } from '../../../test/app';
import { buildOrganisation, buildUser, PASSWORD } from '../../../test/factories';
import type { School } from '../../shared/api';
import { CreateIncidentInputSchema } from '../../shared/incidents-api';
import { AppError } from '../lib/errors';
import { databaseUnavailableReason } from '../db/unavailable';
import { createIncident } from '../features/incidents/incidents.service';

let t: TestApp;
let client: Client;
let school: School;
let userId: string;
let organisationId: string;

beforeAll(async () => {
  t = await createTestApp();
  const built = await buildOrganisation(t.db, { schools: 1 });
  school = built.schools[0]!;
  organisationId = built.organisation.id;
  const user = await buildUser(t.db, organisationId, { role: 'reporter' });
  userId = user.id;
  client = await signIn(t.app, user.email, PASSWORD);
  await t.closeDatabase();
});
afterAll(() => t.close());

describe('with the database gone', () => {
  it('logging an incident fails as an outage, not as "not one of your schools"', async () => {
    const input = CreateIncidentInputSchema.parse({
      schoolId: school.id,
      occurredAt: new Date(Date.now() - 60_000).toISOString(),
      locationDetail: 'Playground',
      category: 'accident_injury',
      person: { kind: 'manual', personType: 'visitor', name: 'Pat Visitor' },
      description: 'Tripped on the step.',
      outcome: 'returned_to_class_or_work',
    });
    const actor = {
      userId,
      organisationId,
      role: 'reporter' as const,
      scope: { organisationId, schoolIds: 'all' as const },
      ip: null,
    };
    const failure: unknown = await createIncident(t.db, actor, input).then(
      () => 'saved',
      (error: unknown) => error,
    );
    expect(failure).not.toBeInstanceOf(AppError);
    expect(databaseUnavailableReason(failure)).not.toBeNull();
  });

  it('answers 503 with Retry-After, and says nothing of the query', async () => {
    for (const request of [
      { url: '/api/v1/incidents' },
      { url: `/api/v1/schools/${school.id}` },
      {
        method: 'POST' as const,
        url: '/api/v1/incidents',
        payload: { schoolId: school.id },
      },
    ]) {
      const response = await client.request(request);
      expect(response.statusCode, response.body).toBe(503);
      expect(response.headers['retry-after']).toBe('5');
      expect(response.json()).toMatchObject({ error: { code: 'unavailable' } });
      expect(response.body).not.toMatch(/select|insert|params/i);
    }
  });
});
