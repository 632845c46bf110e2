import type { Organisation } from '../../../shared/api';
import type { Db } from '../../db/client';
import { AppError, isUniqueViolation } from '../../lib/errors';
import { recordAuditEvent } from '../audit/audit.service';
import { insertOrganisation } from './organisations.repo';
import { presentOrganisation } from './organisations.service';

/** Creates an organisation (a trust or a standalone school); used by the command line. */
export async function createOrganisation(
  db: Db,
  input: { name: string; kind: 'trust' | 'school' },
): Promise<Organisation> {
  const name = input.name.trim();
  if (!name) throw new AppError('validation', 'The organisation needs a name.');
  try {
    return await db.transaction(async (tx) => {
      const row = await insertOrganisation(tx, { name, kind: input.kind });
      await recordAuditEvent(tx, {
        organisationId: row.id,
        actorUserId: null,
        action: 'organisation.created',
        targetType: 'organisation',
        targetId: row.id,
        changes: { name: [null, row.name], kind: [null, row.kind] },
      });
      return presentOrganisation(row);
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new AppError('conflict', `An organisation named "${name}" already exists.`, {
        cause: error,
      });
    }
    throw error;
  }
}
