import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  CreateSchoolInputSchema,
  SchoolParamsSchema,
  SchoolSchema,
  UpdateSchoolInputSchema,
} from '../../../shared/api';
import { requireActor } from '../../http/auth';
import type { RouteDeps } from '../../http/deps';
import { createSchool, getSchool, listSchoolsInScope, updateSchool } from './schools.service';

export function schoolsRoutes(app: FastifyInstance, { db }: RouteDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/v1/schools',
    {
      schema: {
        tags: ['schools'],
        summary: "The caller's schools",
        response: { 200: z.object({ schools: z.array(SchoolSchema) }) },
      },
    },
    async (request) => ({ schools: await listSchoolsInScope(db, requireActor(request).scope) }),
  );

  r.post(
    '/api/v1/schools',
    {
      schema: {
        tags: ['schools'],
        summary: 'Add a school (admin)',
        body: CreateSchoolInputSchema,
        response: { 201: SchoolSchema },
      },
    },
    async (request, reply) => {
      const school = await createSchool(db, requireActor(request), request.body);
      return reply.status(201).send(school);
    },
  );

  r.get(
    '/api/v1/schools/:schoolId',
    {
      schema: {
        tags: ['schools'],
        summary: 'One school',
        params: SchoolParamsSchema,
        response: { 200: SchoolSchema },
      },
    },
    async (request) => getSchool(db, requireActor(request).scope, request.params.schoolId),
  );

  r.patch(
    '/api/v1/schools/:schoolId',
    {
      schema: {
        tags: ['schools'],
        summary: 'Change a school (admin)',
        params: SchoolParamsSchema,
        body: UpdateSchoolInputSchema,
        response: { 200: SchoolSchema },
      },
    },
    async (request) =>
      updateSchool(db, requireActor(request), request.params.schoolId, request.body),
  );
}
