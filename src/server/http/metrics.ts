/**
 * Prometheus metrics of one app: HTTP requests by route and status with their durations, the
 * people search's latency, and Node's own (memory, event loop, GC). Each app has its own
 * registry, so tests (several apps in a process) do not share counts.
 */
import type { FastifyInstance } from 'fastify';
import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';

const SEARCH_ROUTE = '/api/v1/people/search';

export type Metrics = { registry: Registry };

export function instrument(app: FastifyInstance): Metrics {
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
