import type { PersonSearchResult } from '../../../shared/people-api';
import type { Db } from '../../db/client';
import type { Scope } from '../../access/scope';
import { searchByKey, searchByPrefix, searchFuzzy, type SearchRow } from './people-search.repo';
import { queryTokens } from './search-text';
import { requireSchool } from '../../access/schools';

export type SearchInput = {
  q: string;
  schoolId?: string | undefined;
  type?: 'pupil' | 'staff' | undefined;
  includeLeavers?: boolean | undefined;
  limit: number;
};

/**
 * The affected-person autocomplete. Names that start with every typed word, exact words
 * before prefixes and current before left; when no name does, close matches for typos. Only
 * the caller's schools are searched.
 */
export async function searchPeople(
  db: Db,
  scope: Scope,
  input: SearchInput,
): Promise<PersonSearchResult[]> {
  // A school filter outside the caller's scope is as unknown as any other id.
  if (input.schoolId) await requireSchool(db, scope, input.schoolId);
  const tokens = queryTokens(input.q);
  // A user given no schools sees no one.
  if (tokens.length === 0 || (scope.schoolIds !== 'all' && scope.schoolIds.length === 0)) {
    return [];
  }
  const filters = {
    scope,
    schoolId: input.schoolId,
    type: input.type,
    includeLeavers: input.includeLeavers ?? false,
    limit: input.limit,
  };
  // Typos are looked for only when nothing starts with what was typed: the typo search is the
  // costly one (bench/README.md), and near misses would only push down what was asked for.
  // One word over the whole trust is read from the search keys, whose index holds the answer in
  // order; more words, or a school's people, are few enough to read from the people table.
  const wide = scope.schoolIds === 'all' && !input.schoolId;
  let rows: SearchRow[] =
    wide && tokens.length === 1
      ? await searchByKey(db, tokens[0]!, filters)
      : await searchByPrefix(db, tokens, filters);
  if (rows.length === 0) rows = await searchFuzzy(db, tokens, filters);
  return rows.map((r) => ({
    id: r.id,
    type: r.type,
    firstName: r.firstName,
    lastName: r.lastName,
    schoolId: r.schoolId,
    schoolName: r.schoolName,
    yearGroup: r.type === 'pupil' ? r.ncYear : null,
    occupation: r.type === 'staff' ? r.occupation : null,
    status: r.status,
    incidentCount: r.incidentCount,
    repeat: r.repeat,
  }));
}
