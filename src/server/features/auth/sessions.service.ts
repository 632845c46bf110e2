import type { SessionSettings } from '../../deps';
import { createHmac, randomBytes } from 'node:crypto';
import type { Db } from '../../db/client';
import {
  deleteExpiredSessions,
  deleteOtherSessionsOfUser,
  deleteSession,
  deleteSessionsOfUser,
  findActiveSession,
  insertSession,
  touchSession,
} from './sessions.repo';
import { deleteSignInAttemptsBefore } from './sign-in-attempts.repo';

// Writing last_seen_at on every request would make every read a write; a minute is precise enough.
const TOUCH_INTERVAL_MS = 60_000;

export function hashSessionId(settings: SessionSettings, sessionId: string): string {
  return createHmac('sha256', settings.secret).update(sessionId).digest('base64url');
}

export async function startSession(
  db: Db,
  settings: SessionSettings,
  values: { userId: string; ip: string | null; userAgent: string | null },
): Promise<{ sessionId: string; csrfToken: string; expiresAt: Date }> {
  const sessionId = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(32).toString('base64url');
  const expiresAt = new Date(Date.now() + settings.maxHours * 3_600_000);
  await insertSession(db, {
    idHash: hashSessionId(settings, sessionId),
    userId: values.userId,
    csrfToken,
    expiresAt,
    ip: values.ip,
    userAgent: values.userAgent?.slice(0, 300) ?? null,
  });
  return { sessionId, csrfToken, expiresAt };
}

/**
 * The live session for a cookie value, or null when it is unknown, expired (idle or absolute)
 * or its user has been deactivated. Expired sessions are removed as they are found.
 */
export async function resumeSession(db: Db, settings: SessionSettings, sessionId: string) {
  const idHash = hashSessionId(settings, sessionId);
  const found = await findActiveSession(db, idHash);
  if (!found) return null;
  const now = Date.now();
  const idleLimit = found.session.lastSeenAt.getTime() + settings.idleMinutes * 60_000;
  if (found.session.expiresAt.getTime() <= now || idleLimit <= now) {
    await deleteSession(db, idHash);
    return null;
  }
  if (now - found.session.lastSeenAt.getTime() > TOUCH_INTERVAL_MS) {
    await touchSession(db, idHash, new Date(now));
  }
  return { ...found, idHash };
}

export function endSession(db: Db, settings: SessionSettings, sessionId: string): Promise<void> {
  return deleteSession(db, hashSessionId(settings, sessionId));
}

export function endSessionsOfUser(db: Db, userId: string): Promise<void> {
  return deleteSessionsOfUser(db, userId);
}

export function endOtherSessionsOfUser(db: Db, userId: string, keepIdHash: string): Promise<void> {
  return deleteOtherSessionsOfUser(db, userId, keepIdHash);
}

/** Sign-in attempts are kept this long: far past the rate-limit window, for investigations. */
export const SIGN_IN_ATTEMPT_RETENTION_DAYS = 30;

/** Deletes sessions that can no longer be used and sign-in attempts past their retention. */
export async function purgeStaleSignInData(
  db: Db,
  settings: SessionSettings,
): Promise<{ sessions: number; signInAttempts: number }> {
  const now = Date.now();
  const sessions = await deleteExpiredSessions(
    db,
    new Date(now),
    new Date(now - settings.idleMinutes * 60_000),
  );
  const signInAttempts = await deleteSignInAttemptsBefore(
    db,
    new Date(now - SIGN_IN_ATTEMPT_RETENTION_DAYS * 86_400_000),
  );
  return { sessions, signInAttempts };
}
