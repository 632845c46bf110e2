import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdParamsSchema } from '../../../shared/api';
import {
  CaughtMailSchema,
  ContactsResponseSchema,
  NotificationListSchema,
  PreviewInputSchema,
  PreviewSchema,
  SendInputSchema,
  TemplateKeySchema,
  TemplateSchema,
  UpdateTemplateInputSchema,
} from '../../../shared/notifications-api';
import { requireActor } from '../../http/auth';
import type { RouteDeps } from '../../http/deps';
import { AppError } from '../../lib/errors';
import {
  getIncidentContacts,
  listDemoMail,
  listIncidentNotifications,
  listTemplates,
  previewNotification,
  sendNotifications,
  updateTemplate,
} from './notifications.service';

export function notificationsRoutes(app: FastifyInstance, deps: RouteDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['notifications'];
  const { db } = deps;

  r.get(
    '/api/v1/incidents/:id/contacts',
    {
      schema: {
        tags,
        summary:
          "The incident's pupil's contacts or staff member's next of kin: read live from Wonde, never stored, each read audited",
        params: IdParamsSchema,
        response: { 200: ContactsResponseSchema },
      },
    },
    async (request) => getIncidentContacts(deps, requireActor(request), request.params.id),
  );

  r.get(
    '/api/v1/notification-templates',
    {
      schema: {
        tags,
        summary: "The organisation's email templates",
        response: { 200: z.object({ templates: z.array(TemplateSchema) }) },
      },
    },
    async (request) => ({
      templates: await listTemplates(db, requireActor(request).organisationId),
    }),
  );

  r.put(
    '/api/v1/notification-templates/:key',
    {
      schema: {
        tags,
        summary: "Change a template's wording (admin)",
        params: z.object({ key: TemplateKeySchema }),
        body: UpdateTemplateInputSchema,
        response: { 200: TemplateSchema },
      },
    },
    async (request) => updateTemplate(db, requireActor(request), request.params.key, request.body),
  );

  r.delete(
    '/api/v1/notification-templates/:key',
    {
      schema: {
        tags,
        summary: "Go back to Plaster's wording (admin)",
        params: z.object({ key: TemplateKeySchema }),
        response: { 200: TemplateSchema },
      },
    },
    async (request) => updateTemplate(db, requireActor(request), request.params.key, null),
  );

  r.post(
    '/api/v1/incidents/:id/notifications/preview',
    {
      schema: {
        tags,
        summary: 'The email a template makes for this incident, to check and edit before sending',
        params: IdParamsSchema,
        body: PreviewInputSchema,
        response: { 200: PreviewSchema },
      },
    },
    async (request) =>
      previewNotification(db, requireActor(request), request.params.id, request.body),
  );

  r.get(
    '/api/v1/incidents/:id/notifications',
    {
      schema: {
        tags,
        summary: 'The communication log of an incident',
        params: IdParamsSchema,
        response: { 200: NotificationListSchema },
      },
    },
    async (request) => ({
      notifications: await listIncidentNotifications(db, requireActor(request), request.params.id),
    }),
  );

  r.post(
    '/api/v1/incidents/:id/notifications',
    {
      schema: {
        tags,
        summary: 'Send the email to the chosen contacts; delivery is queued and retried',
        params: IdParamsSchema,
        body: SendInputSchema,
        response: { 202: NotificationListSchema },
      },
    },
    async (request, reply) => {
      const notifications = await sendNotifications(
        deps,
        requireActor(request),
        request.params.id,
        request.body,
      );
      return reply.status(202).send({ notifications });
    },
  );

  r.get(
    '/api/v1/demo/mail',
    {
      schema: {
        tags,
        summary: "Demo only: the emails the demo's mail server caught",
        response: { 200: z.object({ messages: z.array(CaughtMailSchema) }) },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      if (!deps.mailCatcher)
        throw new AppError('not_found', 'There is no demo mailbox: this Plaster sends real email.');
      return { messages: await listDemoMail(db, deps.mailCatcher, actor) };
    },
  );
}
