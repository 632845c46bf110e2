import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  AddSsoDomainInputSchema,
  DomainSchema,
  SsoConnectionInputSchema,
  SsoDiscoverQuerySchema,
  SsoDomainCheckSchema,
  SsoDomainListSchema,
  SsoDomainSchema,
  SsoDiscoverResponseSchema,
  SsoProviderSchema,
  SsoSettingsSchema,
  UpdateSsoSettingsInputSchema,
} from '../../../shared/sso-api';
import { text, UNSTORABLE_TEXT } from '../../../shared/fields';
import { requireActor, setSessionCookie } from '../../http/auth';
import type { RouteDeps } from '../../http/deps';
import {
  completeSso,
  discoverSso,
  getSsoSettings,
  removeSsoConnection,
  saveSsoConnection,
  SsoRefusal,
  startSso,
  updateSsoSettings,
  type SsoDeps,
} from './sso.service';
import { addDomain, listDomains, removeDomain, verifyDomain } from './sso-domains.service';

export function ssoRoutes(app: FastifyInstance, deps: RouteDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['sso'];
  const sso: SsoDeps = deps;
  const limited = { rateLimit: { max: 60, timeWindow: '1 minute' } };

  r.get(
    '/api/v1/auth/sso/discover',
    {
      config: limited,
      schema: {
        tags,
        summary: 'The single sign-on buttons to offer for an email address',
        querystring: SsoDiscoverQuerySchema,
        response: { 200: SsoDiscoverResponseSchema },
      },
    },
    async (request) => discoverSso(deps.db, request.query.email),
  );

  r.get(
    '/api/v1/auth/sso/:connectionId/start',
    {
      config: limited,
      schema: {
        tags,
        summary:
          "Go to the provider's sign-in page; `next` is the page to come back to (a path on this site, else `/`)",
        params: z.object({ connectionId: z.uuid() }),
        // Any other value of `next` returns to `/`, rather than refusing the sign-in; only bytes
        // no field may hold are refused. A query string holds strings, so that is all a failed
        // union can mean.
        querystring: z.object({
          next: z.union([text(), z.array(text())], { error: UNSTORABLE_TEXT }).optional(),
        }),
      },
    },
    async (request, reply) =>
      reply.redirect(await startSso(sso, request.params.connectionId, request.query.next)),
  );

  r.get(
    '/api/v1/auth/sso/callback',
    { config: limited, schema: { tags, summary: 'Where the provider sends the user back' } },
    async (request, reply) => {
      const url = new URL(request.url, deps.publicUrl);
      try {
        const result = await completeSso(sso, url, {
          ip: request.ip,
          userAgent: request.headers['user-agent'] ?? null,
        });
        setSessionCookie(reply, deps.secureCookies, result.sessionId, result.expiresAt);
        return reply.redirect(result.nextPath);
      } catch (error) {
        if (error instanceof SsoRefusal) {
          request.log.info({ reason: error.reason }, 'SSO sign-in refused');
          return reply.redirect(`/sign-in?sso_error=${error.reason}`);
        }
        throw error;
      }
    },
  );

  r.get(
    '/api/v1/organisation/sso',
    {
      schema: {
        tags,
        summary: 'Single sign-on settings (admin)',
        response: { 200: SsoSettingsSchema },
      },
    },
    async (request) => getSsoSettings(sso, requireActor(request)),
  );

  r.patch(
    '/api/v1/organisation/sso',
    {
      schema: {
        tags,
        summary: 'Enforce SSO (password sign-in off but for the break-glass admin) (admin)',
        body: UpdateSsoSettingsInputSchema,
        response: { 200: SsoSettingsSchema },
      },
    },
    async (request) => updateSsoSettings(sso, requireActor(request), request.body),
  );

  r.put(
    '/api/v1/organisation/sso/:provider',
    {
      schema: {
        tags,
        summary: 'Set up Microsoft or Google sign-in (admin)',
        params: z.object({ provider: SsoProviderSchema }),
        body: SsoConnectionInputSchema,
        response: { 200: SsoSettingsSchema },
      },
    },
    async (request) =>
      saveSsoConnection(sso, requireActor(request), request.params.provider, request.body),
  );

  r.delete(
    '/api/v1/organisation/sso/:provider',
    {
      schema: {
        tags,
        summary: 'Remove Microsoft or Google sign-in (admin)',
        params: z.object({ provider: SsoProviderSchema }),
        response: { 200: SsoSettingsSchema },
      },
    },
    async (request) => removeSsoConnection(sso, requireActor(request), request.params.provider),
  );

  const domainParams = z.object({ domain: DomainSchema });

  r.get(
    '/api/v1/organisation/sso/domains',
    {
      schema: {
        tags,
        summary:
          'The email domains single sign-on is for, each with the DNS TXT record that proves it (admin)',
        response: { 200: SsoDomainListSchema },
      },
    },
    async (request) => listDomains(sso, requireActor(request)),
  );

  r.post(
    '/api/v1/organisation/sso/domains',
    {
      schema: {
        tags,
        summary: 'Add an email domain to prove; it routes no one until verified (admin)',
        body: AddSsoDomainInputSchema,
        response: { 201: SsoDomainSchema },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await addDomain(sso, requireActor(request), request.body)),
  );

  r.post(
    '/api/v1/organisation/sso/domains/:domain/verify',
    {
      // Each check is a DNS lookup.
      config: { rateLimit: { max: 30, timeWindow: '1 minute' } },
      schema: {
        tags,
        summary:
          "Look for the domain's TXT record now: found, the domain is verified; 409 if another organisation has verified it (admin)",
        params: domainParams,
        response: { 200: SsoDomainCheckSchema },
      },
    },
    async (request) => verifyDomain(sso, requireActor(request), request.params.domain),
  );

  r.delete(
    '/api/v1/organisation/sso/domains/:domain',
    {
      schema: {
        tags,
        summary: 'Remove an email domain: it no longer routes anyone to single sign-on (admin)',
        params: domainParams,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await removeDomain(sso, requireActor(request), request.params.domain);
      return reply.status(204).send(null);
    },
  );
}
