import type { Location } from '../../../shared/incidents-api';
import type { Db } from '../../db/client';
import { AppError, isUniqueViolation, notFound } from '../../lib/errors';
import type { Actor, Scope } from '../../access/scope';
import { diffFields, recordChange } from '../audit/audit.service';
import {
  findLocation,
  insertLocation,
  listLocations,
  updateLocationRow,
  type LocationRow,
} from './locations.repo';
import { authorize } from '../../access/policy';
import { requireSchool } from '../../access/schools';

export function presentLocation(row: LocationRow): Location {
  return { id: row.id, schoolId: row.schoolId, name: row.name, archived: row.archivedAt !== null };
}

const nameTaken = (cause: unknown) =>
  new AppError('conflict', 'This school already has a place with that name.', {
    cause,
    details: [{ path: 'name', message: 'is already used by another place' }],
  });

export async function listLocationsOfSchool(
  db: Db,
  scope: Scope,
  schoolId: string,
): Promise<Location[]> {
  await requireSchool(db, scope, schoolId);
  return (await listLocations(db, scope, schoolId)).map(presentLocation);
}

/** A place of a school in scope; null when it is unknown or not the school's. */
export async function findLocationOfSchool(
  db: Db,
  scope: Scope,
  schoolId: string,
  id: string,
): Promise<Location | null> {
  const row = await findLocation(db, scope, id);
  return row && row.schoolId === schoolId ? presentLocation(row) : null;
}

export async function createLocation(
  db: Db,
  actor: Actor,
  schoolId: string,
  name: string,
): Promise<Location> {
  authorize(actor, 'location.manage');
  await requireSchool(db, actor.scope, schoolId);
  try {
    return await db.transaction(async (tx) => {
      const row = await insertLocation(tx, {
        organisationId: actor.organisationId,
        schoolId,
        name,
      });
      await recordChange(
        tx,
        actor,
        'location.created',
        { type: 'location', id: row.id, schoolId },
        { name: [null, name] },
      );
      return presentLocation(row);
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw nameTaken(error);
    throw error;
  }
}

export async function updateLocation(
  db: Db,
  actor: Actor,
  id: string,
  input: { name?: string | undefined; archived?: boolean | undefined },
): Promise<Location> {
  authorize(actor, 'location.manage');
  const before = await findLocation(db, actor.scope, id);
  if (!before) throw notFound('Place');
  const changes = diffFields(presentLocation(before), input);
  if (Object.keys(changes).length === 0) return presentLocation(before);
  try {
    return await db.transaction(async (tx) => {
      const after = await updateLocationRow(tx, actor.scope, id, {
        ...(input.name !== undefined ? { name: input.name } : {}),
        ...(input.archived !== undefined ? { archivedAt: input.archived ? new Date() : null } : {}),
      });
      if (!after) throw notFound('Place');
      await recordChange(
        tx,
        actor,
        'location.updated',
        { type: 'location', id, schoolId: before.schoolId },
        changes,
      );
      return presentLocation(after);
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw nameTaken(error);
    throw error;
  }
}
