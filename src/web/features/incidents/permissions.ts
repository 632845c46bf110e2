import type { Me } from '../../../shared/api';
import type { Incident } from '../../../shared/incidents-api';
import { useSession } from '../auth/session';

type Session = Pick<Me, 'user' | 'permissions'>;

/** Everyone but viewers logs incidents. */
export function canLogIncidents(session: Session): boolean {
  return session.permissions.includes('incident.create');
}

/** Managers and admins review, close and reopen incidents, decide RIDDOR and see the dashboard. */
export function canManageIncidents(session: Session): boolean {
  return session.permissions.includes('incident.review');
}

/**
 * Managers and admins edit any incident, a reporter the ones they logged; a closed incident is
 * reopened before anyone changes it.
 */
export function canEditIncident(
  session: Session,
  incident: Pick<Incident, 'reportedBy' | 'status'>,
): boolean {
  if (incident.status === 'closed') return false;
  if (!session.permissions.includes('incident.edit')) return false;
  // The server's rule: reporters change only the incidents they logged.
  return session.user.role !== 'reporter' || incident.reportedBy?.id === session.user.id;
}

export function useCanLogIncidents(): boolean {
  return canLogIncidents(useSession());
}

export function useCanManageIncidents(): boolean {
  return canManageIncidents(useSession());
}
