import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  CreateUserInputSchema,
  IdParamsSchema,
  UpdateUserInputSchema,
  UserSchema,
} from '../../../shared/api';
import { requireActor } from '../../http/auth';
import type { RouteDeps } from '../../http/deps';
import { createUser, getUser, listUsersOfOrganisation, updateUser } from './users.service';

export function usersRoutes(app: FastifyInstance, { db }: RouteDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/v1/users',
    {
      schema: {
        tags: ['users'],
        summary: "The organisation's users (admin)",
        response: { 200: z.object({ users: z.array(UserSchema) }) },
      },
    },
    async (request) => ({
      users: await listUsersOfOrganisation(db, requireActor(request)),
    }),
  );

  r.post(
    '/api/v1/users',
    {
      schema: {
        tags: ['users'],
        summary: 'Create a user (admin)',
        body: CreateUserInputSchema,
        response: { 201: UserSchema },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const user = await createUser(db, actor.organisationId, actor, request.body);
      return reply.status(201).send(user);
    },
  );

  r.get(
    '/api/v1/users/:id',
    {
      schema: {
        tags: ['users'],
        summary: 'One user (admin)',
        params: IdParamsSchema,
        response: { 200: UserSchema },
      },
    },
    async (request) => getUser(db, requireActor(request), request.params.id),
  );

  r.patch(
    '/api/v1/users/:id',
    {
      schema: {
        tags: ['users'],
        summary: 'Change a user: name, role, school scope, active, password (admin)',
        params: IdParamsSchema,
        body: UpdateUserInputSchema,
        response: { 200: UserSchema },
      },
    },
    async (request) => updateUser(db, requireActor(request), request.params.id, request.body),
  );
}
