import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdParamsSchema, SchoolParamsSchema } from '../../../shared/api';
import { text } from '../../../shared/fields';
import {
  SyncRequestInputSchema,
  SyncRequestResultSchema,
  SyncRunSchema,
  WondeConnectionSchema,
  WondeLookupInputSchema,
  WondeLookupResultSchema,
} from '../../../shared/wonde-api';
import { requireActor } from '../../http/auth';
import type { RouteDeps } from '../../http/deps';
import { AppError, invalidField } from '../../lib/errors';
import {
  connectSchool,
  disconnectSchool,
  getConnection,
  syncSchoolNow,
  handleWebhook,
  isWebhookSecretValid,
  lookUpWondeSchool,
} from './connection.service';
import { getSyncRun, listSyncRunsOfSchool } from './sync-runs.service';
import { WebhookSchema } from './wonde-responses';

export function wondeRoutes(app: FastifyInstance, deps: RouteDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['wonde'];

  r.get(
    '/api/v1/schools/:schoolId/wonde',
    {
      schema: {
        tags,
        summary: "The school's Wonde connection, directory size and recent syncs",
        params: SchoolParamsSchema,
        response: { 200: WondeConnectionSchema },
      },
    },
    async (request) => getConnection(deps, requireActor(request).scope, request.params.schoolId),
  );

  r.post(
    '/api/v1/schools/:schoolId/wonde/lookup',
    {
      schema: {
        tags,
        summary:
          'Find the school on Wonde by URN or Wonde id, to confirm before connecting (admin)',
        params: SchoolParamsSchema,
        body: WondeLookupInputSchema,
        response: { 200: WondeLookupResultSchema },
      },
    },
    async (request) => ({
      candidates: await lookUpWondeSchool(
        deps,
        requireActor(request),
        request.params.schoolId,
        request.body,
      ),
    }),
  );

  r.post(
    '/api/v1/schools/:schoolId/wonde/connect',
    {
      schema: {
        tags,
        summary:
          'Request access to the school on Wonde (admin); by Wonde id, or by URN when it is unique',
        params: SchoolParamsSchema,
        body: WondeLookupInputSchema,
        response: { 200: WondeConnectionSchema },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const { schoolId } = request.params;
      let wondeSchoolId: string;
      if ('wondeSchoolId' in request.body) {
        wondeSchoolId = request.body.wondeSchoolId;
      } else {
        const candidates = await lookUpWondeSchool(deps, actor, schoolId, request.body);
        if (candidates.length !== 1) {
          throw invalidField(
            'urn',
            candidates.length === 0
              ? 'is not known to Wonde'
              : 'belongs to several Wonde schools; connect by wondeSchoolId',
          );
        }
        wondeSchoolId = candidates[0]!.wondeSchoolId;
      }
      return connectSchool(deps, actor, schoolId, wondeSchoolId);
    },
  );

  r.delete(
    '/api/v1/schools/:schoolId/wonde',
    {
      schema: {
        tags,
        summary:
          "Disconnect: revoke access in Wonde and remove the school's synced directory (admin)",
        params: SchoolParamsSchema,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await disconnectSchool(deps, requireActor(request), request.params.schoolId);
      return reply.status(204).send(null);
    },
  );

  r.post(
    '/api/v1/schools/:schoolId/wonde/sync',
    {
      schema: {
        tags,
        summary: 'Sync the school now (admin); returns the queued or already running run',
        params: SchoolParamsSchema,
        body: SyncRequestInputSchema,
        response: { 202: SyncRequestResultSchema },
      },
    },
    async (request, reply) => {
      const { run, isNew } = await syncSchoolNow(
        deps,
        requireActor(request),
        request.params.schoolId,
        request.body.mode,
      );
      return reply.status(202).send({ syncRunId: run.id, isNew });
    },
  );

  r.get(
    '/api/v1/schools/:schoolId/wonde/sync-runs',
    {
      schema: {
        tags,
        summary: "The school's sync runs, newest first",
        params: SchoolParamsSchema,
        querystring: z.object({ limit: z.coerce.number().int().min(1).max(100).default(20) }),
        response: { 200: z.object({ runs: z.array(SyncRunSchema) }) },
      },
    },
    async (request) => ({
      runs: await listSyncRunsOfSchool(
        deps.db,
        requireActor(request).scope,
        request.params.schoolId,
        request.query.limit,
      ),
    }),
  );

  r.get(
    '/api/v1/sync-runs/:id',
    {
      schema: {
        tags,
        summary: 'One sync run and its progress',
        params: IdParamsSchema,
        response: { 200: SyncRunSchema },
      },
    },
    async (request) => getSyncRun(deps.db, requireActor(request).scope, request.params.id),
  );

  r.post(
    '/api/v1/webhooks/wonde',
    {
      config: { skipCsrf: true },
      schema: {
        tags,
        summary:
          'Wonde webhook deliveries, authenticated by the X-Webhook-Secret header (or, deprecated, ?secret=); each is confirmed with Wonde before anything changes',
        headers: z.object({ 'x-webhook-secret': text().max(500).optional() }),
        querystring: z.object({ secret: text().max(500).optional() }),
        body: z.unknown(),
        response: {
          200: z.object({ ok: z.literal(true), result: z.enum(['applied', 'ignored']) }),
        },
      },
    },
    async (request) => {
      const fromHeader = request.headers['x-webhook-secret'];
      const given = fromHeader ?? request.query.secret;
      if (!isWebhookSecretValid(deps.wonde.webhookSecret, given)) {
        throw new AppError('unauthenticated', 'Unknown webhook secret.');
      }
      if (fromHeader === undefined) {
        request.log.warn(
          'Wonde webhook secret sent in the query string, which is deprecated: send it in the X-Webhook-Secret header',
        );
      }
      const parsed = WebhookSchema.safeParse(request.body);
      // Wonde re-delivers on non-2xx: a payload we cannot read is acknowledged, and logged.
      if (!parsed.success) {
        request.log.warn('Wonde webhook with an unreadable body ignored');
        return { ok: true as const, result: 'ignored' as const };
      }
      const result = await handleWebhook(deps, parsed.data);
      request.log.info({ payloadType: parsed.data.payload_type, result }, 'Wonde webhook');
      return { ok: true as const, result };
    },
  );
}
