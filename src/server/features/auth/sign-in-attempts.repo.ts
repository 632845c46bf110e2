import { and, eq, gt, lt, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { signInAttempts } from '../../db/schema';

export async function insertSignInAttempt(
  db: Db,
  values: { email: string; ip: string; succeeded: boolean },
): Promise<void> {
  await db.insert(signInAttempts).values(values);
}

/** Failed attempts since `since` for this email and for this address. */
export async function countRecentFailures(
  db: Db,
  email: string,
  ip: string,
  since: Date,
): Promise<{ byEmail: number; byIp: number; oldestByEmail: Date | null; oldestByIp: Date | null }> {
  const recentFailure = and(eq(signInAttempts.succeeded, false), gt(signInAttempts.at, since));
  const [row] = await db
    .select({
      byEmail: sql<number>`count(*) filter (where ${signInAttempts.email} = ${email})::int`,
      byIp: sql<number>`count(*) filter (where ${signInAttempts.ip} = ${ip})::int`,
      oldestByEmail: sql<
        string | null
      >`min(${signInAttempts.at}) filter (where ${signInAttempts.email} = ${email})`,
      oldestByIp: sql<
        string | null
      >`min(${signInAttempts.at}) filter (where ${signInAttempts.ip} = ${ip})`,
    })
    .from(signInAttempts)
    .where(
      and(recentFailure, sql`(${signInAttempts.email} = ${email} or ${signInAttempts.ip} = ${ip})`),
    );
  return {
    byEmail: row?.byEmail ?? 0,
    byIp: row?.byIp ?? 0,
    oldestByEmail: row?.oldestByEmail ? new Date(row.oldestByEmail) : null,
    oldestByIp: row?.oldestByIp ? new Date(row.oldestByIp) : null,
  };
}

export async function deleteSignInAttemptsBefore(db: Db, before: Date): Promise<number> {
  const deleted = await db
    .delete(signInAttempts)
    .where(lt(signInAttempts.at, before))
    .returning({ id: signInAttempts.id });
  return deleted.length;
}
