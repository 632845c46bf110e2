import { and, type SQL } from 'drizzle-orm';
import type { Attention } from '../../../shared/attention-api';
import { authorize, can } from '../../access/policy';
import { inScope, type Actor } from '../../access/scope';
import type { Db } from '../../db/client';
import { incidents } from '../../db/schema';
import { londonDate } from '../../lib/london-time';
import { findOrganisationSettings } from '../organisations/organisations.service';
import { countIncidentRows, filterConditions, listIncidentRows } from '../incidents/incidents.repo';
import { presentSummary } from '../incidents/incidents.view';
import { emailFailed, failedLatestSyncs, headInjuryUntold, openSince } from './attention.repo';
import { listTroubledConnections } from '../wonde/wonde.repo';

/** How many of each list are shown; the total says how many there are. */
const SHOWN = 20;

const PROBLEM_OF_STATE = {
  pending: 'awaiting_approval',
  revoked: 'access_revoked',
  declined: 'access_declined',
  error: 'connection_error',
} as const;

async function incidentsWhere(db: Db, where: SQL | undefined) {
  const [rows, total] = await Promise.all([
    listIncidentRows(db, where, { limit: SHOWN }),
    countIncidentRows(db, where),
  ]);
  return { total, incidents: rows.map(presentSummary) };
}

/**
 * What managers and admins should act on in their schools: RIDDOR decisions and overdue
 * reports, head injuries whose family has not been emailed, incidents open too long, emails that
 * failed, and (for those who manage Wonde) schools whose link is not working.
 */
export async function getAttention(db: Db, actor: Actor): Promise<Attention> {
  authorize(actor, 'attention.read');
  const { scope } = actor;
  const today = londonDate();
  const organisation = await findOrganisationSettings(db, actor.organisationId);
  const openAfterDays = organisation?.openAlertDays ?? 14;
  const inMine = (condition: SQL) => and(inScope(incidents, scope), condition);
  const [riddorDecisions, riddorOverdue, headInjuriesUntold, openTooLong, emailsFailed] =
    await Promise.all([
      incidentsWhere(db, filterConditions(scope, { riddor: 'awaiting', status: 'open' }, today)),
      incidentsWhere(db, filterConditions(scope, { riddor: 'overdue' }, today)),
      incidentsWhere(db, inMine(headInjuryUntold())),
      incidentsWhere(db, inMine(openSince(new Date(Date.now() - openAfterDays * 86_400_000)))),
      incidentsWhere(db, inMine(emailFailed())),
    ]);
  const schools: Attention['schools'] = [];
  if (can(actor, 'wonde.manage')) {
    const states = ['pending', 'revoked', 'declined', 'error'] as const;
    for (const row of await listTroubledConnections(db, scope, states)) {
      if (row.state === 'approved') continue;
      schools.push({
        school: { id: row.schoolId, name: row.schoolName },
        problem: PROBLEM_OF_STATE[row.state],
        since: row.since.toISOString(),
        detail: row.reason,
      });
    }
    for (const row of await failedLatestSyncs(db, scope)) {
      schools.push({
        school: { id: row.schoolId, name: row.schoolName },
        problem: 'sync_failed',
        since: row.at.toISOString(),
        detail: row.error,
      });
    }
  }
  return {
    riddorDecisions,
    riddorOverdue,
    headInjuriesUntold,
    openTooLong,
    openAfterDays,
    emailsFailed,
    schools,
  };
}
