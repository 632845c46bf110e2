import type { CreateUserInput, UpdateUserInput, User } from '../../../shared/api';
import { z } from 'zod';
import { CreateUserInputSchema } from '../../../shared/api';
import { passwordProblem } from '../../../shared/password-policy';
import type { Db } from '../../db/client';
import { AppError, invalidField, isUniqueViolation, notFound } from '../../lib/errors';
import { authorize } from '../../access/policy';
import { canReachUser, checkUserGrant } from '../../access/user-grants';
import type { Actor, Scope } from '../../access/scope';
import { diffFields, recordAuditEvent, recordChange } from '../audit/audit.service';
import { hashPassword } from '../auth/password';
import { endSessionsOfUser } from '../auth/sessions.service';
import { findOrganisationSettings } from '../organisations/organisations.service';
import { existingSchoolIds } from '../schools/schools.repo';
import {
  countOtherActiveAdmins,
  findUser,
  findSchoolIdsOfUser,
  findUserByEmail,
  insertUser,
  listUsers,
  replaceUserSchools,
  updateUserRow,
  type UserRow,
  type UserWithSchools,
} from './users.repo';

export function presentUser(row: UserWithSchools): User {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    allSchools: row.allSchools,
    schoolIds: row.allSchools ? [] : row.schoolIds,
    active: row.deactivatedAt === null,
    lastSignInAt: row.lastSignInAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
  };
}

export function scopeOfUser(
  row: Pick<UserWithSchools, 'organisationId' | 'allSchools' | 'schoolIds'>,
): Scope {
  return { organisationId: row.organisationId, schoolIds: row.allSchools ? 'all' : row.schoolIds };
}

function checkPassword(password: string, email: string): void {
  const problem = passwordProblem(password, email);
  if (problem) throw invalidField('password', problem);
}

async function checkSchoolIds(db: Db, organisationId: string, ids: readonly string[]) {
  const unique = [...new Set(ids)];
  const known = await existingSchoolIds(db, organisationId, unique);
  if (known.size !== unique.length) {
    throw invalidField('schoolIds', 'contains a school that is not in this organisation');
  }
  return unique;
}

export async function listUsersOfOrganisation(db: Db, actor: Actor): Promise<User[]> {
  authorize(actor, 'user.manage');
  const rows = await listUsers(db, actor.organisationId);
  return rows.filter((row) => canReachUser(actor, row)).map(presentUser);
}

export async function getUser(db: Db, actor: Actor, id: string): Promise<User> {
  authorize(actor, 'user.manage');
  const row = await findUser(db, actor.organisationId, id);
  if (!row || !canReachUser(actor, row)) throw notFound('User');
  return presentUser(row);
}

/** The user a session belongs to, with the schools they may see. */
export async function getUserWithScope(db: Db, organisationId: string, id: string) {
  const row = await findUser(db, organisationId, id);
  if (!row) throw notFound('User');
  return { user: presentUser(row), scope: scopeOfUser(row) };
}

export function listSchoolIdsOfUser(db: Db, userId: string): Promise<string[]> {
  return findSchoolIdsOfUser(db, userId);
}

export function findUserForSignIn(db: Db, email: string): Promise<UserRow | null> {
  return findUserByEmail(db, email);
}

export function setPasswordHash(
  db: Db,
  organisationId: string,
  userId: string,
  passwordHash: string,
): Promise<void> {
  return updateUserRow(db, organisationId, userId, { passwordHash });
}

export function recordSignIn(db: Db, user: UserRow, at: Date): Promise<void> {
  return updateUserRow(db, user.organisationId, user.id, { lastSignInAt: at });
}

const emailUnavailable = () =>
  invalidField(
    'email',
    'cannot be used for a new user. If they are already in your users list, change them there; otherwise use another address of theirs, such as the one your organisation gave them.',
  );

// Users who only ever sign in through their organisation's SSO have no password at all.
const NewUserSchema = CreateUserInputSchema.extend({ password: z.string().max(200).nullable() });

/**
 * Creates a user. `actor` is null when the system creates one (the command line, or a first
 * SSO sign-in), which is audited as such. A null password is for SSO-only users.
 */
export async function createUser(
  db: Db,
  organisationId: string,
  actor: Actor | null,
  rawInput: Omit<CreateUserInput, 'password'> & { password: string | null },
): Promise<User> {
  if (actor) authorize(actor, 'user.manage');
  const parsed = NewUserSchema.safeParse(rawInput);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw invalidField(issue?.path.join('.') || 'user', issue?.message ?? 'is invalid');
  }
  const input = parsed.data;
  if (actor) checkUserGrant(actor, null, input);
  if (input.password !== null) checkPassword(input.password, input.email);
  const passwordHash = input.password === null ? null : await hashPassword(input.password);
  try {
    return await db.transaction(async (tx) => {
      const schoolIds = input.allSchools
        ? []
        : await checkSchoolIds(tx, organisationId, input.schoolIds);
      const row = await insertUser(tx, {
        organisationId,
        email: input.email,
        name: input.name,
        role: input.role,
        allSchools: input.allSchools,
        passwordHash,
      });
      await replaceUserSchools(tx, row.id, schoolIds);
      await recordAuditEvent(tx, {
        organisationId,
        actorUserId: actor?.userId ?? null,
        action: 'user.created',
        targetType: 'user',
        targetId: row.id,
        changes: {
          email: [null, row.email],
          name: [null, row.name],
          role: [null, row.role],
          allSchools: [null, row.allSchools],
          schoolIds: [null, schoolIds],
        },
        ip: actor?.ip ?? null,
      });
      return presentUser({ ...row, schoolIds });
    });
  } catch (error) {
    // One address is one account, in one organisation. The answer is the same whether the
    // account is this organisation's or another's: which addresses another organisation uses
    // is none of an admin's business.
    if (isUniqueViolation(error)) throw emailUnavailable();
    throw error;
  }
}

export async function updateUser(
  db: Db,
  actor: Actor,
  id: string,
  input: UpdateUserInput,
): Promise<User> {
  authorize(actor, 'user.manage');
  const passwordHash =
    input.password === undefined ? undefined : await hashPassword(input.password);
  return db.transaction(async (tx) => {
    const before = await findUser(tx, actor.organisationId, id);
    if (!before || !canReachUser(actor, before)) throw notFound('User');
    checkUserGrant(actor, before, input);
    if (input.password !== undefined) checkPassword(input.password, before.email);

    const schoolIds =
      input.schoolIds === undefined
        ? undefined
        : (await checkSchoolIds(tx, actor.organisationId, input.schoolIds)).sort();
    const beforeView = { ...presentUser(before), schoolIds: before.schoolIds };
    const { password: _password, ...visible } = input;
    const changes = diffFields(beforeView, { ...visible, schoolIds });

    const losesAdmin =
      before.role === 'admin' &&
      before.deactivatedAt === null &&
      ((input.role !== undefined && input.role !== 'admin') || input.active === false);
    if (losesAdmin && (await countOtherActiveAdmins(tx, actor.organisationId, id)) === 0) {
      throw new AppError('conflict', 'The organisation must keep at least one active admin.');
    }

    // With SSO enforced, the break-glass admin is the way back in: keep them an active admin.
    const organisation = await findOrganisationSettings(tx, actor.organisationId);
    if (losesAdmin && organisation?.ssoEnforced && organisation.breakGlassUserId === id) {
      throw new AppError(
        'conflict',
        'This admin is the break-glass account while single sign-on is required; choose another first.',
      );
    }

    const deactivating = input.active === false && before.deactivatedAt === null;
    await updateUserRow(tx, actor.organisationId, id, {
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.role !== undefined ? { role: input.role } : {}),
      ...(input.allSchools !== undefined ? { allSchools: input.allSchools } : {}),
      ...(input.active !== undefined
        ? { deactivatedAt: input.active ? null : (before.deactivatedAt ?? new Date()) }
        : {}),
      ...(passwordHash !== undefined ? { passwordHash } : {}),
    });
    if (schoolIds !== undefined) await replaceUserSchools(tx, id, schoolIds);
    // A deactivated user, or one whose password an admin reset, is signed out everywhere at once.
    if (deactivating || passwordHash !== undefined) await endSessionsOfUser(tx, id);
    if (passwordHash !== undefined) changes.password = ['[set]', '[reset by an admin]'];
    await recordChange(tx, actor, 'user.updated', { type: 'user', id }, changes);

    const after = await findUser(tx, actor.organisationId, id);
    if (!after) throw notFound('User');
    return presentUser(after);
  });
}
export type { UserRow } from './users.repo';
