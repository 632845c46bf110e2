import type {
  CaughtMail,
  ContactsResponse,
  Notification,
  Preview,
  SendInput,
  Template,
  TemplateKey,
} from '../../../shared/notifications-api';
import { apiRequest } from '../../app/api';

const incidentPath = (incidentId: string, rest = '') =>
  `/incidents/${encodeURIComponent(incidentId)}/notifications${rest}`;

/** The incident's pupil's contacts or staff member's next of kin, read live from the MIS. */
export function getContacts(incidentId: string, signal?: AbortSignal): Promise<ContactsResponse> {
  return apiRequest<ContactsResponse>(`/incidents/${encodeURIComponent(incidentId)}/contacts`, {
    signal,
  });
}

export async function listTemplates(signal?: AbortSignal): Promise<Template[]> {
  const body = await apiRequest<{ templates: Template[] }>('/notification-templates', { signal });
  return body.templates;
}

export function updateTemplate(
  key: TemplateKey,
  input: { subject: string; body: string },
): Promise<Template> {
  return apiRequest<Template>(`/notification-templates/${key}`, { method: 'PUT', body: input });
}

/** Back to Plaster's own wording. */
export function resetTemplate(key: TemplateKey): Promise<Template> {
  return apiRequest<Template>(`/notification-templates/${key}`, { method: 'DELETE' });
}

export type PreviewRequest = { templateKey: TemplateKey; keepOtherNames: boolean };

export function previewNotification(
  incidentId: string,
  input: PreviewRequest,
  signal?: AbortSignal,
): Promise<Preview> {
  return apiRequest<Preview>(incidentPath(incidentId, '/preview'), {
    method: 'POST',
    body: input,
    signal,
  });
}

export async function sendNotifications(
  incidentId: string,
  input: SendInput,
): Promise<Notification[]> {
  const body = await apiRequest<{ notifications: Notification[] }>(incidentPath(incidentId), {
    method: 'POST',
    body: input,
  });
  return body.notifications;
}

export async function listNotifications(
  incidentId: string,
  signal?: AbortSignal,
): Promise<Notification[]> {
  const body = await apiRequest<{ notifications: Notification[] }>(incidentPath(incidentId), {
    signal,
  });
  return body.notifications;
}

/** The emails the demo's own mail server caught; 404 when Plaster sends real email. */
export async function listCaughtMail(signal?: AbortSignal): Promise<CaughtMail[]> {
  const body = await apiRequest<{ messages: CaughtMail[] }>('/demo/mail', { signal });
  return body.messages;
}
