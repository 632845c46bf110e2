import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { AuditPageSchema, AuditQuerySchema } from '../../../shared/api';
import { requireActor } from '../../http/auth';
import type { RouteDeps } from '../../http/deps';
import { listAuditPage } from './audit.service';

export function auditRoutes(app: FastifyInstance, { db }: RouteDeps): void {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/v1/audit-events',
    {
      schema: {
        tags: ['audit'],
        summary: "The organisation's audit log, newest first (admin)",
        querystring: AuditQuerySchema,
        response: { 200: AuditPageSchema },
      },
    },
    async (request) => listAuditPage(db, requireActor(request), request.query),
  );
}
