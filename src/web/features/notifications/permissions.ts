import type { Me } from '../../../shared/api';

/** Reporters, managers and admins see contacts and email them; viewers only read the log. */
export function canContactFamilies(session: Pick<Me, 'permissions'>): boolean {
  return session.permissions.includes('family.notify');
}
