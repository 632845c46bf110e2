import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { OrganisationSchema, UpdateOrganisationInputSchema } from '../../../shared/api';
import { requireActor } from '../../http/auth';
import type { RouteDeps } from '../../http/deps';
import { getOrganisation, updateOrganisation } from './organisations.service';

export function organisationsRoutes(app: FastifyInstance, { db }: RouteDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/v1/organisation',
    {
      schema: {
        tags: ['organisation'],
        summary: "The caller's organisation",
        response: { 200: OrganisationSchema },
      },
    },
    async (request) => getOrganisation(db, requireActor(request).organisationId),
  );

  r.patch(
    '/api/v1/organisation',
    {
      schema: {
        tags: ['organisation'],
        summary: "Change the organisation's settings (admin)",
        body: UpdateOrganisationInputSchema,
        response: { 200: OrganisationSchema },
      },
    },
    async (request) => updateOrganisation(db, requireActor(request), request.body),
  );
}
