import { and, asc, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { people, schools } from '../../db/schema';
import { escapeLike } from '../../lib/text';
import type { Scope } from '../../lib/scope';

export type SearchFilters = {
  scope: Scope;
  schoolId?: string | undefined;
  type?: 'pupil' | 'staff' | undefined;
  includeLeavers: boolean;
  limit: number;
};

export type SearchRow = {
  id: string;
  type: 'pupil' | 'staff';
  firstName: string;
  lastName: string;
  schoolId: string;
  schoolName: string;
  ncYear: string | null;
  occupation: string | null;
  status: 'current' | 'left';
};

/** Trigram word similarity a name needs to be considered for a typo match at all. */
export const FUZZY_CANDIDATE_THRESHOLD = 0.3;

function scopeConditions(filters: SearchFilters): SQL[] {
  const { scope } = filters;
  const conditions: SQL[] = [
    eq(people.organisationId, scope.organisationId),
    sql`${people.removedAt} is null`,
  ];
  if (scope.schoolIds !== 'all') conditions.push(inArray(people.schoolId, [...scope.schoolIds]));
  if (filters.schoolId) conditions.push(eq(people.schoolId, filters.schoolId));
  if (filters.type) conditions.push(eq(people.type, filters.type));
  if (!filters.includeLeavers) conditions.push(eq(people.status, 'current'));
  return conditions;
}

const selection = {
  id: people.id,
  type: people.type,
  firstName: people.firstName,
  lastName: people.lastName,
  schoolId: people.schoolId,
  schoolName: schools.name,
  ncYear: people.ncYear,
  occupation: people.occupation,
  status: people.status,
};

/**
 * People whose names start with every typed word, in any order: exact words first, then
 * current before left, then by name.
 */
export async function searchByPrefix(
  db: Db,
  tokens: string[],
  filters: SearchFilters,
): Promise<SearchRow[]> {
  if (filters.scope.schoolIds !== 'all' && filters.scope.schoolIds.length === 0) return [];
  const prefix = tokens.map((t) => sql`${people.searchText} like ${`% ${escapeLike(t)}%`}`);
  const exact = tokens.map((t) => sql`${people.searchText} like ${`% ${escapeLike(t)} %`}`);
  return db
    .select(selection)
    .from(people)
    .innerJoin(schools, eq(schools.id, people.schoolId))
    .where(and(...scopeConditions(filters), ...prefix))
    .orderBy(
      desc(sql`(${and(...exact)})`),
      asc(sql`${people.status} = 'left'`),
      asc(people.lastName),
      asc(people.firstName),
      asc(people.ncYear),
      asc(people.id),
    )
    .limit(filters.limit);
}

/**
 * People every typed word of which is within a small edit distance of one of their names (or of
 * its start, for a word still being typed): "Olivr Smyth" finds Oliver Smith. Trigram similarity
 * picks the candidates through the index; Levenshtein distance decides and ranks. Runs in its
 * own transaction to set the trigram threshold for this query alone.
 */
export async function searchFuzzy(
  db: Db,
  tokens: string[],
  filters: SearchFilters,
): Promise<SearchRow[]> {
  if (filters.scope.schoolIds !== 'all' && filters.scope.schoolIds.length === 0) return [];
  const words = tokens.filter((t) => t.length >= 3);
  if (words.length === 0) return [];
  const typed = sql`array[${sql.join(
    words.map((w) => sql`${w}::text`),
    sql`, `,
  )}]`;
  // For each typed word, its distance to the closest name (or name start); null if too far.
  const distance = sql`(
    select sum(best) from (
      select min(least(levenshtein(w, n), levenshtein(w, left(n, length(w))))) as best
      from unnest(${typed}) as w
      cross join unnest(string_to_array(trim(${people.searchText}), ' ')) as n
      group by w
      having min(least(levenshtein(w, n), levenshtein(w, left(n, length(w)))))
        <= case when length(w) <= 4 then 1 else 2 end
    ) as matched
    having count(*) = ${words.length}
  )`;
  return db.transaction(async (tx) => {
    await tx.execute(
      sql`select set_config('pg_trgm.word_similarity_threshold', ${String(FUZZY_CANDIDATE_THRESHOLD)}, true)`,
    );
    const rows = await tx
      .select({ ...selection, distance: sql<number | null>`${distance}` })
      .from(people)
      .innerJoin(schools, eq(schools.id, people.schoolId))
      .where(
        and(
          ...scopeConditions(filters),
          // Every word must be near a name (AND): with OR, one common word pulls in thousands.
          ...words.map((t) => sql`${t} <% ${people.searchText}`),
          sql`${distance} is not null`,
        ),
      )
      .orderBy(
        asc(sql`${distance}`),
        asc(sql`${people.status} = 'left'`),
        asc(people.lastName),
        asc(people.firstName),
        asc(people.ncYear),
        asc(people.id),
      )
      .limit(filters.limit);
    return rows.map(({ distance: _distance, ...row }) => row);
  });
}
