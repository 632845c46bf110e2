/**
 * The plans of one search: every statement `searchPeople` runs, recorded through a drizzle
 * logger on the same database, then run again under `EXPLAIN (ANALYZE, BUFFERS)` with the same
 * parameters and, for the typo search, the same transaction-local trigram threshold.
 */
import type { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzleNodePg } from 'drizzle-orm/node-postgres';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import pg from 'pg';
import type { Db } from '../src/server/db/client';
import * as schema from '../src/server/db/schema';

export type Statement = { sql: string; params: unknown[] };

/** Runs statements in one transaction, rolled back; returns the rows of the last one. */
type InTransaction = (statements: Statement[]) => Promise<unknown[]>;

/** The people searches' plans are printed whole; the rest only by their times. */
export const isSearch = (what: string) => what.includes('search');

export type Explainer = {
  /** A database handle that records what it runs, for {@link Explainer.take}. */
  db: Db;
  /** The statements recorded since the last call, without transaction control. */
  take(): Statement[];
  /** Each statement's plan, with what it is. */
  explain(statements: Statement[]): Promise<Array<{ what: string; plan: string[] }>>;
  close(): Promise<void>;
};

const isControl = (text: string) => /^\s*(begin|commit|rollback)\b/i.test(text);

function whatIs(text: string): string {
  if (text.includes('people_search_near_words')) return 'typo search (searchFuzzy)';
  if (text.includes('"people_search_keys"')) return 'one word, trust-wide (searchByKey)';
  if (text.includes('"people"')) return 'prefix search (searchByPrefix)';
  return 'statement';
}

function explainerOver(
  db: Db,
  recorded: Statement[],
  run: InTransaction,
  close: () => Promise<void>,
): Explainer {
  return {
    db,
    take: () => recorded.splice(0).filter((s) => !isControl(s.sql)),
    async explain(statements) {
      const out: Array<{ what: string; plan: string[] }> = [];
      for (const statement of statements) {
        const rows = await run([
          { sql: `explain (analyze, buffers) ${statement.sql}`, params: statement.params },
        ]);
        out.push({
          what: whatIs(statement.sql),
          plan: rows.map((r) => String((r as Record<string, unknown>)['QUERY PLAN'])),
        });
      }
      return out;
    },
    close,
  };
}

export function pgliteExplainer(client: PGlite): Explainer {
  const recorded: Statement[] = [];
  const db = drizzlePglite(client, {
    schema,
    logger: { logQuery: (sql, params) => recorded.push({ sql, params }) },
  }) as unknown as Db;
  const run: InTransaction = (statements) =>
    client.transaction(async (tx) => {
      let rows: unknown[] = [];
      for (const s of statements) rows = (await tx.query(s.sql, s.params)).rows;
      await tx.rollback();
      return rows;
    });
  return explainerOver(db, recorded, run, () => Promise.resolve());
}

export function postgresExplainer(url: string): Explainer {
  const recorded: Statement[] = [];
  const pool = new pg.Pool({ connectionString: url, max: 1 });
  pool.on('error', () => {});
  const db = drizzleNodePg(pool, {
    schema,
    logger: { logQuery: (sql, params) => recorded.push({ sql, params }) },
  }) as unknown as Db;
  const run: InTransaction = async (statements) => {
    const client = await pool.connect();
    try {
      await client.query('begin');
      let rows: unknown[] = [];
      for (const s of statements) rows = (await client.query(s.sql, s.params)).rows;
      return rows;
    } finally {
      await client.query('rollback').catch(() => {});
      client.release();
    }
  };
  return explainerOver(db, recorded, run, () => pool.end());
}
