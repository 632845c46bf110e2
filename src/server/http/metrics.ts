/**
 * Prometheus metrics of one app: HTTP requests by route and status with their durations, the
 * people search's latency, Node's own (memory, event loop, GC), and what the database holds of
 * the job queue, sync runs and emails. Each app has its own
 * registry, so tests (several apps in a process) do not share counts.
 */
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { Db, PoolUse } from '../db/client';

const SEARCH_ROUTE = '/api/v1/people/search';

export type Metrics = { registry: Registry };

/** Rows of a query, on either engine's driver. */
async function rowsOf<T>(db: Db, query: ReturnType<typeof sql>): Promise<T[]> {
  const result: unknown = await db.execute(query);
  return (result as { rows: T[] }).rows;
}

/**
 * What the database says, read at each scrape: the same for every server and worker, however
 * many there are. The job queue's jobs by kind and state (queued, retrying, active, completed,
 * failed: what the queue still keeps), sync runs of the last 24 hours by outcome with the people
 * they applied, and emails by status.
 */
function databaseGauges(registry: Registry, db: Db): void {
  new Gauge({
    name: 'plaster_jobs',
    help: 'Jobs the queue holds, by kind and state',
    labelNames: ['kind', 'state'] as const,
    registers: [registry],
    async collect() {
      this.reset();
      // No queue schema (an API-only process that never started one): nothing to report.
      const rows = await rowsOf<{ name: string; state: string; count: number }>(
        db,
        sql`select name, state::text as state, count(*)::int as count from pgboss.job group by 1, 2`,
      ).catch(() => []);
      for (const row of rows) this.set({ kind: row.name, state: row.state }, row.count);
    },
  });
  const people = new Gauge({
    name: 'plaster_sync_people_applied',
    help: 'People seen by Wonde syncs that ended in the last 24 hours, by outcome',
    labelNames: ['status'] as const,
    registers: [registry],
  });
  new Gauge({
    name: 'plaster_sync_runs',
    help: 'Wonde sync runs of the last 24 hours (by when they were queued), by status',
    labelNames: ['status'] as const,
    registers: [registry],
    async collect() {
      this.reset();
      people.reset();
      const rows = await rowsOf<{ status: string; count: number; people: number }>(
        db,
        sql`select status::text as status, count(*)::int as count, coalesce(sum(people_seen), 0)::int as people
            from sync_runs where queued_at > now() - interval '24 hours' group by 1`,
      );
      for (const row of rows) {
        this.set({ status: row.status }, row.count);
        people.set({ status: row.status }, row.people);
      }
    },
  });
  new Gauge({
    name: 'plaster_emails',
    help: 'Emails to families and next of kin, by status',
    labelNames: ['status'] as const,
    registers: [registry],
    async collect() {
      this.reset();
      const rows = await rowsOf<{ status: string; count: number }>(
        db,
        sql`select status::text as status, count(*)::int as count from notifications group by 1`,
      );
      for (const row of rows) this.set({ status: row.status }, row.count);
    },
  });
}

/** This process's connections to PostgreSQL: open, idle, and requests waiting for one. */
function poolGauge(registry: Registry, poolUse: () => PoolUse): void {
  new Gauge({
    name: 'plaster_db_pool_connections',
    help: "This process's database connections, by state (waiting: requests waiting for one)",
    labelNames: ['state'] as const,
    registers: [registry],
    collect() {
      const use = poolUse();
      this.set({ state: 'open' }, use.total);
      this.set({ state: 'idle' }, use.idle);
      this.set({ state: 'waiting' }, use.waiting);
    },
  });
}

export function instrument(
  app: FastifyInstance,
  db: Db,
  poolUse: (() => PoolUse) | undefined,
): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'plaster_' });
  const requests = new Counter({
    name: 'plaster_http_requests_total',
    help: 'HTTP requests answered, by method, route and status',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [registry],
  });
  const durations = new Histogram({
    name: 'plaster_http_request_duration_seconds',
    help: 'Time to answer an HTTP request, by method and route',
    labelNames: ['method', 'route'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const search = new Histogram({
    name: 'plaster_people_search_duration_seconds',
    help: 'Time to answer a search of the affected-person field',
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1],
    registers: [registry],
  });

  databaseGauges(registry, db);
  if (poolUse) poolGauge(registry, poolUse);

  app.addHook('onResponse', (request, reply, done) => {
    // The route's pattern, never the URL itself (ids and names would make a series each).
    const route = request.routeOptions.url ?? 'unmatched';
    const seconds = reply.elapsedTime / 1000;
    requests.inc({ method: request.method, route, status: String(reply.statusCode) });
    durations.observe({ method: request.method, route }, seconds);
    if (route === SEARCH_ROUTE && reply.statusCode === 200) search.observe(seconds);
    done();
  });
  return { registry };
}
