/** Health, readiness and metrics, as a load balancer and Prometheus meet them. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signIn, type TestApp } from '../../../test/app';
import { buildOrganisation, buildUser, PASSWORD } from '../../../test/factories';
import { insertSyncRun } from '../features/wonde/wonde.repo';

const METRICS_TOKEN = 'a-metrics-token-for-prometheus';

let t: TestApp;
let queueRunning = true;

beforeAll(async () => {
  t = await createTestApp({
    operations: {
      metricsToken: METRICS_TOKEN,
      isQueueRunning: () => queueRunning,
      poolUse: () => ({ total: 4, idle: 3, waiting: 0 }),
    },
  });
});
afterAll(() => t.close());

describe('/healthz and /readyz', () => {
  it('answer without a session while all is well', async () => {
    const health = await t.app.inject({ url: '/healthz' });
    expect(health.statusCode).toBe(200);
    expect(health.json()).toEqual({ status: 'ok' });
    const ready = await t.app.inject({ url: '/readyz' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toEqual({ status: 'ready' });
  });

  it('say not ready, and no more than that, while the queue is not running', async () => {
    queueRunning = false;
    try {
      const ready = await t.app.inject({ url: '/readyz' });
      expect(ready.statusCode).toBe(503);
      expect(ready.headers['retry-after']).toBe('5');
      expect(ready.json()).toEqual({ status: 'not ready' });
    } finally {
      queueRunning = true;
    }
    expect((await t.app.inject({ url: '/readyz' })).statusCode).toBe(200);
  });
});

describe('/metrics', () => {
  it('refuses without its bearer token, or with another', async () => {
    for (const authorization of [undefined, 'Bearer not-the-token', METRICS_TOKEN]) {
      const response = await t.app.inject({
        url: '/metrics',
        headers: authorization ? { authorization } : {},
      });
      expect(response.statusCode, String(authorization)).toBe(401);
      expect(response.body).not.toContain('plaster_');
    }
  });

  it("shows requests by route and the people search's latency after a search", async () => {
    const { organisation, schools } = await buildOrganisation(t.db, { schools: 1 });
    await insertSyncRun(t.db, {
      organisationId: organisation.id,
      schoolId: schools[0]!.id,
      mode: 'full',
      trigger: 'manual',
    });
    const user = await buildUser(t.db, organisation.id);
    const client = await signIn(t.app, user.email, PASSWORD);
    expect((await client.request({ url: '/api/v1/people/search?q=oli' })).statusCode).toBe(200);

    const response = await t.app.inject({
      url: '/metrics',
      headers: { authorization: `Bearer ${METRICS_TOKEN}` },
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('text/plain');
    expect(response.body).toMatch(/^plaster_people_search_duration_seconds_count 1$/m);
    expect(response.body).toMatch(
      /^plaster_http_requests_total\{method="GET",route="\/api\/v1\/people\/search",status="200"\} 1$/m,
    );
    expect(response.body).toContain('plaster_process_resident_memory_bytes');
    // What the database holds: the sync run queued above; no queue in a test app.
    expect(response.body).toMatch(/^plaster_sync_runs\{status="queued"\} 1$/m);
    expect(response.body).toContain('# TYPE plaster_emails gauge');
    expect(response.body).toContain('# TYPE plaster_jobs gauge');
    expect(response.body).toMatch(/^plaster_db_pool_connections\{state="open"\} 4$/m);
    // The route's pattern, never what was searched for.
    expect(response.body).not.toContain('oli');
  });

  it('is not served without a token configured', async () => {
    const bare = await createTestApp();
    try {
      // Answered by its own route (not the web app's page, which a server with one would send).
      const response = await bare.app.inject({ url: '/metrics' });
      expect(response.statusCode).toBe(404);
      expect(response.json()).toMatchObject({
        error: { message: 'Metrics are off (METRICS_TOKEN).' },
      });
    } finally {
      await bare.close();
    }
  });
});

describe('/readyz with the database gone', () => {
  it('answers 503', async () => {
    const gone = await createTestApp();
    try {
      await gone.closeDatabase();
      const ready = await gone.app.inject({ url: '/readyz' });
      expect(ready.statusCode).toBe(503);
      expect(ready.json()).toEqual({ status: 'not ready' });
    } finally {
      await gone.close();
    }
  });
});
