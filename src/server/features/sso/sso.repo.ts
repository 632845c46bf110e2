import { and, asc, eq, isNotNull, lt, ne, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { organisations, ssoConnections, ssoDomains, ssoStates } from '../../db/schema';

export type SsoConnectionRow = typeof ssoConnections.$inferSelect;
export type SsoDomainRow = typeof ssoDomains.$inferSelect;

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

/**
 * Enabled connections that accept this email domain, with their organisation's enforcement:
 * only where that organisation has proved the domain is its own.
 */
export function findSsoConnectionsForDomain(db: Db, domain: string) {
  return db
    .select({ connection: ssoConnections, enforced: organisations.ssoEnforced })
    .from(ssoConnections)
    .innerJoin(organisations, eq(organisations.id, ssoConnections.organisationId))
    .innerJoin(
      ssoDomains,
      and(
        eq(ssoDomains.organisationId, ssoConnections.organisationId),
        eq(ssoDomains.domain, domain),
        isNotNull(ssoDomains.verifiedAt),
      ),
    )
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

export function listSsoDomains(db: Db, organisationId: string): Promise<SsoDomainRow[]> {
  return db
    .select()
    .from(ssoDomains)
    .where(eq(ssoDomains.organisationId, organisationId))
    .orderBy(asc(ssoDomains.domain));
}

export async function findSsoDomain(
  db: Db,
  organisationId: string,
  domain: string,
): Promise<SsoDomainRow | null> {
  const [row] = await db
    .select()
    .from(ssoDomains)
    .where(and(eq(ssoDomains.organisationId, organisationId), eq(ssoDomains.domain, domain)));
  return row ?? null;
}

/** Adds the domains the organisation does not list yet; returns those added. */
export async function insertSsoDomains(
  db: Db,
  organisationId: string,
  domains: Array<{ domain: string; token: string }>,
): Promise<SsoDomainRow[]> {
  if (domains.length === 0) return [];
  return db
    .insert(ssoDomains)
    .values(domains.map((d) => ({ organisationId, ...d })))
    .onConflictDoNothing({ target: [ssoDomains.organisationId, ssoDomains.domain] })
    .returning();
}

/** Marks the domain verified; a unique violation if another organisation verified it first. */
export async function markSsoDomainVerified(
  db: Db,
  id: string,
  verifiedAt: Date,
): Promise<SsoDomainRow> {
  const [row] = await db
    .update(ssoDomains)
    .set({ verifiedAt })
    .where(eq(ssoDomains.id, id))
    .returning();
  if (!row) throw new Error('the domain to verify is gone');
  return row;
}

export async function deleteSsoDomain(
  db: Db,
  organisationId: string,
  domain: string,
): Promise<SsoDomainRow | null> {
  const [row] = await db
    .delete(ssoDomains)
    .where(and(eq(ssoDomains.organisationId, organisationId), eq(ssoDomains.domain, domain)))
    .returning();
  return row ?? null;
}

/** Whether an organisation other than this one has verified the domain. */
export async function isDomainVerifiedElsewhere(
  db: Db,
  organisationId: string,
  domain: string,
): Promise<boolean> {
  const [row] = await db
    .select({ id: ssoDomains.id })
    .from(ssoDomains)
    .where(
      and(
        eq(ssoDomains.domain, domain),
        isNotNull(ssoDomains.verifiedAt),
        ne(ssoDomains.organisationId, organisationId),
      ),
    );
  return row !== undefined;
}

/** Whether this organisation has verified the domain. */
export async function isDomainVerifiedBy(
  db: Db,
  organisationId: string,
  domain: string,
): Promise<boolean> {
  const row = await findSsoDomain(db, organisationId, domain);
  return row?.verifiedAt != null;
}
