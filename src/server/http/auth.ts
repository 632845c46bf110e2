import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../db/client';
import type { SessionSettings } from '../deps';
import { resumeSession } from '../features/auth/sessions.service';
import { AppError } from '../lib/errors';
import type { Actor } from '../access/scope';
import { listSchoolIdsOfUser, scopeOfUser } from '../features/users/users.service';

export type RequestAuth = { actor: Actor; sessionId: string; idHash: string; csrfToken: string };

declare module 'fastify' {
  interface FastifyRequest {
    auth: RequestAuth | null;
  }
  interface FastifyContextConfig {
    /** Routes that cannot carry a CSRF token because no session exists yet (sign-in). */
    skipCsrf?: boolean;
  }
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export function sessionCookieName(secure: boolean): string {
  // The __Host- prefix pins the cookie to this origin; browsers accept it only over https.
  return secure ? '__Host-plaster_session' : 'plaster_session';
}

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * Resolves the session cookie on every API request into `request.auth`, and refuses unsafe
 * cookie-authenticated requests that lack the session's CSRF token.
 */
export function registerAuth(
  app: FastifyInstance,
  deps: { db: Db; sessions: SessionSettings; secureCookies: boolean },
): void {
  const cookieName = sessionCookieName(deps.secureCookies);
  app.decorateRequest('auth', null);
  app.addHook('onRequest', async (request, reply) => {
    if (!request.url.startsWith('/api/')) return;
    const sessionId = request.cookies[cookieName];
    if (!sessionId) return;
    const found = await resumeSession(deps.db, deps.sessions, sessionId);
    if (!found) {
      clearSessionCookie(reply, deps.secureCookies);
      return;
    }
    const schoolIds = found.user.allSchools
      ? []
      : await listSchoolIdsOfUser(deps.db, found.user.id);
    request.auth = {
      sessionId,
      idHash: found.idHash,
      csrfToken: found.session.csrfToken,
      actor: {
        userId: found.user.id,
        organisationId: found.user.organisationId,
        role: found.user.role,
        scope: scopeOfUser({ ...found.user, schoolIds }),
        ip: request.ip,
      },
    };
    if (UNSAFE.has(request.method) && !request.routeOptions.config.skipCsrf) {
      const header = request.headers['x-csrf-token'];
      if (typeof header !== 'string' || !sameToken(header, found.session.csrfToken)) {
        throw new AppError('forbidden', 'Missing or invalid CSRF token (X-CSRF-Token header).');
      }
    }
  });
}

export function setSessionCookie(
  reply: FastifyReply,
  secure: boolean,
  sessionId: string,
  expiresAt: Date,
): void {
  void reply.setCookie(sessionCookieName(secure), sessionId, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure,
    expires: expiresAt,
  });
}

export function clearSessionCookie(reply: FastifyReply, secure: boolean): void {
  void reply.clearCookie(sessionCookieName(secure), {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure,
  });
}

/** The signed-in caller; throws unauthenticated when there is none. */
export function requireAuth(request: FastifyRequest): RequestAuth {
  if (!request.auth) throw new AppError('unauthenticated', 'Sign in to continue.');
  return request.auth;
}

export function requireActor(request: FastifyRequest): Actor {
  return requireAuth(request).actor;
}
