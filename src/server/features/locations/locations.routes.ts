import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdParamsSchema, SchoolParamsSchema } from '../../../shared/api';
import {
  LocationInputSchema,
  LocationSchema,
  UpdateLocationInputSchema,
} from '../../../shared/incidents-api';
import { requireActor } from '../../http/auth';
import type { RouteDeps } from '../../http/deps';
import { createLocation, listLocationsOfSchool, updateLocation } from './locations.service';

export function locationsRoutes(app: FastifyInstance, { db }: RouteDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['incidents'];

  r.get(
    '/api/v1/schools/:schoolId/locations',
    {
      schema: {
        tags,
        summary: "The school's places for incidents (archived ones flagged)",
        params: SchoolParamsSchema,
        response: { 200: z.object({ locations: z.array(LocationSchema) }) },
      },
    },
    async (request) => ({
      locations: await listLocationsOfSchool(
        db,
        requireActor(request).scope,
        request.params.schoolId,
      ),
    }),
  );

  r.post(
    '/api/v1/schools/:schoolId/locations',
    {
      schema: {
        tags,
        summary: 'Add a place (admin)',
        params: SchoolParamsSchema,
        body: LocationInputSchema,
        response: { 201: LocationSchema },
      },
    },
    async (request, reply) => {
      const location = await createLocation(
        db,
        requireActor(request),
        request.params.schoolId,
        request.body.name,
      );
      return reply.status(201).send(location);
    },
  );

  r.patch(
    '/api/v1/locations/:id',
    {
      schema: {
        tags,
        summary: 'Rename or archive a place (admin)',
        params: IdParamsSchema,
        body: UpdateLocationInputSchema,
        response: { 200: LocationSchema },
      },
    },
    async (request) => updateLocation(db, requireActor(request), request.params.id, request.body),
  );
}
