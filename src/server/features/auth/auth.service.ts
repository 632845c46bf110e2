import type { ChangePasswordInput, LoginInput, Me } from '../../../shared/api';
import { passwordProblem } from '../../../shared/password-policy';
import type { Db } from '../../db/client';
import type { UserRow } from '../users/users.service';
import { AppError, invalidField } from '../../lib/errors';
import type { Actor } from '../../access/scope';
import { recordAuditEvent } from '../audit/audit.service';
import { findOrganisationSettings, getOrganisation } from '../organisations/organisations.service';
import { listSchoolsInScope } from '../schools/schools.service';
import { wondeAlerts } from '../wonde/connection.service';
import {
  findUserForSignIn,
  getUserWithScope,
  recordSignIn,
  setPasswordHash,
} from '../users/users.service';
import { hashPassword, verifyPassword } from './password';
import type { SessionSettings } from '../../deps';
import { endOtherSessionsOfUser, endSession, startSession } from './sessions.service';
import {
  deleteSignInAttempt,
  insertSignInAttempt,
  markSignInAttemptSucceeded,
} from './sign-in-attempts.repo';
import { reserveSignInAttempt } from './sign-in-limits';
import { permissionsOf } from '../../access/policy';

const wrongCredentials = () => new AppError('unauthenticated', 'Email or password is incorrect.');

export type SignInResult = { sessionId: string; csrfToken: string; expiresAt: Date; me: Me };

export async function signIn(
  db: Db,
  settings: SessionSettings,
  input: LoginInput,
  client: { ip: string; userAgent: string | null },
): Promise<SignInResult> {
  const email = input.email.trim().toLowerCase();
  // Counted as a failure from here on, unless the password turns out right.
  const attemptId = await reserveSignInAttempt(db, email, client.ip);

  const user = await findUserForSignIn(db, email);
  // Unknown, deactivated and password-less accounts take the same path and time as a wrong password.
  const passwordMatches = await verifyPassword(user?.passwordHash ?? null, input.password);
  if (!user || !passwordMatches || user.deactivatedAt) {
    await recordAuditEvent(db, {
      organisationId: user?.organisationId ?? null,
      actorUserId: user?.id ?? null,
      action: 'auth.sign_in_failed',
      targetType: 'user',
      targetId: user?.id ?? null,
      ip: client.ip,
    });
    throw wrongCredentials();
  }

  const organisation = await findOrganisationSettings(db, user.organisationId);
  if (organisation?.ssoEnforced && organisation.breakGlassUserId !== user.id) {
    // The right password is no guess, though it does not sign in here.
    await deleteSignInAttempt(db, attemptId);
    throw new AppError(
      'forbidden',
      'Your organisation signs in with single sign-on: use the Microsoft or Google button.',
    );
  }
  return startSignedInSession(db, settings, user, client, 'password', attemptId);
}

/** Records a successful sign-in (by password or SSO) and opens the session. */
export async function startSignedInSession(
  db: Db,
  settings: SessionSettings,
  user: UserRow,
  client: { ip: string; userAgent: string | null },
  via: 'password' | 'microsoft' | 'google',
  /** The attempt recorded before the password was checked, if it was. */
  attemptId?: number,
): Promise<SignInResult> {
  const session = await db.transaction(async (tx) => {
    if (attemptId === undefined)
      await insertSignInAttempt(tx, { email: user.email, ip: client.ip, succeeded: true });
    else await markSignInAttemptSucceeded(tx, attemptId);
    await recordSignIn(tx, user, new Date());
    await recordAuditEvent(tx, {
      organisationId: user.organisationId,
      actorUserId: user.id,
      action: 'auth.sign_in',
      targetType: 'user',
      targetId: user.id,
      changes: via === 'password' ? null : { via: [null, via] },
      ip: client.ip,
    });
    return startSession(tx, settings, {
      userId: user.id,
      ip: client.ip,
      userAgent: client.userAgent,
    });
  });
  const me = await getMe(
    db,
    { organisationId: user.organisationId, userId: user.id },
    session.csrfToken,
  );
  return { ...session, me };
}

export async function signOut(
  db: Db,
  settings: SessionSettings,
  actor: Actor,
  sessionId: string,
): Promise<void> {
  await endSession(db, settings, sessionId);
  await recordAuditEvent(db, {
    organisationId: actor.organisationId,
    actorUserId: actor.userId,
    action: 'auth.sign_out',
    targetType: 'user',
    targetId: actor.userId,
    ip: actor.ip,
  });
}

export async function getMe(
  db: Db,
  who: { organisationId: string; userId: string },
  csrfToken: string,
): Promise<Me> {
  const { user, scope } = await getUserWithScope(db, who.organisationId, who.userId);
  const permissions = permissionsOf({ ...who, role: user.role, scope, ip: null });
  const [organisation, schools, alerts] = await Promise.all([
    getOrganisation(db, who.organisationId),
    listSchoolsInScope(db, scope),
    permissions.includes('wonde.manage') ? wondeAlerts(db, scope) : Promise.resolve([]),
  ]);
  return { user, organisation, schools, csrfToken, permissions, alerts };
}

/** Changes the caller's own password and signs out their other sessions. */
export async function changeOwnPassword(
  db: Db,
  actor: Actor,
  currentSessionIdHash: string,
  input: ChangePasswordInput,
): Promise<void> {
  const { user: me } = await getUserWithScope(db, actor.organisationId, actor.userId);
  const stored = await findUserForSignIn(db, me.email);
  if (!(await verifyPassword(stored?.passwordHash ?? null, input.currentPassword))) {
    throw invalidField('currentPassword', 'is incorrect');
  }
  const problem = passwordProblem(input.newPassword, me.email);
  if (problem) throw invalidField('newPassword', problem);
  const passwordHash = await hashPassword(input.newPassword);
  await db.transaction(async (tx) => {
    await setPasswordHash(tx, actor.organisationId, actor.userId, passwordHash);
    await endOtherSessionsOfUser(tx, actor.userId, currentSessionIdHash);
    await recordAuditEvent(tx, {
      organisationId: actor.organisationId,
      actorUserId: actor.userId,
      action: 'auth.password_changed',
      targetType: 'user',
      targetId: actor.userId,
      ip: actor.ip,
    });
  });
}
