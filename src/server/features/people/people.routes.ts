import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { PersonSearchQuerySchema, PersonSearchResponseSchema } from '../../../shared/people-api';
import { requireActor } from '../../http/auth';
import type { RouteDeps } from '../../http/deps';
import { searchPeople } from './people-search.service';

export function peopleRoutes(app: FastifyInstance, { db }: RouteDeps): void {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/v1/people/search',
    {
      schema: {
        tags: ['people'],
        summary:
          "Find pupils and staff of the caller's schools by name (the affected-person field)",
        querystring: PersonSearchQuerySchema,
        response: { 200: PersonSearchResponseSchema },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const results = await searchPeople(db, actor.scope, request.query);
      return { results };
    },
  );
}
