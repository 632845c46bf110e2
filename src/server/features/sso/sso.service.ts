import { createHash } from 'node:crypto';
import * as oidc from 'openid-client';
import type {
  SsoConnectionInput,
  SsoProvider,
  SsoSettings,
  SsoError,
} from '../../../shared/sso-api';
import { SsoConnectionInputSchema } from '../../../shared/sso-api';
import { safeNextPath } from '../../../shared/next-path';
import type { Db } from '../../db/client';
import { AppError, invalidField, notFound } from '../../lib/errors';
import type { Actor } from '../../access/scope';
import { recordChange } from '../audit/audit.service';
import { startSignedInSession, type SignInResult } from '../auth/auth.service';
import { findOrganisationSettings } from '../organisations/organisations.service';
import { createUser, findUserForSignIn, getUser } from '../users/users.service';
import {
  deleteExpiredSsoStates,
  deleteSsoConnection,
  findSsoConnection,
  findSsoConnectionsForDomain,
  insertSsoState,
  isDomainVerifiedBy,
  listSsoConnections,
  listSsoDomains,
  takeSsoState,
  updateSsoEnforcement,
  upsertSsoConnection,
  type SsoConnectionRow,
} from './sso.repo';
import { authorize } from '../../access/policy';
import { addDomainClaims } from './sso-domains.service';
import type { Deps, SsoContext } from '../../deps';

/**
 * The redirect URI is built from `publicUrl`, where this Plaster is reached; `sso` holds the
 * operator's issuer overrides and DNS servers.
 */
export type SsoDeps = Pick<Deps, 'db' | 'secrets' | 'sessions' | 'publicUrl' | 'sso'>;

/** A sign-in the provider completed but Plaster refuses, with the reason shown on /sign-in. */
export class SsoRefusal extends Error {
  constructor(readonly reason: SsoError) {
    super(reason);
    this.name = 'SsoRefusal';
  }
}

const STATE_LIFETIME_MS = 10 * 60_000;
const LABELS: Record<SsoProvider, string> = { microsoft: 'Microsoft', google: 'Google' };

export const redirectUriOf = (publicUrl: string) => `${publicUrl}/api/v1/auth/sso/callback`;
const hashState = (state: string) => createHash('sha256').update(state).digest('base64url');

/**
 * The one issuer a connection signs in with: Microsoft's for its tenant, or Google's. Only the
 * operator can put another in its place (SSO_ISSUER_OVERRIDES), never an organisation; null for
 * a Microsoft connection without its tenant.
 */
export function issuerOf(
  connection: Pick<SsoConnectionRow, 'provider' | 'tenantId'>,
  overrides: SsoContext['issuerOverrides'],
): string | null {
  const override = overrides[connection.provider];
  if (override) return override;
  if (connection.provider === 'google') return 'https://accounts.google.com';
  if (!connection.tenantId) return null;
  return `https://login.microsoftonline.com/${encodeURIComponent(connection.tenantId)}/v2.0`;
}

// Discovery documents change rarely; keep each connection's for as long as it is unchanged.
const configs = new Map<
  string,
  { version: number; issuer: string; config: Promise<oidc.Configuration> }
>();

/**
 * The provider's OpenID configuration, from its fixed issuer's discovery document; throws an
 * upstream_failed AppError (502) when it cannot be had. Only an operator's override may be plain
 * http.
 */
async function configOf(connection: SsoConnectionRow, deps: SsoDeps): Promise<oidc.Configuration> {
  const name = LABELS[connection.provider];
  const issuerText = issuerOf(connection, deps.sso.issuerOverrides);
  if (!issuerText) {
    throw new AppError(
      'conflict',
      `${name} sign-in has no tenant ID: an administrator must enter it under Organisation.`,
    );
  }
  const version = connection.updatedAt.getTime();
  const cached = configs.get(connection.id);
  let config: Promise<oidc.Configuration>;
  if (cached && cached.version === version && cached.issuer === issuerText) {
    config = cached.config;
  } else {
    const issuer = new URL(issuerText);
    const isOverride = deps.sso.issuerOverrides[connection.provider] === issuerText;
    config = oidc
      .discovery(
        issuer,
        connection.clientId,
        undefined,
        oidc.ClientSecretPost(deps.secrets.open(connection.clientSecretSealed)),
        isOverride && issuer.protocol === 'http:'
          ? { execute: [oidc.allowInsecureRequests] }
          : undefined,
      )
      .catch((error: unknown) => {
        configs.delete(connection.id);
        throw error;
      });
    configs.set(connection.id, { version, issuer: issuerText, config });
  }
  try {
    return await config;
  } catch (error) {
    throw new AppError(
      'upstream_failed',
      `${name} sign-in is not available just now: its sign-in service (${issuerText}) could not be reached or did not answer as expected. Try again in a few minutes.`,
      { cause: error },
    );
  }
}

function present(row: SsoConnectionRow) {
  return {
    id: row.id,
    provider: row.provider,
    clientId: row.clientId,
    hasClientSecret: row.clientSecretSealed.length > 0,
    tenantId: row.tenantId,
    allowedDomains: row.allowedDomains,
    jitEnabled: row.jitEnabled,
    jitRole: row.jitRole,
    enabled: row.enabled,
  };
}

export async function getSsoSettings(deps: SsoDeps, actor: Actor): Promise<SsoSettings> {
  authorize(actor, 'sso.manage');
  const organisation = await findOrganisationSettings(deps.db, actor.organisationId);
  if (!organisation) throw notFound('Organisation');
  return {
    enforced: organisation.ssoEnforced,
    breakGlassUserId: organisation.breakGlassUserId,
    connections: (await listSsoConnections(deps.db, actor.organisationId)).map(present),
    redirectUri: redirectUriOf(deps.publicUrl),
  };
}

export async function saveSsoConnection(
  deps: SsoDeps,
  actor: Actor,
  provider: SsoProvider,
  rawInput: SsoConnectionInput,
): Promise<SsoSettings> {
  authorize(actor, 'sso.manage');
  const input = SsoConnectionInputSchema.parse(rawInput);
  const existing = (await listSsoConnections(deps.db, actor.organisationId)).find(
    (c) => c.provider === provider,
  );
  if (!input.clientSecret && !existing) {
    throw invalidField('clientSecret', 'is required');
  }
  if (provider === 'microsoft' && !input.tenantId) {
    throw invalidField('tenantId', 'is required for Microsoft (your Entra tenant id)');
  }
  if (provider === 'google' && input.allowedDomains.length === 0) {
    throw invalidField('allowedDomains', 'list your Google Workspace domains');
  }
  // Another organisation listing the same domain is no matter: until a domain is proved with
  // its DNS record (sso-domains.service), it routes no one.
  const allowedDomains = [...new Set(input.allowedDomains)];
  await deps.db.transaction(async (tx) => {
    const row = await upsertSsoConnection(tx, {
      organisationId: actor.organisationId,
      provider,
      clientId: input.clientId,
      clientSecretSealed: input.clientSecret
        ? deps.secrets.seal(input.clientSecret)
        : (existing?.clientSecretSealed ?? ''),
      tenantId: input.tenantId ?? null,
      allowedDomains,
      jitEnabled: input.jitEnabled,
      jitRole: input.jitRole,
      enabled: input.enabled,
    });
    const { hasClientSecret: _s, id: _id, ...visible } = present(row);
    const before = existing ? present(existing) : null;
    const changes: Record<string, [unknown, unknown]> = {};
    for (const [key, value] of Object.entries(visible)) {
      const old = before?.[key as keyof typeof visible] ?? null;
      if (JSON.stringify(old) !== JSON.stringify(value)) changes[key] = [old, value];
    }
    if (input.clientSecret) changes.clientSecret = [existing ? '(set)' : null, '(new secret)'];
    await recordChange(tx, actor, 'sso.connection_saved', { type: 'sso', id: provider }, changes);
    // Each allowed domain is listed to prove, with its DNS record to add.
    await addDomainClaims(tx, actor, allowedDomains);
  });
  return getSsoSettings(deps, actor);
}

export async function removeSsoConnection(
  deps: SsoDeps,
  actor: Actor,
  provider: SsoProvider,
): Promise<SsoSettings> {
  authorize(actor, 'sso.manage');
  const organisation = await findOrganisationSettings(deps.db, actor.organisationId);
  const connections = await listSsoConnections(deps.db, actor.organisationId);
  if (!connections.some((c) => c.provider === provider)) throw notFound('Sign-in method');
  const remaining = connections.filter((c) => c.provider !== provider);
  if (organisation?.ssoEnforced && !remaining.some((c) => c.enabled)) {
    throw new AppError(
      'conflict',
      'SSO is enforced: turn enforcement off before removing the last connection.',
    );
  }
  await deps.db.transaction(async (tx) => {
    await deleteSsoConnection(tx, actor.organisationId, provider);
    await recordChange(
      tx,
      actor,
      'sso.connection_removed',
      { type: 'sso', id: provider },
      { provider: [provider, null] },
    );
  });
  return getSsoSettings(deps, actor);
}

/** Turns SSO enforcement on or off; on needs a working connection and an active break-glass admin. */
export async function updateSsoSettings(
  deps: SsoDeps,
  actor: Actor,
  input: { enforced?: boolean | undefined; breakGlassUserId?: string | null | undefined },
): Promise<SsoSettings> {
  const before = await getSsoSettings(deps, actor);
  const enforced = input.enforced ?? before.enforced;
  const breakGlassUserId =
    input.breakGlassUserId === undefined ? before.breakGlassUserId : input.breakGlassUserId;
  if (enforced) {
    if (!before.connections.some((c) => c.enabled)) {
      throw new AppError('conflict', 'Set up Microsoft or Google sign-in before enforcing it.');
    }
    // Without one, no one would be offered a button, and no one but the break-glass admin could
    // sign in.
    const proved = (await listSsoDomains(deps.db, actor.organisationId))
      .filter((d) => d.verifiedAt)
      .map((d) => d.domain);
    if (
      !before.connections.some((c) => c.enabled && c.allowedDomains.some((d) => proved.includes(d)))
    ) {
      throw new AppError(
        'conflict',
        'Prove one of the domains your Microsoft or Google sign-in allows (under Email domains) before requiring single sign-on: until then no one is offered it.',
      );
    }
    const breakGlass = breakGlassUserId
      ? await getUser(deps.db, actor, breakGlassUserId).catch(() => null)
      : null;
    if (!breakGlass || breakGlass.role !== 'admin' || !breakGlass.active) {
      throw invalidField(
        'breakGlassUserId',
        'choose an active admin who can still sign in with a password',
      );
    }
  }
  await deps.db.transaction(async (tx) => {
    await updateSsoEnforcement(tx, actor.organisationId, {
      ssoEnforced: enforced,
      breakGlassUserId,
    });
    const changes: Record<string, [unknown, unknown]> = {};
    if (enforced !== before.enforced) changes.enforced = [before.enforced, enforced];
    if (breakGlassUserId !== before.breakGlassUserId)
      changes.breakGlassUserId = [before.breakGlassUserId, breakGlassUserId];
    await recordChange(
      tx,
      actor,
      'sso.settings_updated',
      { type: 'organisation', id: actor.organisationId },
      changes,
    );
  });
  return getSsoSettings(deps, actor);
}

/**
 * The SSO buttons to offer for an email, and whether its password sign-in is off: only from the
 * organisation that has proved the email's domain is its own.
 */
export async function discoverSso(db: Db, email: string) {
  const domain = email.trim().toLowerCase().split('@')[1] ?? '';
  if (!domain) return { providers: [], passwordDisabled: false };
  const rows = await findSsoConnectionsForDomain(db, domain);
  return {
    providers: rows.map((r) => ({
      connectionId: r.connection.id,
      provider: r.connection.provider,
      label: `Sign in with ${LABELS[r.connection.provider]}`,
    })),
    passwordDisabled: rows.some((r) => r.enforced),
  };
}

/**
 * Begins a sign-in: the provider's URL, with PKCE, state and nonce (and the page to return to)
 * remembered for the callback.
 */
export async function startSso(
  deps: SsoDeps,
  connectionId: string,
  next?: unknown,
): Promise<string> {
  // Anything but a path on this site returns to the home page; decided before anything is kept.
  const nextPath = safeNextPath(next);
  const connection = await findSsoConnection(deps.db, connectionId);
  if (!connection || !connection.enabled) throw notFound('Sign-in method');
  const config = await configOf(connection, deps);
  const codeVerifier = oidc.randomPKCECodeVerifier();
  const state = oidc.randomState();
  const nonce = oidc.randomNonce();
  await deleteExpiredSsoStates(deps.db, new Date());
  await insertSsoState(deps.db, {
    stateHash: hashState(state),
    connectionId,
    codeVerifier,
    nonce,
    nextPath,
    expiresAt: new Date(Date.now() + STATE_LIFETIME_MS),
  });
  const url = oidc.buildAuthorizationUrl(config, {
    redirect_uri: redirectUriOf(deps.publicUrl),
    scope: 'openid email profile',
    code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: 'S256',
    state,
    nonce,
    ...(connection.provider === 'google' && connection.allowedDomains.length === 1
      ? { hd: connection.allowedDomains[0]! }
      : {}),
  });
  return url.href;
}

/**
 * Completes a sign-in from the provider's redirect: the state must be one we issued and not yet
 * used, the tokens must check out (PKCE, nonce), and the account must belong to the
 * organisation: its tenant or domain, and a Plaster user with that email (or created now).
 */
export async function completeSso(
  deps: SsoDeps,
  callbackUrl: URL,
  client: { ip: string; userAgent: string | null },
): Promise<SignInResult & { nextPath: string }> {
  const state = callbackUrl.searchParams.get('state');
  const taken = state ? await takeSsoState(deps.db, hashState(state)) : null;
  if (!state || !taken || taken.expiresAt.getTime() < Date.now()) throw new SsoRefusal('expired');
  const connection = await findSsoConnection(deps.db, taken.connectionId);
  if (!connection || !connection.enabled) throw new SsoRefusal('expired');
  // Checked again before the session is opened, for a state kept by an older version.
  const nextPath = safeNextPath(taken.nextPath) ?? '/';
  if (callbackUrl.searchParams.has('error')) throw new SsoRefusal('provider_error');

  let claims: oidc.IDToken | undefined;
  try {
    const config = await configOf(connection, deps);
    const tokens = await oidc.authorizationCodeGrant(config, callbackUrl, {
      pkceCodeVerifier: taken.codeVerifier,
      expectedState: state,
      expectedNonce: taken.nonce,
      idTokenExpected: true,
    });
    claims = tokens.claims();
  } catch {
    throw new SsoRefusal('provider_error');
  }
  if (!claims) throw new SsoRefusal('provider_error');

  const claimed = [claims.email, claims.preferred_username].find((v) => typeof v === 'string');
  const email = typeof claimed === 'string' ? claimed.toLowerCase() : '';
  if (connection.provider === 'microsoft' && claims.tid !== connection.tenantId) {
    throw new SsoRefusal('wrong_tenant');
  }
  if (connection.provider === 'google' && claims.email_verified !== true)
    throw new SsoRefusal('unverified_email');
  const parts = email.split('@');
  const domain = parts.length === 2 && parts[0] ? (parts[1] ?? '') : '';
  const hostedDomain = typeof claims.hd === 'string' ? claims.hd.toLowerCase() : null;
  if (connection.allowedDomains.length > 0) {
    if (!connection.allowedDomains.includes(domain)) throw new SsoRefusal('wrong_domain');
    if (
      connection.provider === 'google' &&
      (!hostedDomain || !connection.allowedDomains.includes(hostedDomain))
    ) {
      throw new SsoRefusal('wrong_domain');
    }
  }
  // Only an address at a domain the organisation has proved is its own may be matched or created.
  if (!domain || !(await isDomainVerifiedBy(deps.db, connection.organisationId, domain))) {
    throw new SsoRefusal('unverified_domain');
  }

  let user = await findUserForSignIn(deps.db, email);
  if (user && user.organisationId !== connection.organisationId) throw new SsoRefusal('no_account');
  if (user?.deactivatedAt) throw new SsoRefusal('deactivated');
  if (!user) {
    if (!connection.jitEnabled) throw new SsoRefusal('no_account');
    const name =
      typeof claims.name === 'string' && claims.name.trim()
        ? claims.name.trim()
        : email.split('@')[0]!;
    await createUser(deps.db, connection.organisationId, null, {
      email,
      name,
      role: connection.jitRole,
      allSchools: true,
      password: null,
    });
    user = await findUserForSignIn(deps.db, email);
    if (!user) throw new SsoRefusal('no_account');
  }
  const result = await startSignedInSession(
    deps.db,
    deps.sessions,
    user,
    client,
    connection.provider,
  );
  return { ...result, nextPath };
}
