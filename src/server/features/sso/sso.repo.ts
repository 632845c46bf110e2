import { and, eq, lt, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { organisations, ssoConnections, ssoStates } from '../../db/schema';

export type SsoConnectionRow = typeof ssoConnections.$inferSelect;

export function listSsoConnections(db: Db, organisationId: string): Promise<SsoConnectionRow[]> {
  return db.select().from(ssoConnections).where(eq(ssoConnections.organisationId, organisationId));
}

export async function findSsoConnection(db: Db, id: string): Promise<SsoConnectionRow | null> {
  const [row] = await db.select().from(ssoConnections).where(eq(ssoConnections.id, id));
  return row ?? null;
}

export async function upsertSsoConnection(
  db: Db,
  values: typeof ssoConnections.$inferInsert,
): Promise<SsoConnectionRow> {
  const { organisationId: _org, provider: _provider, ...changes } = values;
  const [row] = await db
    .insert(ssoConnections)
    .values(values)
    .onConflictDoUpdate({
      target: [ssoConnections.organisationId, ssoConnections.provider],
      set: { ...changes, updatedAt: new Date() },
    })
    .returning();
  if (!row) throw new Error('upsert returned no row');
  return row;
}

export async function deleteSsoConnection(
  db: Db,
  organisationId: string,
  provider: SsoConnectionRow['provider'],
) {
  await db
    .delete(ssoConnections)
    .where(
      and(eq(ssoConnections.organisationId, organisationId), eq(ssoConnections.provider, provider)),
    );
}

/** Enabled connections that accept this email domain, with their organisation's enforcement. */
export function findSsoConnectionsForDomain(db: Db, domain: string) {
  return db
    .select({ connection: ssoConnections, enforced: organisations.ssoEnforced })
    .from(ssoConnections)
    .innerJoin(organisations, eq(organisations.id, ssoConnections.organisationId))
    .where(
      and(eq(ssoConnections.enabled, true), sql`${domain} = any(${ssoConnections.allowedDomains})`),
    );
}

export async function insertSsoState(db: Db, values: typeof ssoStates.$inferInsert): Promise<void> {
  await db.insert(ssoStates).values(values);
}

/** Takes a state once: a second call with the same state finds nothing. */
export async function takeSsoState(db: Db, stateHash: string) {
  const [row] = await db.delete(ssoStates).where(eq(ssoStates.stateHash, stateHash)).returning();
  return row ?? null;
}

export async function deleteExpiredSsoStates(db: Db, now: Date): Promise<void> {
  await db.delete(ssoStates).where(lt(ssoStates.expiresAt, now));
}

export async function updateSsoEnforcement(
  db: Db,
  organisationId: string,
  values: { ssoEnforced?: boolean; breakGlassUserId?: string | null },
): Promise<void> {
  await db.update(organisations).set(values).where(eq(organisations.id, organisationId));
}

/** A text[] literal of values, each its own parameter. */
const listOf = (values: string[]) =>
  sql`array[${sql.join(
    values.map((v) => sql`${v}`),
    sql`, `,
  )}]::text[]`;

/** Domains of this list that another organisation's SSO already claims. */
export async function domainsClaimedElsewhere(
  db: Db,
  organisationId: string,
  domains: string[],
): Promise<string[]> {
  if (domains.length === 0) return [];
  const rows = await db
    .select({ domains: ssoConnections.allowedDomains })
    .from(ssoConnections)
    .where(
      sql`${ssoConnections.organisationId} <> ${organisationId} and ${ssoConnections.allowedDomains} && ${listOf(domains)}`,
    );
  const claimed = new Set(rows.flatMap((r) => r.domains));
  return domains.filter((d) => claimed.has(d));
}
