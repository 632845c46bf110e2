import { and, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { Role } from '../../shared/api';

/** Which of an organisation's schools a caller may reach. Every tenant query takes one. */
export type Scope = {
  organisationId: string;
  /** 'all' for every school of the organisation, including ones added later. */
  schoolIds: 'all' | readonly string[];
};

/** The signed-in user making a request or running a command. */
export type Actor = {
  userId: string;
  organisationId: string;
  role: Role;
  scope: Scope;
  /** The caller's address, for the audit log. */
  ip: string | null;
};

/** The columns that place a row: its organisation, and its school (a school's own id on `schools`). */
export type Placed = { organisationId: AnyPgColumn; schoolId: AnyPgColumn };

/** Whether the scope reaches every school of its organisation. */
export const isWholeOrganisation = (scope: Scope): boolean => scope.schoolIds === 'all';

/**
 * The condition that keeps a query inside the caller's schools: the one way rows of a table are
 * limited to a scope. No schools at all matches nothing.
 */
export function inScope(table: Placed, scope: Scope): SQL {
  const organisation = eq(table.organisationId, scope.organisationId);
  if (scope.schoolIds === 'all') return organisation;
  if (scope.schoolIds.length === 0) return sql`false`;
  return and(organisation, inArray(table.schoolId, [...scope.schoolIds]))!;
}

/**
 * The same condition for a prepared statement, whose values are bound at each run: the scope's
 * `organisationId` and (for some schools) `schoolIds` placeholders, see `scopeValues`.
 */
export function inScopePrepared(table: Placed, someSchools: boolean): SQL[] {
  const conditions = [eq(table.organisationId, sql.placeholder('organisationId'))];
  if (someSchools)
    conditions.push(sql`${table.schoolId} = any(${sql.placeholder('schoolIds')}::uuid[])`);
  return conditions;
}

/** The values `inScopePrepared`'s placeholders take for this scope. */
export function scopeValues(scope: Scope): { organisationId: string; schoolIds?: string[] } {
  return scope.schoolIds === 'all'
    ? { organisationId: scope.organisationId }
    : { organisationId: scope.organisationId, schoolIds: [...scope.schoolIds] };
}

/** The scope of work for one school of an organisation: what a job running for it may reach. */
export const schoolScope = (organisationId: string, schoolId: string): Scope => ({
  organisationId,
  schoolIds: [schoolId],
});
