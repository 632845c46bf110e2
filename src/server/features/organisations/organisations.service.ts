import type { Organisation, UpdateOrganisationInput } from '../../../shared/api';
import type { Db } from '../../db/client';
import { AppError, isUniqueViolation, notFound } from '../../lib/errors';
import type { Actor } from '../../access/scope';
import { diffFields, recordChange } from '../audit/audit.service';
import {
  findOrganisation,
  findOrganisationByName,
  updateOrganisationRow,
  type OrganisationRow,
} from './organisations.repo';
import { authorize } from '../../access/policy';

export function presentOrganisation(row: OrganisationRow): Organisation {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    repeatThreshold: row.repeatThreshold,
    repeatWindowDays: row.repeatWindowDays,
    openAlertDays: row.openAlertDays,
  };
}

export async function getOrganisation(db: Db, id: string): Promise<Organisation> {
  const row = await findOrganisation(db, id);
  if (!row) throw notFound('Organisation');
  return presentOrganisation(row);
}

/** The organisation row with its sign-in settings, or null. */
export function findOrganisationSettings(db: Db, id: string): Promise<OrganisationRow | null> {
  return findOrganisation(db, id);
}

export async function getOrganisationByName(db: Db, name: string): Promise<Organisation> {
  const row = await findOrganisationByName(db, name);
  if (!row) throw new AppError('not_found', `No organisation is named "${name}".`);
  return presentOrganisation(row);
}

export async function updateOrganisation(
  db: Db,
  actor: Actor,
  input: UpdateOrganisationInput,
): Promise<Organisation> {
  authorize(actor, 'organisation.edit');
  try {
    return await db.transaction(async (tx) => {
      const before = await findOrganisation(tx, actor.organisationId);
      if (!before) throw notFound('Organisation');
      const changes = diffFields(before, input);
      if (Object.keys(changes).length === 0) return presentOrganisation(before);
      const after = await updateOrganisationRow(tx, actor.organisationId, input);
      if (!after) throw notFound('Organisation');
      await recordChange(
        tx,
        actor,
        'organisation.updated',
        { type: 'organisation', id: after.id },
        changes,
      );
      return presentOrganisation(after);
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new AppError('conflict', 'Another organisation already has that name.', {
        cause: error,
        details: [{ path: 'name', message: 'is already taken' }],
      });
    }
    throw error;
  }
}
