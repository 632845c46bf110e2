import { and, asc, desc, eq, gte, inArray, lt, notExists, sql, type SQL } from 'drizzle-orm';
import { unionAll } from 'drizzle-orm/pg-core';
import type { Db } from '../../db/client';
import { people, peopleSearchKeys, peopleSearchWords, schools } from '../../db/schema';
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

/** Keys of one and two letters are stored (migration 0010); longer words are read by range. */
const KEY_PREFIX_LENGTH = 2;

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

/** Conditions on `people_search_keys` rows equal to scopeConditions on people. */
function keyConditions(filters: SearchFilters): SQL[] {
  const { scope } = filters;
  const k = peopleSearchKeys;
  const conditions: SQL[] = [eq(k.organisationId, scope.organisationId)];
  if (scope.schoolIds !== 'all') conditions.push(inArray(k.schoolId, [...scope.schoolIds]));
  if (filters.schoolId) conditions.push(eq(k.schoolId, filters.schoolId));
  if (filters.type) conditions.push(eq(k.type, filters.type));
  if (!filters.includeLeavers) conditions.push(eq(k.status, 'current'));
  return conditions;
}

/** The first string after every string that starts with `word` (search words are a–z, 0–9). */
function nextAfterPrefix(word: string): string {
  return word.slice(0, -1) + String.fromCharCode(word.charCodeAt(word.length - 1) + 1);
}

/**
 * People with a name word starting with `word`, ranked as searchByPrefix ranks them, read from
 * `people_search_keys`: for one or two letters the rows of that key are already in the order
 * shown, so the first few of the index are the answer however many names start so; a longer
 * word reads the whole words in its range. Meant for wide scopes; within a school the people
 * table is quicker.
 */
export async function searchByKey(
  db: Db,
  word: string,
  filters: SearchFilters,
): Promise<SearchRow[]> {
  if (filters.scope.schoolIds !== 'all' && filters.scope.schoolIds.length === 0) return [];
  const k = peopleSearchKeys;
  const columns = {
    personId: k.personId,
    status: k.status,
    lastName: k.lastName,
    firstName: k.firstName,
    ncYear: k.ncYear,
  };
  const order = (
    exact: Parameters<typeof desc>[0],
    t: Record<keyof typeof columns, Parameters<typeof asc>[0]>,
  ) => [
    desc(exact),
    asc(t.status),
    asc(t.lastName),
    asc(t.firstName),
    asc(t.ncYear),
    asc(t.personId),
  ];
  const matches =
    word.length <= KEY_PREFIX_LENGTH
      ? db
          .select({ ...columns, exact: sql<boolean>`${k.whole}`.as('exact') })
          .from(k)
          .where(and(...keyConditions(filters), eq(k.key, word)))
          .orderBy(...order(k.whole, columns))
          .limit(filters.limit)
          .as('matches')
      : db
          .select({ ...columns, exact: sql<boolean>`bool_or(${k.key} = ${word})`.as('exact') })
          .from(k)
          .where(
            and(
              ...keyConditions(filters),
              eq(k.whole, true),
              gte(k.key, word),
              lt(k.key, nextAfterPrefix(word)),
            ),
          )
          // A person can have two words starting so ("smith", "smithjones").
          .groupBy(k.personId, k.status, k.lastName, k.firstName, k.ncYear)
          .orderBy(...order(sql`bool_or(${k.key} = ${word})`, columns))
          .limit(filters.limit)
          .as('matches');
  return db
    .select(selection)
    .from(matches)
    .innerJoin(people, eq(people.id, matches.personId))
    .innerJoin(schools, eq(schools.id, people.schoolId))
    .orderBy(...order(matches.exact, matches));
}

/**
 * People every typed word of which is within a small edit distance of one of their names (or of
 * its start, for a word still being typed): "Olivr Smyth" finds Oliver Smith. The typed words
 * are compared with the organisation's list of distinct name words (trigram similarity picks
 * the candidates through the index, Levenshtein distance decides), then the people with the
 * words found are ranked, nearest first, from the search keys alone; only the few shown are
 * read from the people table.
 */
export async function searchFuzzy(
  db: Db,
  tokens: string[],
  filters: SearchFilters,
): Promise<SearchRow[]> {
  if (filters.scope.schoolIds !== 'all' && filters.scope.schoolIds.length === 0) return [];
  const typed = tokens.filter((t) => t.length >= 3);
  if (typed.length === 0) return [];
  const w = peopleSearchWords;
  const k = peopleSearchKeys;
  return db.transaction(async (tx) => {
    // For this transaction alone: the trigram threshold for candidates; and no sequential scan
    // of the word list or parallel workers, which the planner picks for a list of a few
    // thousand words although the trigram index is many times quicker (bench/README.md).
    await tx.execute(
      sql`select set_config('pg_trgm.word_similarity_threshold', ${String(FUZZY_CANDIDATE_THRESHOLD)}, true),
        set_config('enable_seqscan', 'off', true),
        set_config('max_parallel_workers_per_gather', '0', true)`,
    );
    // For each typed word, the name words near it and how near.
    const nearOne = (typedWord: string, index: number) => {
      const distance = sql`least(levenshtein(${typedWord}, ${w.word}), levenshtein(${typedWord}, left(${w.word}, ${typedWord.length})))`;
      return tx
        .select({
          index: sql<number>`${index}::int`.as('index'),
          word: w.word,
          distance: sql<number>`${distance}`.as('distance'),
        })
        .from(w)
        .where(
          and(
            eq(w.organisationId, filters.scope.organisationId),
            sql`${w.word} %> ${typedWord}`,
            sql`${distance} <= ${typedWord.length <= 4 ? 1 : 2}`,
          ),
        );
    };
    const [first, second, ...rest] = typed.map(nearOne);
    const near = tx.$with('near').as(second ? unionAll(first!, second, ...rest) : first!);
    const byName = <
      T extends Record<
        'status' | 'lastName' | 'firstName' | 'ncYear' | 'personId',
        Parameters<typeof asc>[0]
      >,
    >(
      t: T,
    ) => [asc(t.status), asc(t.lastName), asc(t.firstName), asc(t.ncYear), asc(t.personId)];
    const ranked = tx.$with('ranked').as(
      typed.length === 1
        ? // One word: each near word's people are already in order in the index; the first
          // few of each are enough.
          tx
            .select({
              personId: sql<string>`m.person_id`.as('person_id'),
              distance: sql<number>`min(${near.distance})`.as('distance'),
            })
            .from(near)
            .crossJoinLateral(
              tx
                .select({
                  person_id: k.personId,
                  status: k.status,
                  last_name: k.lastName,
                  first_name: k.firstName,
                  nc_year: k.ncYear,
                })
                .from(k)
                .where(and(...keyConditions(filters), eq(k.key, near.word), eq(k.whole, true)))
                .orderBy(...byName(k))
                .limit(filters.limit)
                .as('m'),
            )
            .groupBy(sql`m.person_id, m.status, m.last_name, m.first_name, m.nc_year`)
            .orderBy(
              sql`min(${near.distance})`,
              sql`m.status`,
              sql`m.last_name`,
              sql`m.first_name`,
              sql`m.nc_year`,
              sql`m.person_id`,
            )
            .limit(filters.limit)
        : // Several words: a person must have a name near each of them.
          tx
            .select({
              personId: sql<string>`${k.personId}`.as('person_id'),
              distance: sql<number>`sum(${near.distance})`.as('distance'),
            })
            .from(near)
            .innerJoin(k, and(...keyConditions(filters), eq(k.key, near.word), eq(k.whole, true)))
            .groupBy(k.personId, k.status, k.lastName, k.firstName, k.ncYear)
            .having(sql`count(distinct ${near.index}) = ${typed.length}`)
            .orderBy(sql`sum(${near.distance})`, ...byName(k))
            .limit(filters.limit),
    );
    return tx
      .with(near, ranked)
      .select(selection)
      .from(ranked)
      .innerJoin(people, eq(people.id, ranked.personId))
      .innerJoin(schools, eq(schools.id, people.schoolId))
      .orderBy(
        asc(ranked.distance),
        asc(people.status),
        asc(people.lastName),
        asc(people.firstName),
        asc(people.ncYear),
        asc(people.id),
      );
  });
}

/**
 * Drops the organisation's name words that no one in the directory has any more (after a school
 * is disconnected, or people left the directory).
 */
export async function pruneSearchWords(db: Db, organisationId: string): Promise<number> {
  const w = peopleSearchWords;
  const k = peopleSearchKeys;
  const rows = await db
    .delete(w)
    .where(
      and(
        eq(w.organisationId, organisationId),
        notExists(
          db
            .select({ one: sql`1` })
            .from(k)
            .where(
              and(eq(k.organisationId, w.organisationId), eq(k.key, w.word), eq(k.whole, true)),
            ),
        ),
      ),
    )
    .returning({ word: w.word });
  return rows.length;
}
