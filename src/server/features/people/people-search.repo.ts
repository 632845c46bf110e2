import { and, asc, desc, eq, gte, isNull, lt, notExists, sql, type SQL } from 'drizzle-orm';
import type { SubqueryWithSelection } from 'drizzle-orm/pg-core';
import type { Db } from '../../db/client';
import { preparedOn } from '../../db/prepared';
import { people, peopleSearchKeys, peopleSearchWords, schools } from '../../db/schema';
import { escapeLike } from '../../lib/text';
import { inScopePrepared, isWholeOrganisation, scopeValues, type Scope } from '../../access/scope';
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
 * The searches are prepared statements (db/prepared.ts): each shape of query (which search, how
 * many words, which filters) is built once per database and then run with new values. These
 * are its values.
 */
const value = {
  organisationId: sql.placeholder('organisationId'),
  schoolId: sql.placeholder('schoolId'),
  type: sql.placeholder('type'),
  limit: sql.placeholder('limit'),
  /**
   * OFFSET 0 keeps a subquery from being merged into the query around it; a value, as drizzle
   * writes no OFFSET for a literal 0.
   */
  zero: sql.placeholder('zero'),
  word: (i: number) => sql.placeholder(`word${i}`),
  /** The first string after every string starting with word0. */
  afterWord: sql.placeholder('afterWord'),
  pattern: (name: string, i: number) => sql.placeholder(`${name}${i}`),
};

type Values = Record<string, unknown>;

/** The values of the caller's scope and filters. */
function filterValues(filters: SearchFilters): Values {
  return {
    ...scopeValues(filters.scope),
    schoolId: filters.schoolId,
    type: filters.type,
    limit: filters.limit,
  };
}

/**
 * Which filters a search applies. Statements are built from this, never from the filters'
 * values, and kept under it: two searches of one kind, word count and shape are one statement.
 */
type FilterShape = {
  someSchools: boolean;
  school: boolean;
  type: boolean;
  leavers: boolean;
};

const shapeOf = (filters: SearchFilters): FilterShape => ({
  someSchools: !isWholeOrganisation(filters.scope),
  school: Boolean(filters.schoolId),
  type: Boolean(filters.type),
  leavers: filters.includeLeavers,
});

type PreparedSearch = { execute(values: Values): Promise<SearchRow[]> };

/** The prepared statement of a kind of search, for this many words and these filters. */
function prepared(
  db: Db,
  kind: string,
  words: number,
  filters: SearchFilters,
  build: (shape: FilterShape) => { prepare(name: string): PreparedSearch },
): PreparedSearch {
  const shape = shapeOf(filters);
  const key = `people search ${kind}/${words}/${JSON.stringify(shape)}`;
  return preparedOn(db, key, (name) => build(shape).prepare(name));
}

/**
 * The caller's scope and filters on a table that has the person's organisation, school, type
 * and status: `people`, or `people_search_keys`, which holds no removed people.
 */
function filterConditions(t: typeof people | typeof peopleSearchKeys, shape: FilterShape): SQL[] {
  const conditions: SQL[] = inScopePrepared(t, shape.someSchools);
  if (t === people) conditions.push(isNull(people.removedAt));
  if (shape.school) conditions.push(eq(t.schoolId, value.schoolId));
  if (shape.type) conditions.push(eq(t.type, value.type));
  if (!shape.leavers) conditions.push(eq(t.status, 'current'));
  return conditions;
}

type Orderable = Parameters<typeof asc>[0];

/** The order of results of equal rank: current before left, then by name. */
const byName = (
  t: Record<'status' | 'lastName' | 'firstName' | 'ncYear' | 'personId', Orderable>,
) => [asc(t.status), asc(t.lastName), asc(t.firstName), asc(t.ncYear), asc(t.personId)];

const peopleByName = () => byName({ ...people, personId: people.id });

/** What a result shows, with the person's incident count and repeat flag. */
const selection = () => ({
  ...incidentStatsColumns(value.organisationId, people.id),
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
  const values = filterValues(filters);
  for (const [i, t] of tokens.entries()) {
    values[`prefix${i}`] = `% ${escapeLike(t)}%`;
    values[`exact${i}`] = `% ${escapeLike(t)} %`;
  }
  return prepared(db, 'prefix', tokens.length, filters, (shape) => {
    const like = (name: string) =>
      tokens.map((_, i) => sql`${people.searchText} like ${value.pattern(name, i)}`);
    return db
      .select(selection())
      .from(people)
      .innerJoin(schools, eq(schools.id, people.schoolId))
      .where(and(...filterConditions(people, shape), ...like('prefix')))
      .orderBy(desc(sql`(${and(...like('exact'))})`), ...peopleByName())
      .limit(value.limit);
  }).execute(values);
}

/** The first string after every string that starts with `word` (search words are a–z, 0–9). */
function nextAfterPrefix(word: string): string {
  return word.slice(0, -1) + String.fromCharCode(word.charCodeAt(word.length - 1) + 1);
}

/**
 * The query of the results for a ranked list of person ids (at most the limit), read from the
 * people table.
 */
function resultsOf(
  db: Db,
  ranked: SubqueryWithSelection<
    { personId: SQL.Aliased<string>; rank: SQL.Aliased<number> },
    'ranked'
  >,
) {
  return db
    .select(selection())
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
  shape: FilterShape,
) {
  const k = peopleSearchKeys;
  const firstOfWord = db
    .select(keyOrderColumns('m'))
    .from(k)
    .where(and(...filterConditions(k, shape), eq(k.key, words.word), eq(k.whole, true)))
    .orderBy(...byName(k))
    .limit(value.limit)
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
      .limit(value.limit)
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
  const values = { ...filterValues(filters), word0: word };
  if (word.length <= KEY_PREFIX_LENGTH) {
    return prepared(db, 'key', 1, filters, (shape) => {
      const exactFirst = sql<number>`(not ${k.whole})::int`;
      return resultsOf(
        db,
        db
          .select({
            personId: sql<string>`${k.personId}`.as('person_id'),
            rank: exactFirst.as('rank'),
          })
          .from(k)
          .where(and(...filterConditions(k, shape), eq(k.key, value.word(0))))
          .orderBy(desc(k.whole), ...byName(k))
          .limit(value.limit)
          .as('ranked'),
      );
    }).execute(values);
  }
  return prepared(db, 'words', 1, filters, (shape) => {
    const words = db
      .select({
        word: sql<string>`${w.word}`.as('word'),
        rank: sql<number>`(${w.word} <> ${value.word(0)})::int`.as('rank'),
      })
      .from(w)
      .where(
        and(
          eq(w.organisationId, value.organisationId),
          gte(w.word, value.word(0)),
          lt(w.word, value.afterWord),
        ),
      )
      .as('words');
    return resultsOf(db, rankedPeopleOfWords(db, words, shape));
  }).execute({ ...values, afterWord: nextAfterPrefix(word) });
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
  const values: Values = { ...filterValues(filters), zero: 0 };
  for (const [i, t] of typed.entries()) values[`word${i}`] = t;
  return prepared(db, 'fuzzy', typed.length, filters, (shape) => {
    const k = peopleSearchKeys;
    const nearWordsOf = (i: number) =>
      sql`people_search_near_words(${value.organisationId}, array[${value.word(i)}::text]) as near`;
    if (typed.length === 1) {
      const words = db
        .select({
          word: sql<string>`near.word`.as('word'),
          rank: sql<number>`near.distance`.as('rank'),
        })
        .from(nearWordsOf(0))
        .as('words');
      return resultsOf(db, rankedPeopleOfWords(db, words, shape));
    }
    // Several words: a person must have a name near each of them, which only reading every
    // person with a name near each typed word can tell. Each typed word's near words are read
    // first and their people from the index (a lateral subquery that OFFSET 0 keeps whole:
    // joined freely, a planner short of statistics called the word lookup once per row of
    // the index, for seconds). The people of each typed word are then matched on the person by
    // a FULL JOIN, which PostgreSQL can only hash or merge, so no side is read more than once
    // whatever the estimates; those near every word are kept. A person's distance to a typed
    // word is that of their nearest name.
    const peopleNear = typed.map((_, i) => {
      const ofWord = db
        .select({
          ...keyOrderColumns(`h${i}`),
          distance: sql<number>`near.distance`.as(`h${i}_distance`),
        })
        .from(k)
        .where(and(...filterConditions(k, shape), sql`${k.key} = near.word`, eq(k.whole, true)))
        .offset(value.zero)
        .as(`k${i}`);
      return db
        .select({
          personId: ofWord.personId,
          status: ofWord.status,
          lastName: ofWord.lastName,
          firstName: ofWord.firstName,
          ncYear: ofWord.ncYear,
          distance: ofWord.distance,
        })
        .from(nearWordsOf(i))
        .crossJoinLateral(ofWord)
        .as(`h${i}`);
    });
    const [first, ...others] = peopleNear as [(typeof peopleNear)[0], ...typeof peopleNear];
    const distance = sql<number>`${sql.join(
      peopleNear.map((h) => sql`min(${h.distance})`),
      sql` + `,
    )}`;
    let ranked = db
      .select({
        personId: sql<string>`${first.personId}`.as('person_id'),
        rank: distance.as('rank'),
      })
      .from(first)
      .$dynamic();
    for (const other of others) {
      // The selection is SQL of its own, untouched by the join's nullability.
      ranked = ranked.fullJoin(
        other,
        eq(other.personId, first.personId),
      ) as unknown as typeof ranked;
    }
    // Not IS NOT NULL, which would let the planner make the FULL JOIN an inner one.
    const nearEveryWord = sql`num_nonnulls(${sql.join(
      peopleNear.map((h) => h.personId),
      sql`, `,
    )}) = ${typed.length}`;
    return resultsOf(
      db,
      ranked
        .where(nearEveryWord)
        .groupBy(...personOf(first))
        .orderBy(distance, ...byName(first))
        .limit(value.limit)
        .as('ranked'),
    );
  }).execute(values);
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
