/**
 * For those who run Plaster: /healthz (the process answers), /readyz (it can serve: the database
 * answers with every migration applied, and the job queue runs where this process works it) and
 * /metrics (Prometheus, behind a bearer token). No sign-in, and nothing in the answers that a
 * stranger could use: why a check failed goes to the log.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { timingSafeEqual } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { migrationsFolder, type PoolUse } from '../db/client';
import type { RouteDeps } from './deps';
import type { Metrics } from './metrics';

export type Operations = {
  /** Bearer token /metrics asks for; without one, /metrics is not served. */
  metricsToken?: string | undefined;
  /** Where this process works the job queue: whether it is running. */
  isQueueRunning?: () => boolean;
  /** This process's database connections (PostgreSQL), for the metrics. */
  poolUse?: () => PoolUse;
};

const MIGRATIONS = (
  JSON.parse(readFileSync(join(migrationsFolder, 'meta', '_journal.json'), 'utf8')) as {
    entries: unknown[];
  }
).entries.length;

const Status = z.object({ status: z.enum(['ok', 'ready', 'not ready']) });

function sameToken(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function operationsRoutes(
  app: FastifyInstance,
  { db }: Pick<RouteDeps, 'db'>,
  operations: Operations,
  metrics: Metrics,
): void {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  typed.get(
    '/healthz',
    {
      schema: {
        tags: ['operations'],
        summary: 'The process is up (for a load balancer or orchestrator)',
        response: { 200: Status },
      },
    },
    () => ({ status: 'ok' as const }),
  );

  typed.get(
    '/readyz',
    {
      schema: {
        tags: ['operations'],
        summary:
          'Ready to serve: the database answers with every migration applied, and the job queue runs where this process works it (503 when not)',
        response: { 200: Status, 503: Status },
      },
    },
    async (request, reply) => {
      const problem = await readinessProblem(db, operations).catch(
        (error: unknown) => `the database does not answer (${String((error as Error).message)})`,
      );
      if (problem === null) return { status: 'ready' as const };
      request.log.warn({ problem }, 'not ready');
      return reply
        .status(503)
        .header('retry-after', '5')
        .send({ status: 'not ready' as const });
    },
  );

  // Always answered here, so that with metrics off a scraper gets a 404, not the web app's page.
  const token = operations.metricsToken;
  app.get('/metrics', { schema: { hide: true } }, async (request, reply) => {
    if (!token) {
      return reply
        .status(404)
        .send({ error: { code: 'not_found', message: 'Metrics are off (METRICS_TOKEN).' } });
    }
    const given = /^Bearer (.+)$/i.exec(request.headers.authorization ?? '')?.[1] ?? '';
    if (!sameToken(given, token)) {
      return reply
        .status(401)
        .header('www-authenticate', 'Bearer')
        .send({ error: { code: 'unauthenticated', message: 'A bearer token is required.' } });
    }
    return reply
      .header('content-type', metrics.registry.contentType)
      .send(await metrics.registry.metrics());
  });
}

async function readinessProblem(
  db: RouteDeps['db'],
  operations: Operations,
): Promise<string | null> {
  // Both engines' drivers answer with { rows }.
  const result: unknown = await db.execute(
    sql`select count(*)::int as applied from drizzle.__drizzle_migrations`,
  );
  const applied = Number((result as { rows: Array<{ applied: number }> }).rows[0]?.applied ?? 0);
  if (applied < MIGRATIONS) return `${applied} of ${MIGRATIONS} migrations applied`;
  if (operations.isQueueRunning && !operations.isQueueRunning()) {
    return 'the job queue is not running';
  }
  return null;
}
