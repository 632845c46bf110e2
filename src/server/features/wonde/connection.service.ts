import type { Me } from '../../../shared/api';
import { timingSafeEqual } from 'node:crypto';
import type {
  WondeConnection,
  WondeLookupInput,
  WondeSchoolCandidate,
} from '../../../shared/wonde-api';
import type { Db } from '../../db/client';
import { AppError, isUniqueViolation, notFound } from '../../lib/errors';
import type { Actor, Scope } from '../../access/scope';
import { recordAuditEvent } from '../audit/audit.service';
import {
  countDirectory,
  deletePeopleOfSchoolAnywhere,
  pruneSearchWords,
} from '../people/people.service';
import { requestSync, type SyncDeps } from './sync.service';
import { endAccess, partnerAccess } from './wonde-access';
import { presentSyncRun } from './sync-runs.service';
import { WondeError, type WondeClient } from './wonde-client';
import type { WondeContext } from './wonde-context';
import type { WondeSchool, WondeWebhook } from './wonde-responses';
import {
  deleteConnectionAnywhere,
  findConnection,
  findConnectionByWondeIdAnywhere,
  listEndedConnectionsAnywhere,
  findLiveSyncRun,
  listConnectionsInStateAnywhere,
  listSyncRuns,
  listTroubledConnections,
  updateConnectionAnywhere,
  upsertConnection,
  type ConnectionRow,
  type SyncRunRow,
} from './wonde.repo';
import { authorize } from '../../access/policy';
import { requireSchool } from '../../access/schools';
import { setSchoolWondeId } from '../schools/schools.service';
import type { Deps } from '../../deps';

type ConnectionDeps = Pick<Deps, 'db' | 'wonde' | 'logger'>;

function requireClient(wonde: WondeContext): WondeClient {
  if (!wonde.client) {
    throw new AppError('conflict', 'Wonde is not configured on this Plaster (no WONDE_TOKEN).');
  }
  return wonde.client;
}

/** Wonde failures as API errors: an outage is a 502, a refusal says what Wonde refused. */
function fromWonde(error: unknown): never {
  if (error instanceof WondeError) {
    if (error.kind === 'not_found')
      throw new AppError('not_found', 'Wonde has no school with that id.');
    throw new AppError(
      'upstream_failed',
      `Wonde could not complete the request: ${error.message}`,
      {
        cause: error,
      },
    );
  }
  throw error;
}

function addressOf(school: WondeSchool): string | null {
  const a = school.address;
  const parts = [a?.address_line_1, a?.address_line_2, a?.address_town, a?.address_postcode]
    .map((p) => p?.trim())
    .filter((p): p is string => Boolean(p));
  return parts.length > 0 ? parts.join(', ') : null;
}

function candidateOf(school: WondeSchool): WondeSchoolCandidate {
  return {
    wondeSchoolId: school.id,
    name: school.name,
    urn: school.urn === null || school.urn === undefined ? null : String(school.urn),
    address: addressOf(school),
  };
}

/** The school's own regional API when Wonde names one and we talk to Wonde itself. */
function apiBaseUrlFor(configured: string, school: WondeSchool | null): string {
  const base = new URL(configured);
  const domain = school?.region?.domain?.trim();
  if (base.hostname === 'api.wonde.com' && domain && /^[a-z0-9.-]+\.wonde\.com$/i.test(domain)) {
    return `https://${domain}${base.pathname.replace(/\/+$/, '')}`;
  }
  return configured.replace(/\/+$/, '');
}

export async function getConnection(
  deps: Pick<Deps, 'db' | 'wonde'>,
  scope: Scope,
  schoolId: string,
): Promise<WondeConnection> {
  await requireSchool(deps.db, scope, schoolId);
  const [row, live, recent, directory] = await Promise.all([
    findConnection(deps.db, scope, schoolId),
    findLiveSyncRun(deps.db, scope, schoolId),
    listSyncRuns(deps.db, scope, schoolId, 10),
    countDirectory(deps.db, scope.organisationId, schoolId),
  ]);
  return {
    schoolId,
    state: row?.state ?? 'not_connected',
    wondeAvailable: deps.wonde.client !== null,
    wondeSchoolId: row?.wondeSchoolId ?? null,
    wondeSchoolName: row?.wondeSchoolName ?? null,
    wondeSchoolAddress: row?.wondeSchoolAddress ?? null,
    stateReason: row?.stateReason ?? null,
    requestedAt: row?.requestedAt.toISOString() ?? null,
    stateChangedAt: row?.stateChangedAt.toISOString() ?? null,
    lastSyncedAt: row?.syncedFrom?.toISOString() ?? null,
    releasesAt:
      row && (row.state === 'revoked' || row.state === 'declined')
        ? new Date(
            row.stateChangedAt.getTime() + deps.wonde.releaseAfterDays * 86_400_000,
          ).toISOString()
        : null,
    directory,
    liveRun: live ? presentSyncRun(live) : null,
    recentRuns: recent.map(presentSyncRun),
  };
}

/**
 * Wonde's record of a school. A school that has not approved us may refuse GET /schools/{id},
 * so fall back to the search by URN, which lists every school.
 */
async function describeWondeSchool(
  client: WondeClient,
  wondeSchoolId: string,
  urn: string,
): Promise<WondeSchool | null> {
  try {
    return await client.getSchool(wondeSchoolId);
  } catch (error) {
    if (!(error instanceof WondeError) || !['forbidden', 'not_found'].includes(error.kind))
      throw error;
  }
  return (await client.findSchoolsByUrn(urn)).find((s) => s.id === wondeSchoolId) ?? null;
}

/** Schools in scope whose Wonde access was revoked or declined, or is in error: for admins. */
export async function wondeAlerts(db: Db, scope: Scope): Promise<Me['alerts']> {
  const rows = await listTroubledConnections(db, scope);
  const kinds = {
    revoked: 'wonde_access_revoked',
    declined: 'wonde_access_declined',
    error: 'wonde_error',
  } as const;
  return rows.flatMap((r) =>
    r.state === 'revoked' || r.state === 'declined' || r.state === 'error'
      ? [
          {
            kind: kinds[r.state],
            schoolId: r.schoolId,
            schoolName: r.schoolName,
            since: r.since.toISOString(),
            reason: r.reason,
          },
        ]
      : [],
  );
}

/** Finds the Wonde school to connect, for the admin to confirm; changes nothing. */
export async function lookUpWondeSchool(
  deps: ConnectionDeps,
  actor: Actor,
  schoolId: string,
  input: WondeLookupInput,
): Promise<WondeSchoolCandidate[]> {
  authorize(actor, 'wonde.manage');
  const school = await requireSchool(deps.db, actor.scope, schoolId);
  const client = requireClient(deps.wonde);
  try {
    if ('urn' in input) return (await client.findSchoolsByUrn(input.urn)).map(candidateOf);
    const found = await describeWondeSchool(client, input.wondeSchoolId, school.urn);
    return found ? [candidateOf(found)] : [];
  } catch (error) {
    return fromWonde(error);
  }
}

/** Told to an organisation asking for a Wonde school another one holds: no name, and the way. */
const HELD_ELSEWHERE =
  'That Wonde school is linked to another Plaster organisation. If the school has moved to your trust, its previous trust disconnects it in Plaster; or the school revokes Plaster’s access in Wonde, and the link is released once Wonde confirms it and the grace period has passed. Then request access again, and the school approves your request in Wonde.';

/**
 * Asks Wonde for access to the school's data: the connection is pending until the school
 * approves this request (webhook or polling, each confirmed with Wonde). A Wonde school belongs
 * to the one Plaster school that asked for it, in whatever state, until it is disconnected or
 * released. An approval that came before this request (left over from an earlier link) is not
 * taken over: it is withdrawn, and the school approves afresh.
 */
export async function connectSchool(
  deps: ConnectionDeps,
  actor: Actor,
  schoolId: string,
  wondeSchoolId: string,
): Promise<WondeConnection> {
  authorize(actor, 'wonde.manage');
  const plasterSchool = await requireSchool(deps.db, actor.scope, schoolId);
  const client = requireClient(deps.wonde);
  const existing = await findConnection(deps.db, actor.scope, schoolId);
  if (existing && (existing.state === 'pending' || existing.state === 'approved')) {
    throw new AppError(
      'conflict',
      'This school is already connected or waiting for approval; disconnect it first.',
    );
  }
  const holder = await findConnectionByWondeIdAnywhere(deps.db, wondeSchoolId);
  if (holder && holder.schoolId !== schoolId) {
    if (holder.organisationId !== actor.organisationId)
      throw new AppError('conflict', HELD_ELSEWHERE);
    throw new AppError(
      'conflict',
      'That Wonde school is linked to another school of your organisation; disconnect it there first.',
    );
  }

  let school: WondeSchool | null;
  let apiBaseUrl: string;
  let approvedForThisSchool = false;
  try {
    school = await describeWondeSchool(client, wondeSchoolId, plasterSchool.urn);
    apiBaseUrl = apiBaseUrlFor(deps.wonde.baseUrl, school);
    const approvedBefore = await client.canReadSchool(
      partnerAccess(deps.wonde, { wondeSchoolId, apiBaseUrl }),
    );
    // Approval belongs to Plaster's partner account, not to a trust. One this school's own
    // earlier link was given still stands; any other is withdrawn, so that what makes this link
    // live is the school approving this request.
    approvedForThisSchool = approvedBefore && holder !== null;
    if (approvedBefore && !approvedForThisSchool) await client.revokeAccess(wondeSchoolId);
    await client.requestAccess(wondeSchoolId);
  } catch (error) {
    return fromWonde(error);
  }

  const now = new Date();
  try {
    await deps.db.transaction(async (tx) => {
      await upsertConnection(tx, {
        schoolId,
        organisationId: actor.organisationId,
        wondeSchoolId,
        wondeSchoolName: school?.name ?? `Wonde school ${wondeSchoolId}`,
        wondeSchoolAddress: school ? addressOf(school) : null,
        apiBaseUrl,
        state: approvedForThisSchool ? 'approved' : 'pending',
        stateReason: null,
        tokenSealed: null,
        requestedAt: now,
        stateChangedAt: now,
        syncedFrom: null,
      });
      await setSchoolWondeId(tx, actor.organisationId, schoolId, wondeSchoolId);
      await recordAuditEvent(tx, {
        organisationId: actor.organisationId,
        actorUserId: actor.userId,
        action: 'wonde.access_requested',
        targetType: 'school',
        targetId: schoolId,
        changes: { wondeSchoolId: [existing?.wondeSchoolId ?? null, wondeSchoolId] },
        ip: actor.ip,
      });
    });
  } catch (error) {
    // Another organisation asked for it at the same moment: theirs stands.
    if (isUniqueViolation(error)) throw new AppError('conflict', HELD_ELSEWHERE);
    throw error;
  }
  if (approvedForThisSchool) {
    await requestSync(deps, { organisationId: actor.organisationId, schoolId }, 'full', 'approval');
  }
  return getConnection(deps, actor.scope, schoolId);
}

/** Syncs a school now: the run already queued or running, or a new one. */
export async function syncSchoolNow(
  deps: ConnectionDeps,
  actor: Actor,
  schoolId: string,
  mode: SyncRunRow['mode'],
): Promise<{ run: SyncRunRow; isNew: boolean }> {
  authorize(actor, 'wonde.manage');
  await requireSchool(deps.db, actor.scope, schoolId);
  return requestSync(deps, { organisationId: actor.organisationId, schoolId }, mode, 'manual');
}

/** Revokes access in Wonde, removes the synced directory and forgets the connection. */
export async function disconnectSchool(
  deps: ConnectionDeps,
  actor: Actor,
  schoolId: string,
): Promise<void> {
  authorize(actor, 'wonde.manage');
  await requireSchool(deps.db, actor.scope, schoolId);
  const connection = await findConnection(deps.db, actor.scope, schoolId);
  if (!connection) throw notFound('Wonde connection');
  if (deps.wonde.client && (connection.state === 'pending' || connection.state === 'approved')) {
    try {
      await deps.wonde.client.revokeAccess(connection.wondeSchoolId);
    } catch (error) {
      // Access Wonde has already withdrawn needs no revoking; anything else must not leave
      // Plaster believing it is disconnected while Wonde still shares the data.
      const gone =
        error instanceof WondeError &&
        ['not_found', 'forbidden', 'unauthorized'].includes(error.kind);
      if (!gone) fromWonde(error);
    }
  }
  await deps.db.transaction(async (tx) => {
    const removed = await deletePeopleOfSchoolAnywhere(tx, schoolId);
    await pruneSearchWords(tx, actor.organisationId);
    await deleteConnectionAnywhere(tx, schoolId);
    await setSchoolWondeId(tx, actor.organisationId, schoolId, null);
    await recordAuditEvent(tx, {
      organisationId: actor.organisationId,
      actorUserId: actor.userId,
      action: 'wonde.disconnected',
      targetType: 'school',
      targetId: schoolId,
      changes: { state: [connection.state, 'not_connected'], directory: [removed, 0] },
      ip: actor.ip,
    });
  });
}

async function approve(
  deps: SyncDeps,
  connection: ConnectionRow,
  tokenSealed: string | null,
  how: string,
) {
  const wasApproved = connection.state === 'approved';
  await deps.db.transaction(async (tx) => {
    await updateConnectionAnywhere(tx, connection.schoolId, {
      state: 'approved',
      stateReason: null,
      stateChangedAt: wasApproved ? connection.stateChangedAt : new Date(),
      ...(tokenSealed ? { tokenSealed } : {}),
    });
    if (!wasApproved) {
      await recordAuditEvent(tx, {
        organisationId: connection.organisationId,
        actorUserId: null,
        action: 'wonde.approved',
        targetType: 'school',
        targetId: connection.schoolId,
        changes: { state: [connection.state, 'approved'], via: [null, how] },
      });
    }
  });
  // The first full sync follows approval; a repeated approval starts nothing new.
  if (!wasApproved) {
    await requestSync(deps, connection, 'full', 'approval');
  }
}

export function isWebhookSecretValid(expected: string | null, given: string | undefined): boolean {
  if (!expected || !given) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Whether a school token a webhook brought is one Wonde accepts for that school: a token is
 * kept only on Wonde's word, never on the payload's.
 */
async function checkedToken(
  deps: SyncDeps,
  connection: ConnectionRow,
  token: string | null | undefined,
): Promise<string | null> {
  const given = token?.trim();
  if (!given || !deps.wonde.client) return null;
  const current = connection.tokenSealed ? deps.wonde.secrets.open(connection.tokenSealed) : null;
  if (given === current) return null;
  const works = await deps.wonde.client.canReadSchool({
    baseUrl: connection.apiBaseUrl,
    wondeSchoolId: connection.wondeSchoolId,
    token: given,
  });
  if (!works) {
    deps.logger.warn(
      { schoolId: connection.schoolId },
      'a webhook brought a school token Wonde does not accept; it was not kept',
    );
    return null;
  }
  return deps.wonde.secrets.seal(given);
}

/**
 * Applies a Wonde webhook, as a hint: Plaster asks Wonde (with its partner token) whether the
 * school's access is approved before it changes anything, so a forged or replayed delivery
 * changes nothing. An approval for a Wonde school no Plaster school holds is recorded.
 */
export async function handleWebhook(
  deps: SyncDeps,
  payload: WondeWebhook,
): Promise<'applied' | 'ignored'> {
  if (!payload.school_id || !deps.wonde.client) return 'ignored';
  const type = payload.payload_type;
  if (type !== 'schoolApproved' && type !== 'accessRevoked' && type !== 'accessDeclined')
    return 'ignored';
  const connection = await findConnectionByWondeIdAnywhere(deps.db, payload.school_id);
  if (!connection) {
    if (type === 'schoolApproved') {
      await recordAuditEvent(deps.db, {
        organisationId: null,
        actorUserId: null,
        action: 'wonde.approval_unclaimed',
        targetType: 'wonde_school',
        targetId: payload.school_id,
      });
    }
    return 'ignored';
  }
  const approved = await deps.wonde.client.canReadSchool(partnerAccess(deps.wonde, connection));
  if (type === 'schoolApproved') {
    if (!approved) return 'ignored';
    const token = await checkedToken(deps, connection, payload.school_token);
    if (connection.state === 'approved' && !token) return 'ignored';
    await approve(deps, connection, token, 'webhook');
    return 'applied';
  }
  // Revoked or declined: only if Wonde no longer lets Plaster read the school.
  if (approved) return 'ignored';
  const ended = type === 'accessRevoked' ? 'revoked' : 'declined';
  if (connection.state === ended) return 'ignored';
  const reason = type === 'accessRevoked' ? payload.revoke_reason : payload.decline_reason;
  await endAccess(deps, connection, ended, reason ?? null);
  return 'applied';
}

/**
 * The fallback to webhooks: a connection waiting for approval, or whose access ended, that
 * Wonde now lets Plaster read, is approved (the school approved, or approved again).
 */
export async function pollApprovals(deps: SyncDeps): Promise<number> {
  if (!deps.wonde.client) return 0;
  const waiting = await listConnectionsInStateAnywhere(deps.db, ['pending', 'revoked', 'declined']);
  if (waiting.length === 0) return 0;
  const approved = await deps.wonde.client.listApprovedSchoolIds();
  let count = 0;
  for (const connection of waiting) {
    if (!approved.has(connection.wondeSchoolId)) continue;
    await approve(deps, connection, null, 'polling');
    count++;
  }
  return count;
}

/**
 * Releases Wonde schools whose access ended (revoked or declined, as Wonde confirmed) more than
 * the grace period ago and has not come back: the synced directory is removed (incidents keep
 * their own copy of the person) and the Wonde school is free for another request.
 */
export async function releaseEndedConnections(deps: SyncDeps, now = new Date()): Promise<number> {
  const before = new Date(now.getTime() - deps.wonde.releaseAfterDays * 86_400_000);
  let released = 0;
  for (const connection of await listEndedConnectionsAnywhere(deps.db, before)) {
    // Asked again first: a school that approved again keeps its link.
    if (deps.wonde.client) {
      const back = await deps.wonde.client.canReadSchool(partnerAccess(deps.wonde, connection));
      if (back) {
        await approve(deps, connection, null, 'release check');
        continue;
      }
    }
    await deps.db.transaction(async (tx) => {
      const removed = await deletePeopleOfSchoolAnywhere(tx, connection.schoolId);
      await pruneSearchWords(tx, connection.organisationId);
      await deleteConnectionAnywhere(tx, connection.schoolId);
      await setSchoolWondeId(tx, connection.organisationId, connection.schoolId, null);
      await recordAuditEvent(tx, {
        organisationId: connection.organisationId,
        actorUserId: null,
        action: 'wonde.released',
        targetType: 'school',
        targetId: connection.schoolId,
        changes: { state: [connection.state, 'not_connected'], directory: [removed, 0] },
      });
    });
    released++;
  }
  return released;
}

/** Queues a delta sync for every approved school (skipping those with a run in progress). */
export async function scheduleSyncs(
  deps: SyncDeps,
  mode: 'delta' | 'full',
  trigger: string,
): Promise<number> {
  let queued = 0;
  for (const connection of await listConnectionsInStateAnywhere(deps.db, ['approved'])) {
    const { isNew } = await requestSync(deps, connection, mode, trigger);
    if (isNew) queued++;
  }
  return queued;
}
