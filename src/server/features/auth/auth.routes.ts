import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ChangePasswordInputSchema, LoginInputSchema, MeSchema } from '../../../shared/api';
import { clearSessionCookie, requireAuth, setSessionCookie } from '../../http/auth';
import type { RouteDeps } from '../../http/deps';
import { changeOwnPassword, getMe, signIn, signOut } from './auth.service';

export function authRoutes(app: FastifyInstance, deps: RouteDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post(
    '/api/v1/auth/login',
    {
      config: {
        skipCsrf: true,
        // Every attempt hashes a password: cap what one address can ask per minute so a flood
        // cannot exhaust the CPU. Failed attempts are limited separately and durably, per
        // account and per address, by signIn.
        rateLimit: { max: 60, timeWindow: '1 minute' },
      },
      schema: {
        tags: ['session'],
        summary: 'Sign in with email and password; sets the session cookie',
        body: LoginInputSchema,
        response: { 200: MeSchema },
      },
    },
    async (request, reply) => {
      const result = await signIn(deps.db, deps.sessions, request.body, {
        ip: request.ip,
        userAgent: request.headers['user-agent'] ?? null,
      });
      setSessionCookie(reply, deps.secureCookies, result.sessionId, result.expiresAt);
      return result.me;
    },
  );

  r.post(
    '/api/v1/auth/logout',
    {
      schema: {
        tags: ['session'],
        summary: 'Sign out: ends this session',
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      const auth = requireAuth(request);
      await signOut(deps.db, deps.sessions, auth.actor, auth.sessionId);
      clearSessionCookie(reply, deps.secureCookies);
      return reply.status(204).send(null);
    },
  );

  r.get(
    '/api/v1/me',
    { schema: { tags: ['session'], summary: 'The signed-in user', response: { 200: MeSchema } } },
    async (request) => {
      const auth = requireAuth(request);
      return getMe(deps.db, auth.actor, auth.csrfToken);
    },
  );

  r.post(
    '/api/v1/me/password',
    {
      schema: {
        tags: ['session'],
        summary: "Change the signed-in user's password; ends their other sessions",
        body: ChangePasswordInputSchema,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      const auth = requireAuth(request);
      await changeOwnPassword(deps.db, auth.actor, auth.idHash, request.body);
      return reply.status(204).send(null);
    },
  );
}
