/**
 * The email domains an organisation signs in with, and the proof that each is theirs: a DNS TXT
 * record `plaster-verification=<token>` on the domain. Until it is proved, a domain routes no one
 * (no sign-in buttons, no SSO requirement, no user matched or created through it); once proved
 * it is that organisation's alone.
 */
import { randomBytes } from 'node:crypto';
import {
  AddSsoDomainInputSchema,
  type AddSsoDomainInput,
  type SsoDomain,
  type SsoDomainCheck,
  type SsoDomainList,
} from '../../../shared/sso-api';
import { authorize } from '../../access/policy';
import type { Actor } from '../../access/scope';
import type { Db } from '../../db/client';
import { AppError, invalidField, isUniqueViolation, notFound } from '../../lib/errors';
import { readTxtRecords } from '../../lib/dns-txt';
import { recordChange } from '../audit/audit.service';
import {
  deleteSsoDomain,
  findSsoDomain,
  insertSsoDomains,
  isDomainVerifiedElsewhere,
  listSsoDomains,
  markSsoDomainVerified,
  type SsoDomainRow,
} from './sso.repo';
import type { Deps } from '../../deps';

/** The start of the TXT record's value; the organisation's token for the domain follows. */
export const TXT_PREFIX = 'plaster-verification=';

/** More than any trust has; a bound on what one organisation may ask Plaster to look up. */
export const MAX_DOMAINS = 100;

export const txtRecordOf = (row: Pick<SsoDomainRow, 'token'>) => `${TXT_PREFIX}${row.token}`;

const newToken = () => randomBytes(18).toString('base64url');

function present(row: SsoDomainRow): SsoDomain {
  return {
    domain: row.domain,
    txtRecord: txtRecordOf(row),
    status: row.verifiedAt ? 'verified' : 'pending',
    verifiedAt: row.verifiedAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
  };
}

const takenElsewhere = (domain: string) =>
  new AppError(
    'conflict',
    `Another organisation has already proved that ${domain} is theirs, so it cannot be verified for yours: a domain signs in to one organisation only.`,
    { details: [{ path: 'domain', message: 'is verified by another organisation' }] },
  );

export async function listDomains(deps: Pick<Deps, 'db'>, actor: Actor): Promise<SsoDomainList> {
  authorize(actor, 'sso.manage');
  return { domains: (await listSsoDomains(deps.db, actor.organisationId)).map(present) };
}

/**
 * Lists the domains the organisation does not list yet, each with a new token, and audits each;
 * in the caller's transaction. Returns those added.
 */
export async function addDomainClaims(
  tx: Db,
  actor: Actor,
  domains: string[],
): Promise<SsoDomainRow[]> {
  const added = await insertSsoDomains(
    tx,
    actor.organisationId,
    domains.map((domain) => ({ domain, token: newToken() })),
  );
  for (const row of added) {
    await recordChange(
      tx,
      actor,
      'sso.domain_added',
      { type: 'sso_domain', id: row.domain },
      { domain: [null, row.domain] },
    );
  }
  return added;
}

/** Adds a domain to prove. Listing it changes nothing for anyone until it is verified. */
export async function addDomain(
  deps: Pick<Deps, 'db'>,
  actor: Actor,
  input: AddSsoDomainInput,
): Promise<SsoDomain> {
  authorize(actor, 'sso.manage');
  const { domain } = AddSsoDomainInputSchema.parse(input);
  const listed = await listSsoDomains(deps.db, actor.organisationId);
  if (listed.some((row) => row.domain === domain)) {
    throw new AppError('conflict', `${domain} is listed already.`, {
      details: [{ path: 'domain', message: 'is listed already' }],
    });
  }
  if (listed.length >= MAX_DOMAINS) {
    throw invalidField('domain', `cannot be added: an organisation lists at most ${MAX_DOMAINS}`);
  }
  const [row] = await deps.db.transaction((tx) => addDomainClaims(tx, actor, [domain]));
  const added = row ?? (await findSsoDomain(deps.db, actor.organisationId, domain));
  if (!added) throw new Error('the domain added is not there');
  return present(added);
}

/**
 * Looks for the domain's TXT record now. Found, the domain is verified (and stays so until it
 * is removed); not found, nothing changes. A domain another organisation has verified is a 409,
 * which names no one; DNS servers that cannot answer are a 502.
 */
export async function verifyDomain(
  deps: Pick<Deps, 'db' | 'sso'>,
  actor: Actor,
  domain: string,
): Promise<SsoDomainCheck> {
  authorize(actor, 'sso.manage');
  const row = await findSsoDomain(deps.db, actor.organisationId, domain);
  if (!row) throw notFound('Domain');
  if (row.verifiedAt) return { domain: present(row), found: true };

  let records: string[];
  try {
    records = await readTxtRecords(domain, deps.sso.dnsServers);
  } catch (error) {
    throw new AppError(
      'upstream_failed',
      `Plaster could not read the DNS records of ${domain} just now. Try again in a few minutes.`,
      { cause: error },
    );
  }
  const expected = txtRecordOf(row);
  if (!records.some((record) => record.trim() === expected)) {
    return { domain: present(row), found: false };
  }
  if (await isDomainVerifiedElsewhere(deps.db, actor.organisationId, domain)) {
    throw takenElsewhere(domain);
  }
  try {
    const verified = await deps.db.transaction(async (tx) => {
      const updated = await markSsoDomainVerified(tx, row.id, new Date());
      await recordChange(
        tx,
        actor,
        'sso.domain_verified',
        { type: 'sso_domain', id: domain },
        { verified: [false, true] },
      );
      return updated;
    });
    return { domain: present(verified), found: true };
  } catch (error) {
    // Another organisation verified it between the check above and now.
    if (isUniqueViolation(error)) throw takenElsewhere(domain);
    throw error;
  }
}

/** Removes a domain: once removed, it routes none of the organisation's users. */
export async function removeDomain(
  deps: Pick<Deps, 'db'>,
  actor: Actor,
  domain: string,
): Promise<void> {
  authorize(actor, 'sso.manage');
  await deps.db.transaction(async (tx) => {
    const removed = await deleteSsoDomain(tx, actor.organisationId, domain);
    if (!removed) throw notFound('Domain');
    await recordChange(
      tx,
      actor,
      'sso.domain_removed',
      { type: 'sso_domain', id: domain },
      { domain: [domain, null], ...(removed.verifiedAt ? { verified: [true, false] } : {}) },
    );
  });
}
