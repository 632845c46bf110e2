import { and, eq, lt, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { signInAttempts } from '../../db/schema';

export async function insertSignInAttempt(
  db: Db,
  values: { email: string; ip: string; succeeded: boolean },
): Promise<number> {
  const [row] = await db.insert(signInAttempts).values(values).returning({ id: signInAttempts.id });
  if (!row) throw new Error('insert returned no row');
  return row.id;
}

export async function markSignInAttemptSucceeded(db: Db, id: number): Promise<void> {
  await db.update(signInAttempts).set({ succeeded: true }).where(eq(signInAttempts.id, id));
}

export async function deleteSignInAttempt(db: Db, id: number): Promise<void> {
  await db.delete(signInAttempts).where(eq(signInAttempts.id, id));
}

/**
 * Holds every other sign-in at this account, and every other from this address, until the
 * transaction ends, so that counting attempts and recording one is a single step. The account is
 * always locked before the address: no two sign-ins can each hold what the other waits for.
 */
export async function lockSignInsOf(tx: Db, email: string, ip: string): Promise<void> {
  await tx.execute(
    sql`select pg_advisory_xact_lock(hashtextextended(${`sign-in account ${email}`}, 0))`,
  );
  await tx.execute(
    sql`select pg_advisory_xact_lock(hashtextextended(${`sign-in address ${ip}`}, 0))`,
  );
}

export type RecentFailures = {
  /** Failed attempts at the account since `accountSince`, from any address. */
  byAccount: number;
  oldestByAccount: Date | null;
  /** Failed attempts from the address since `addressSince`, at any account. */
  byAddress: number;
  oldestByAddress: Date | null;
  /** The account signed in from the address since `knownSince`. */
  knownAddress: boolean;
};

export async function countRecentFailures(
  db: Db,
  email: string,
  ip: string,
  since: { account: Date; address: Date; known: Date },
): Promise<RecentFailures> {
  const a = signInAttempts;
  const after = (date: Date) => sql`${date.toISOString()}::timestamptz`;
  const ofAccount = sql`${a.email} = ${email} and ${a.at} > ${after(since.account)}`;
  const ofAddress = sql`${a.ip} = ${ip} and ${a.at} > ${after(since.address)}`;
  const [row] = await db
    .select({
      byAccount: sql<number>`count(*) filter (where ${ofAccount})::int`,
      oldestByAccount: sql<string | null>`min(${a.at}) filter (where ${ofAccount})`,
      byAddress: sql<number>`count(*) filter (where ${ofAddress})::int`,
      oldestByAddress: sql<string | null>`min(${a.at}) filter (where ${ofAddress})`,
      knownAddress: sql<boolean>`exists (
        select 1 from ${a} where ${a.email} = ${email} and ${a.ip} = ${ip}
          and ${a.succeeded} and ${a.at} > ${after(since.known)})`,
    })
    .from(a)
    .where(and(eq(a.succeeded, false), sql`(${ofAccount} or ${ofAddress})`));
  return {
    byAccount: row?.byAccount ?? 0,
    oldestByAccount: row?.oldestByAccount ? new Date(row.oldestByAccount) : null,
    byAddress: row?.byAddress ?? 0,
    oldestByAddress: row?.oldestByAddress ? new Date(row.oldestByAddress) : null,
    knownAddress: row?.knownAddress ?? false,
  };
}

export async function deleteSignInAttemptsBefore(db: Db, before: Date): Promise<number> {
  const deleted = await db
    .delete(signInAttempts)
    .where(lt(signInAttempts.at, before))
    .returning({ id: signInAttempts.id });
  return deleted.length;
}
