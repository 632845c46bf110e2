import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Notification, SendInput, TemplateKey } from '../../../shared/notifications-api';
import {
  getContacts,
  listCaughtMail,
  listNotifications,
  listTemplates,
  previewNotification,
  resetTemplate,
  sendNotifications,
  updateTemplate,
} from './api';
import type { PreviewRequest } from './api';
import { attentionKey } from '../attention/queries';

export function notificationsKey(incidentId: string) {
  return ['notifications', 'log', incidentId] as const;
}

const templatesKey = ['notifications', 'templates'] as const;
const demoMailKey = ['demo-mail'] as const;

/** While any email waits or is on its way, ask again every few seconds. */
export function logPollInterval(notifications: Notification[] | undefined): number | false {
  if (!notifications) return false;
  return notifications.some((n) => n.status === 'queued' || n.status === 'sending') ? 3_000 : false;
}

/**
 * Contacts are read live from the MIS and kept in memory only while the page shows them. The
 * server already retries Wonde, so a failure is shown at once with a way to try again.
 */
export function useContactsQuery(incidentId: string | null) {
  return useQuery({
    queryKey: ['contacts', incidentId],
    queryFn: ({ signal }) => getContacts(incidentId ?? '', signal),
    enabled: incidentId !== null,
    staleTime: 60_000,
    gcTime: 0,
    retry: false,
  });
}

export function useTemplatesQuery() {
  return useQuery({
    queryKey: templatesKey,
    queryFn: ({ signal }) => listTemplates(signal),
    staleTime: 0,
  });
}

/**
 * The email a template makes for the incident. Asked again only when the template or the
 * names choice changes, so a refetch never replaces what the user is editing.
 */
export function usePreviewQuery(incidentId: string, request: PreviewRequest, enabled: boolean) {
  return useQuery({
    queryKey: ['notifications', 'preview', incidentId, request.templateKey, request.keepOtherNames],
    queryFn: ({ signal }) => previewNotification(incidentId, request, signal),
    enabled,
    // Keeps the email on screen while another template or names choice is fetched.
    placeholderData: keepPreviousData,
    staleTime: Infinity,
    gcTime: 0,
    refetchOnWindowFocus: false,
    refetchOnReconnect: false,
    retry: false,
  });
}

export function useNotificationsQuery(incidentId: string) {
  return useQuery({
    queryKey: notificationsKey(incidentId),
    queryFn: ({ signal }) => listNotifications(incidentId, signal),
    staleTime: 0,
    refetchInterval: (query) => logPollInterval(query.state.data),
  });
}

export function useSendMutation(incidentId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: SendInput) => sendNotifications(incidentId, input),
    onSuccess: () =>
      Promise.all([
        client.invalidateQueries({ queryKey: notificationsKey(incidentId) }),
        client.invalidateQueries({ queryKey: attentionKey }),
      ]),
  });
}

export function useUpdateTemplateMutation(key: TemplateKey) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { subject: string; body: string }) => updateTemplate(key, input),
    onSuccess: () => client.invalidateQueries({ queryKey: templatesKey }),
  });
}

export function useResetTemplateMutation(key: TemplateKey) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => resetTemplate(key),
    onSuccess: () => client.invalidateQueries({ queryKey: templatesKey }),
  });
}

/** The demo's caught emails, asked again every few seconds while the page is open. */
export function useCaughtMailQuery() {
  return useQuery({
    queryKey: [...demoMailKey, 'messages'],
    queryFn: ({ signal }) => listCaughtMail(signal),
    staleTime: 0,
    refetchInterval: 5_000,
  });
}

/** Whether this Plaster catches its email (demo mode): asked once, when the app starts. */
export function useHasDemoMailbox(): boolean {
  const check = useQuery({
    queryKey: [...demoMailKey, 'available'],
    queryFn: async ({ signal }) => {
      await listCaughtMail(signal);
      return true;
    },
    staleTime: Infinity,
    gcTime: Infinity,
    retry: false,
    refetchOnWindowFocus: false,
    refetchOnReconnect: false,
  });
  return check.data === true;
}
