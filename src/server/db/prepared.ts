import type { Db } from './client';

const statements = new WeakMap<Db, Map<string, unknown>>();
let statementCount = 0;

/**
 * A prepared statement of this database, built by `build` the first time `key` is asked for and
 * kept for the database's life. For the statements of every request (the session) and of every
 * keystroke (the people search): building a query with drizzle costs about as much as running
 * it, and PostgreSQL can then keep its plan too (bench/README.md).
 */
export function preparedOn<T>(db: Db, key: string, build: (name: string) => T): T {
  let byKey = statements.get(db);
  if (!byKey) statements.set(db, (byKey = new Map<string, unknown>()));
  if (!byKey.has(key)) {
    // Names are unique in the process: a connection knows each name by one text only.
    byKey.set(key, build(`plaster_${++statementCount}`));
  }
  return byKey.get(key) as T;
}
