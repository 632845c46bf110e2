import { and, asc, desc, eq, gte, inArray, lt, notExists, sql, type SQL } from 'drizzle-orm';
import type { SubqueryWithSelection } from 'drizzle-orm/pg-core';
import type { Db } from '../../db/client';
import { people, peopleSearchKeys, peopleSearchWords, schools } from '../../db/schema';
import { escapeLike } from '../../lib/text';
import type { Scope } from '../../lib/scope';
import { incidentStatsColumns } from '../incidents/incident-counts.repo';

export type SearchFilters = {
  scope: Scope;
  schoolId?: string | undefined;
  type?: 'pupil' | 'staff' | undefined;
  includeLeavers: boolean;
  limit: number;
};

export type SearchRow = {
  incidentCount: number;
  repeat: boolean;
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

/**
 * The caller's scope and filters on a table that has the person's organisation, school, type
 * and status: `people`, or `people_search_keys`, which holds no removed people.
 */
function filterConditions(
  t: typeof people | typeof peopleSearchKeys,
  filters: SearchFilters,
): SQL[] {
  const { scope } = filters;
  const conditions: SQL[] = [eq(t.organisationId, scope.organisationId)];
  if (t === people) conditions.push(sql`${people.removedAt} is null`);
  if (scope.schoolIds !== 'all') conditions.push(inArray(t.schoolId, [...scope.schoolIds]));
  if (filters.schoolId) conditions.push(eq(t.schoolId, filters.schoolId));
  if (filters.type) conditions.push(eq(t.type, filters.type));
  if (!filters.includeLeavers) conditions.push(eq(t.status, 'current'));
  return conditions;
}

type Orderable = Parameters<typeof asc>[0];

/** The order of results of equal rank: current before left, then by name. */
const byName = (
  t: Record<'status' | 'lastName' | 'firstName' | 'ncYear' | 'personId', Orderable>,
) => [asc(t.status), asc(t.lastName), asc(t.firstName), asc(t.ncYear), asc(t.personId)];

const peopleByName = () => byName({ ...people, personId: people.id });

/** What a result shows, with the person's incident count and repeat flag. */
const selectionFor = (organisationId: string) => ({
  ...incidentStatsColumns(organisationId, people.id),
  id: people.id,
  type: people.type,
  firstName: people.firstName,
  lastName: people.lastName,
  schoolId: people.schoolId,
  schoolName: schools.name,
  ncYear: people.ncYear,
  occupation: people.occupation,
  status: people.status,
});

/**
 * People whose names start with every typed word, in any order: exact words first, then
 * current before left, then by name.
 */
export async function searchByPrefix(
  db: Db,
  tokens: string[],
  filters: SearchFilters,
): Promise<SearchRow[]> {
  const prefix = tokens.map((t) => sql`${people.searchText} like ${`% ${escapeLike(t)}%`}`);
  const exact = tokens.map((t) => sql`${people.searchText} like ${`% ${escapeLike(t)} %`}`);
  return db
    .select(selectionFor(filters.scope.organisationId))
    .from(people)
    .innerJoin(schools, eq(schools.id, people.schoolId))
    .where(and(...filterConditions(people, filters), ...prefix))
    .orderBy(desc(sql`(${and(...exact)})`), ...peopleByName())
    .limit(filters.limit);
}

/** The first string after every string that starts with `word` (search words are a–z, 0–9). */
function nextAfterPrefix(word: string): string {
  return word.slice(0, -1) + String.fromCharCode(word.charCodeAt(word.length - 1) + 1);
}

/** The results for a ranked list of person ids (at most the limit), read from the people table. */
function resultsOf(
  db: Db,
  organisationId: string,
  ranked: SubqueryWithSelection<
    { personId: SQL.Aliased<string>; rank: SQL.Aliased<number> },
    'ranked'
  >,
): Promise<SearchRow[]> {
  return db
    .select(selectionFor(organisationId))
    .from(ranked)
    .innerJoin(people, eq(people.id, ranked.personId))
    .innerJoin(schools, eq(schools.id, people.schoolId))
    .orderBy(asc(ranked.rank), ...peopleByName());
}

/**
 * The key columns results are ordered by, aliased for a subquery (`prefix` keeps the names of
 * two subqueries of one statement apart).
 */
const keyOrderColumns = (prefix: string) => {
  const k = peopleSearchKeys;
  return {
    personId: sql<string>`${k.personId}`.as(`${prefix}_person_id`),
    status: sql<string>`${k.status}`.as(`${prefix}_status`),
    lastName: sql<string>`${k.lastName}`.as(`${prefix}_last_name`),
    firstName: sql<string>`${k.firstName}`.as(`${prefix}_first_name`),
    ncYear: sql<string | null>`${k.ncYear}`.as(`${prefix}_nc_year`),
  };
};

/** The same columns of a subquery, to group its rows by person. */
const personOf = (t: ReturnType<typeof keyOrderColumns>) => [
  t.personId,
  t.status,
  t.lastName,
  t.firstName,
  t.ncYear,
];

/**
 * The first people, in the order shown, who have one of `words` as a name word, ranked by the
 * word's rank. The keys index holds each word's people in that order already, so the first few
 * of each word are read and merged, however many people have it.
 */
function rankedPeopleOfWords(
  db: Db,
  words: SubqueryWithSelection<{ word: SQL.Aliased<string>; rank: SQL.Aliased<number> }, 'words'>,
  filters: SearchFilters,
) {
  const k = peopleSearchKeys;
  const firstOfWord = db
    .select(keyOrderColumns('m'))
    .from(k)
    .where(and(...filterConditions(k, filters), eq(k.key, words.word), eq(k.whole, true)))
    .orderBy(...byName(k))
    .limit(filters.limit)
    .as('m');
  const rank = sql<number>`min(${words.rank})`;
  return (
    db
      .select({
        personId: sql<string>`${firstOfWord.personId}`.as('person_id'),
        rank: rank.as('rank'),
      })
      .from(words)
      .crossJoinLateral(firstOfWord)
      // A person can have two of the words ("smith" and "smithjones").
      .groupBy(...personOf(firstOfWord))
      .orderBy(rank, ...byName(firstOfWord))
      .limit(filters.limit)
      .as('ranked')
  );
}

/**
 * People with a name word starting with `word`, ranked as searchByPrefix ranks them, read from
 * the search keys. One or two letters are a key whose rows the index holds in the order shown,
 * so the first few rows are the answer however many names start so; a longer word takes the
 * organisation's name words starting with it, and the first few people of each.
 * Meant for wide scopes; within a school the people table is as quick.
 */
export async function searchByKey(
  db: Db,
  word: string,
  filters: SearchFilters,
): Promise<SearchRow[]> {
  const k = peopleSearchKeys;
  const w = peopleSearchWords;
  if (word.length <= KEY_PREFIX_LENGTH) {
    const exactFirst = sql<number>`(not ${k.whole})::int`;
    return resultsOf(
      db,
      filters.scope.organisationId,
      db
        .select({
          personId: sql<string>`${k.personId}`.as('person_id'),
          rank: exactFirst.as('rank'),
        })
        .from(k)
        .where(and(...filterConditions(k, filters), eq(k.key, word)))
        .orderBy(desc(k.whole), ...byName(k))
        .limit(filters.limit)
        .as('ranked'),
    );
  }
  const words = db
    .select({
      word: sql<string>`${w.word}`.as('word'),
      rank: sql<number>`(${w.word} <> ${word})::int`.as('rank'),
    })
    .from(w)
    .where(
      and(
        eq(w.organisationId, filters.scope.organisationId),
        gte(w.word, word),
        lt(w.word, nextAfterPrefix(word)),
      ),
    )
    .as('words');
  return resultsOf(db, filters.scope.organisationId, rankedPeopleOfWords(db, words, filters));
}

/**
 * People every typed word of which is within a small edit distance of one of their names (or of
 * its start, for a word still being typed): "Olivr Smyth" finds Oliver Smith. The typed words
 * are compared with the organisation's list of distinct name words (`people_search_near_words`,
 * migration 0010), then the people with the words found are ranked, nearest first, from the
 * search keys; only the few shown are read from the people table.
 */
export async function searchFuzzy(
  db: Db,
  tokens: string[],
  filters: SearchFilters,
): Promise<SearchRow[]> {
  const typed = tokens.filter((t) => t.length >= 3);
  if (typed.length === 0) return [];
  const k = peopleSearchKeys;
  const organisationId = filters.scope.organisationId;
  const nearWords = sql`people_search_near_words(${organisationId}, ${sql`array[${sql.join(
    typed.map((t) => sql`${t}::text`),
    sql`, `,
  )}]`}) as near`;
  if (typed.length === 1) {
    const words = db
      .select({
        word: sql<string>`near.word`.as('word'),
        rank: sql<number>`near.distance`.as('rank'),
      })
      .from(nearWords)
      .as('words');
    return resultsOf(db, organisationId, rankedPeopleOfWords(db, words, filters));
  }
  // Several words: a person must have a name near each of them, which only reading every
  // person with a near name can tell. Each person's distance to each typed word is that of
  // their nearest name.
  const hits = db
    .select({ ...keyOrderColumns('h'), distance: sql<number>`min(near.distance)`.as('h_distance') })
    .from(nearWords)
    .innerJoin(
      k,
      and(...filterConditions(k, filters), sql`${k.key} = near.word`, eq(k.whole, true)),
    )
    .groupBy(k.personId, k.status, k.lastName, k.firstName, k.ncYear, sql`near.position`)
    .as('hits');
  const distance = sql<number>`sum(${hits.distance})`;
  return resultsOf(
    db,
    organisationId,
    db
      .select({
        personId: sql<string>`${hits.personId}`.as('person_id'),
        rank: distance.as('rank'),
      })
      .from(hits)
      .groupBy(...personOf(hits))
      .having(sql`count(*) = ${typed.length}`)
      .orderBy(distance, ...byName(hits))
      .limit(filters.limit)
      .as('ranked'),
  );
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
