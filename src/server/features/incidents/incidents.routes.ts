import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdParamsSchema } from '../../../shared/api';
import {
  ChangeStatusInputSchema,
  CreateIncidentInputSchema,
  IDEMPOTENT_REPLAYED_HEADER,
  IdempotencyKeySchema,
  IncidentFiltersSchema,
  IncidentHistoryEntrySchema,
  IncidentListQuerySchema,
  IncidentListSchema,
  IncidentSchema,
  PatternsSchema,
  PersonSchema,
  UpdateIncidentInputSchema,
} from '../../../shared/incidents-api';
import { requireActor } from '../../http/auth';
import type { RouteDeps } from '../../http/deps';
import { londonDate } from '../../lib/london-time';
import { incidentsCsv } from './incidents-export';
import {
  changeIncidentStatus,
  createIncident,
  getIncident,
  getIncidentHistory,
  listIncidents,
  updateIncident,
} from './incidents.service';
import { getPatterns, getPerson } from './patterns.service';

// Loose: fastify hands on the validated headers, and the session needs the others.
const CreateIncidentHeadersSchema = z.looseObject({
  'idempotency-key': IdempotencyKeySchema.optional().describe(
    'Any new random value (a UUID will do) per incident; send it again unchanged with a retry ' +
      'of the same request, which then answers 200 with the incident first logged.',
  ),
});

export function incidentsRoutes(app: FastifyInstance, { db }: RouteDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['incidents'];

  r.get(
    '/api/v1/incidents',
    {
      schema: {
        tags,
        summary: 'The book: incidents of your schools, newest first',
        querystring: IncidentListQuerySchema,
        response: { 200: IncidentListSchema },
      },
    },
    async (request) => listIncidents(db, requireActor(request).scope, request.query),
  );

  r.post(
    '/api/v1/incidents',
    {
      schema: {
        tags,
        summary: 'Log an incident (201), or answer a retry of an earlier one (200)',
        headers: CreateIncidentHeadersSchema,
        body: CreateIncidentInputSchema,
        response: { 200: IncidentSchema, 201: IncidentSchema },
      },
    },
    async (request, reply) => {
      const { incident, replayed } = await createIncident(
        db,
        requireActor(request),
        request.body,
        request.headers['idempotency-key'],
      );
      if (replayed)
        return reply.status(200).header(IDEMPOTENT_REPLAYED_HEADER, 'true').send(incident);
      return reply.status(201).send(incident);
    },
  );

  r.get(
    '/api/v1/incidents/export.csv',
    {
      schema: {
        tags,
        summary: 'The filtered list as CSV (Excel-ready)',
        querystring: IncidentFiltersSchema,
      },
    },
    async (request, reply) => {
      const csv = await incidentsCsv(db, requireActor(request).scope, request.query);
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="incidents-${londonDate()}.csv"`)
        .header('cache-control', 'no-store')
        .send(csv);
    },
  );

  r.get(
    '/api/v1/incidents/patterns',
    {
      schema: {
        tags,
        summary: 'Counts for the dashboard over the filtered incidents',
        querystring: IncidentFiltersSchema,
        response: { 200: PatternsSchema },
      },
    },
    async (request) => getPatterns(db, requireActor(request).scope, request.query),
  );

  r.get(
    '/api/v1/incidents/:id',
    {
      schema: {
        tags,
        summary: 'One incident',
        params: IdParamsSchema,
        response: { 200: IncidentSchema },
      },
    },
    async (request) => getIncident(db, requireActor(request).scope, request.params.id),
  );

  r.patch(
    '/api/v1/incidents/:id',
    {
      schema: {
        tags,
        summary: 'Change an incident (with the version you started from)',
        params: IdParamsSchema,
        body: UpdateIncidentInputSchema,
        response: { 200: IncidentSchema },
      },
    },
    async (request) => updateIncident(db, requireActor(request), request.params.id, request.body),
  );

  r.post(
    '/api/v1/incidents/:id/status',
    {
      schema: {
        tags,
        summary: 'Review, close (manager sign-off) or reopen',
        params: IdParamsSchema,
        body: ChangeStatusInputSchema,
        response: { 200: IncidentSchema },
      },
    },
    async (request) =>
      changeIncidentStatus(db, requireActor(request), request.params.id, request.body),
  );

  r.get(
    '/api/v1/incidents/:id/history',
    {
      schema: {
        tags,
        summary: 'Every change to the incident, newest first',
        params: IdParamsSchema,
        response: { 200: z.object({ entries: z.array(IncidentHistoryEntrySchema) }) },
      },
    },
    async (request) => ({
      entries: await getIncidentHistory(db, requireActor(request).scope, request.params.id),
    }),
  );

  r.get(
    '/api/v1/people/:id',
    {
      schema: {
        tags: ['people'],
        summary: 'A pupil or member of staff, with the repeat flag',
        params: IdParamsSchema,
        response: { 200: PersonSchema },
      },
    },
    async (request) => getPerson(db, requireActor(request).scope, request.params.id),
  );

  r.get(
    '/api/v1/people/:id/incidents',
    {
      schema: {
        tags: ['people'],
        summary: "A person's incidents",
        params: IdParamsSchema,
        querystring: IncidentListQuerySchema,
        response: { 200: IncidentListSchema },
      },
    },
    async (request) => {
      const scope = requireActor(request).scope;
      await getPerson(db, scope, request.params.id);
      return listIncidents(db, scope, { ...request.query, personId: request.params.id });
    },
  );
}
