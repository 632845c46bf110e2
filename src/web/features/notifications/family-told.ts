import type { Notification } from '../../../shared/notifications-api';
import { useNotificationsQuery } from './queries';

/**
 * Whether the family (or next of kin) has been told about an incident, from its emails: those
 * sent or on their way, oldest first. `isKnown` is false until the log has loaded.
 */
export function useFamilyTold(incidentId: string): { isKnown: boolean; told: Notification[] } {
  const log = useNotificationsQuery(incidentId);
  const told = (log.data ?? [])
    .filter((n) => n.status === 'sent' || n.status === 'queued' || n.status === 'sending')
    .sort((a, b) => (a.createdAt < b.createdAt ? -1 : 1));
  return { isKnown: log.isSuccess, told };
}
