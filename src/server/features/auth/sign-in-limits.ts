/**
 * How many wrong passwords Plaster hears before it stops listening (see docs/access.md). The
 * limits are counted and an attempt recorded in one step, under a lock per account and per
 * address, before the password is checked: a burst of guesses sent at once is held to the
 * limit as surely as guesses sent one after another.
 */
import type { Db } from '../../db/client';
import { AppError } from '../../lib/errors';
import { SIGN_IN_ATTEMPT_RETENTION_DAYS } from './sessions.service';
import { countRecentFailures, insertSignInAttempt, lockSignInsOf } from './sign-in-attempts.repo';

export const SIGN_IN_LIMITS = {
  /** Failed attempts at one account, from any address, within `accountWindowMinutes`. */
  perAccount: 5,
  accountWindowMinutes: 15,
  /**
   * Failed attempts from one address, at any accounts, within `addressWindowMinutes`: someone
   * trying one password on many accounts. A school's staff share one address behind its
   * router, so the window is short and it holds back no one who recently signed in from there.
   */
  perAddress: 30,
  addressWindowMinutes: 5,
  /** An account signed in from the address within these days is not held back by its limit. */
  knownAddressDays: SIGN_IN_ATTEMPT_RETENTION_DAYS,
};

const minutes = (n: number) => n * 60_000;

/**
 * Records a failed attempt at the account from the address, to become a success if the password
 * is right, and returns its id; refuses (429) if a limit is already reached.
 */
export async function reserveSignInAttempt(db: Db, email: string, ip: string): Promise<number> {
  return db.transaction(async (tx) => {
    await lockSignInsOf(tx, email, ip);
    const now = Date.now();
    const limits = SIGN_IN_LIMITS;
    const failures = await countRecentFailures(tx, email, ip, {
      account: new Date(now - minutes(limits.accountWindowMinutes)),
      address: new Date(now - minutes(limits.addressWindowMinutes)),
      known: new Date(now - limits.knownAddressDays * 24 * 60 * 60_000),
    });
    const until =
      failures.byAccount >= limits.perAccount && failures.oldestByAccount
        ? failures.oldestByAccount.getTime() + minutes(limits.accountWindowMinutes)
        : failures.byAddress >= limits.perAddress &&
            !failures.knownAddress &&
            failures.oldestByAddress
          ? failures.oldestByAddress.getTime() + minutes(limits.addressWindowMinutes)
          : null;
    if (until !== null) {
      throw new AppError('rate_limited', 'Too many failed sign-in attempts. Try again later.', {
        retryAfter: Math.max(1, Math.ceil((until - now) / 1000)),
      });
    }
    return insertSignInAttempt(tx, { email, ip, succeeded: false });
  });
}
