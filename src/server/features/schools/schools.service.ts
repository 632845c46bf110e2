import type { CreateSchoolInput, School, UpdateSchoolInput } from '../../../shared/api';
import type { Db } from '../../db/client';
import { AppError, isUniqueViolation, notFound } from '../../lib/errors';
import type { Actor, Scope } from '../../access/scope';
import { diffFields, recordChange } from '../audit/audit.service';
import {
  findSchoolById,
  insertSchool,
  listSchools,
  updateSchoolRow,
  type SchoolRow,
} from './schools.repo';
import { authorize } from '../../access/policy';
import { findSchoolInScope, requireSchool } from '../../access/schools';

export function presentSchool(row: SchoolRow): School {
  return {
    id: row.id,
    name: row.name,
    urn: row.urn,
    wondeSchoolId: row.wondeSchoolId,
    createdAt: row.createdAt.toISOString(),
  };
}

const urnTaken = (cause: unknown) =>
  new AppError('conflict', 'Another school of this organisation has that URN.', {
    cause,
    details: [{ path: 'urn', message: 'is already used by another school' }],
  });

export async function listSchoolsInScope(db: Db, scope: Scope): Promise<School[]> {
  return (await listSchools(db, scope)).map(presentSchool);
}

/** Throws not_found for a school outside the scope, another organisation's included. */
export async function getSchool(db: Db, scope: Scope, id: string): Promise<School> {
  return presentSchool(await requireSchool(db, scope, id));
}

/** A school by id in any organisation: for operators' commands, never for API callers. */
export async function findSchoolAnywhere(db: Db, id: string): Promise<SchoolRow> {
  const row = await findSchoolById(db, id);
  if (!row) throw notFound('School');
  return row;
}

/** Records which Wonde school a school is connected to (null once disconnected). */
export async function setSchoolWondeId(
  db: Db,
  organisationId: string,
  schoolId: string,
  wondeSchoolId: string | null,
): Promise<void> {
  await updateSchoolRow(db, { organisationId, schoolIds: 'all' }, schoolId, { wondeSchoolId });
}

export async function createSchool(
  db: Db,
  actor: Actor,
  input: CreateSchoolInput,
): Promise<School> {
  authorize(actor, 'school.create');
  try {
    return await db.transaction(async (tx) => {
      const row = await insertSchool(tx, {
        organisationId: actor.organisationId,
        name: input.name,
        urn: input.urn,
        wondeSchoolId: input.wondeSchoolId ?? null,
      });
      await recordChange(
        tx,
        actor,
        'school.created',
        { type: 'school', id: row.id },
        {
          name: [null, row.name],
          urn: [null, row.urn],
          ...(row.wondeSchoolId ? { wondeSchoolId: [null, row.wondeSchoolId] } : {}),
        },
      );
      return presentSchool(row);
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw urnTaken(error);
    throw error;
  }
}

export async function updateSchool(
  db: Db,
  actor: Actor,
  id: string,
  input: UpdateSchoolInput,
): Promise<School> {
  authorize(actor, 'school.edit');
  try {
    return await db.transaction(async (tx) => {
      const before = await findSchoolInScope(tx, actor.scope, id);
      if (!before) throw notFound('School');
      const changes = diffFields(before, input);
      if (Object.keys(changes).length === 0) return presentSchool(before);
      const after = await updateSchoolRow(tx, actor.scope, id, input);
      if (!after) throw notFound('School');
      await recordChange(tx, actor, 'school.updated', { type: 'school', id }, changes);
      return presentSchool(after);
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw urnTaken(error);
    throw error;
  }
}
