/**
 * What an admin may do to the organisation's users. A trust-wide admin manages everyone; an admin
 * of some schools only manages users whose schools are all theirs, never grants more than their
 * own schools, and never changes their own role or schools (another admin must).
 */
import type { Role } from '../../shared/api';
import { AppError } from '../lib/errors';
import type { Actor } from './scope';

/** The schools a user is given: every school, or some. */
export type Grant = { allSchools: boolean; schoolIds: readonly string[] };

/** Whether `actor`'s schools cover every school of `grant`. */
function covers(actor: Actor, grant: Grant): boolean {
  const own = actor.scope.schoolIds;
  if (own === 'all') return true;
  return !grant.allSchools && grant.schoolIds.every((id) => own.includes(id));
}

/** Whether the admin may see and manage this user at all (others answer "not found"). */
export function canReachUser(actor: Actor, user: Grant & { id: string }): boolean {
  return actor.userId === user.id || covers(actor, user);
}

/**
 * Refuses a user created or changed beyond the admin's own reach: more schools than theirs, or,
 * for an admin of some schools, a change to their own role or schools.
 */
export type UserChange = [
  before: (Grant & { id: string; role: Role }) | null,
  change: {
    role?: Role | undefined;
    allSchools?: boolean | undefined;
    schoolIds?: readonly string[] | undefined;
  },
];

export function checkUserGrant(actor: Actor, ...[before, change]: UserChange): void {
  if (actor.scope.schoolIds === 'all') return;
  const after: Grant = {
    allSchools: change.allSchools ?? before?.allSchools ?? false,
    schoolIds: change.schoolIds ?? before?.schoolIds ?? [],
  };
  if (!covers(actor, after)) {
    throw new AppError(
      'forbidden',
      'You can give users only schools you have yourself; ask an admin of the whole organisation.',
    );
  }
  const sameSchools = (a: readonly string[], b: readonly string[]) =>
    a.length === b.length && a.every((id) => b.includes(id));
  const changesOwnReach =
    before !== null &&
    before.id === actor.userId &&
    ((change.role !== undefined && change.role !== before.role) ||
      after.allSchools !== before.allSchools ||
      !sameSchools(after.schoolIds, before.schoolIds));
  if (changesOwnReach) {
    throw new AppError(
      'forbidden',
      'You cannot change your own role or schools; ask an admin of the whole organisation.',
    );
  }
}
