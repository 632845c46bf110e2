import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { AttentionSchema } from '../../../shared/attention-api';
import { requireActor } from '../../http/auth';
import type { RouteDeps } from '../../http/deps';
import { getAttention } from './attention.service';

export function attentionRoutes(app: FastifyInstance, { db }: RouteDeps): void {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/v1/attention',
    {
      schema: {
        tags: ['incidents'],
        summary:
          'Needs attention: RIDDOR decisions and overdue reports, untold head injuries, incidents open too long, failed emails, schools whose Wonde link is not working (managers, admins)',
        response: { 200: AttentionSchema },
      },
    },
    async (request) => getAttention(db, requireActor(request)),
  );
}
