import type { Deps } from '../../deps';
import { recordAuditEvent } from '../audit/audit.service';
import { WondeError, type SchoolAccess } from './wonde-client';
import type { WondeContext } from './wonde-context';
import { updateConnectionAnywhere, type ConnectionRow } from './wonde.repo';

/** How the partner (application) token reads a school: the check of whether access is approved. */
export function partnerAccess(
  wonde: WondeContext,
  connection: Pick<ConnectionRow, 'wondeSchoolId' | 'apiBaseUrl'>,
): SchoolAccess {
  if (!wonde.partnerToken) throw new WondeError('unauthorized', 'No Wonde partner token is set.');
  return {
    baseUrl: connection.apiBaseUrl,
    wondeSchoolId: connection.wondeSchoolId,
    token: wonde.partnerToken,
  };
}

/** Marks access ended, as Wonde confirmed; the directory stays for the grace period. */
export async function endAccess(
  deps: Pick<Deps, 'db'>,
  connection: ConnectionRow,
  state: 'revoked' | 'declined',
  reason: string | null,
) {
  if (connection.state === state) return;
  await deps.db.transaction(async (tx) => {
    await updateConnectionAnywhere(tx, connection.schoolId, {
      state,
      stateReason: reason,
      stateChangedAt: new Date(),
    });
    await recordAuditEvent(tx, {
      organisationId: connection.organisationId,
      actorUserId: null,
      action: state === 'revoked' ? 'wonde.access_lost' : 'wonde.declined',
      targetType: 'school',
      targetId: connection.schoolId,
      changes: { state: [connection.state, state] },
    });
  });
}
