import type { Me } from '../../../shared/api';

/** Reporters, managers and admins see contacts and email them; viewers only read the log. */
export function canContactFamilies(session: Pick<Me, 'user'>): boolean {
  return session.user.role !== 'viewer';
}
