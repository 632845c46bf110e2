import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { fuzzystrmatch } from '@electric-sql/pglite/contrib/fuzzystrmatch';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzleNodePg } from 'drizzle-orm/node-postgres';
import { migrate as migrateNodePg } from 'drizzle-orm/node-postgres/migrator';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';
import { DATA_DIR_MODE, makeDataDirPrivate } from '../lib/data-dir';
import { writeBackup } from './backup';
import { lockDataDir } from './data-dir-lock';
import * as schema from './schema';

/** The drizzle database (or a transaction on it); the same type for both engines. */
export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;

/** Runs raw SQL text with positional parameters; what pg-boss needs from a connection. */
export type SqlExecutor = (text: string, values?: unknown[]) => Promise<{ rows: unknown[] }>;

export type Database = {
  db: Db;
  engine: 'pglite' | 'postgres';
  executeSql: SqlExecutor;
  migrate(): Promise<void>;
  /**
   * Runs `work` holding the start-up lock, so that of processes starting at once on an empty
   * database one creates the tables (and the job queue's schema) while the others wait.
   */
  withStartupLock<T>(work: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
  /** The embedded database only: writes a consistent snapshot of it to a file (db/backup.ts). */
  backupTo?(file: string): Promise<void>;
  /** PostgreSQL only: the connection pool's use, for the metrics. */
  poolUse?: () => PoolUse;
};

/** PostgreSQL advisory lock key of start-up: the bytes of "PLASTER1", as a bigint. */
export const STARTUP_LOCK_KEY = '5786071447416164913';

export type PoolUse = { total: number; idle: number; waiting: number };

export const migrationsFolder = fileURLToPath(new URL('./migrations', import.meta.url));

export function openPglite(client: PGlite): Database {
  const db = drizzlePglite(client, { schema }) as unknown as Db;
  return {
    db,
    engine: 'pglite',
    async executeSql(text, values) {
      if (values && values.length > 0) return client.query(text, values);
      // Parameterless text may hold several statements, which only exec() accepts.
      const results = await client.exec(text);
      return results[results.length - 1] ?? { rows: [] };
    },
    async migrate() {
      await migratePglite(drizzlePglite(client), { migrationsFolder });
    },
    // One process owns an embedded database: there is no one to wait for.
    withStartupLock: (work) => work(),
    async close() {
      await client.close();
    },
    backupTo: (file) => writeBackup(client, file),
  };
}

/**
 * Connections the pool keeps open however quiet it is, and how long the others stay idle. A new
 * connection costs a server process, cold catalogue caches and its own copy of every prepared
 * statement, planned afresh for its first runs: after ten idle seconds (pg's default) the next
 * search took 37–41 ms and the few after it 10–19, against 1–5 (bench/README.md). Schools
 * search in bursts, minutes apart.
 */
const POOL_MIN = 2;
const POOL_IDLE_MS = 10 * 60_000;

export function openPostgres(url: string, options: { max?: number } = {}): Database {
  const max = options.max ?? 10;
  const pool = new pg.Pool({
    connectionString: url,
    max,
    min: Math.min(POOL_MIN, max),
    idleTimeoutMillis: POOL_IDLE_MS,
    // Through firewalls and load balancers that drop quiet connections.
    keepAlive: true,
  });
  // An idle client that loses its connection must not crash the process.
  pool.on('error', () => {});
  const db = drizzleNodePg(pool, { schema }) as unknown as Db;
  return {
    db,
    engine: 'postgres',
    async executeSql(text, values) {
      return pool.query(text, values);
    },
    poolUse: () => ({
      total: pool.totalCount,
      idle: pool.idleCount,
      waiting: pool.waitingCount,
    }),
    async migrate() {
      await migrateNodePg(drizzleNodePg(pool), { migrationsFolder });
    },
    async withStartupLock(work) {
      // A session lock, held on one connection while `work` runs on the others; it ends with
      // the connection should this process die holding it.
      const client = await pool.connect();
      let healthy = false;
      try {
        await client.query('select pg_advisory_lock($1::bigint)', [STARTUP_LOCK_KEY]);
        try {
          return await work();
        } finally {
          await client.query('select pg_advisory_unlock($1::bigint)', [STARTUP_LOCK_KEY]);
          healthy = true;
        }
      } finally {
        // A connection that may still hold the lock is closed rather than pooled.
        client.release(!healthy);
      }
    },
    async close() {
      await pool.end();
    },
  };
}

export async function createPglite(dataDir?: string, loadDataDir?: Blob): Promise<PGlite> {
  if (dataDir) mkdirSync(dataDir, { recursive: true, mode: DATA_DIR_MODE });
  return PGlite.create(dataDir, {
    extensions: { pg_trgm, fuzzystrmatch },
    ...(loadDataDir ? { loadDataDir } : {}),
  });
}

/**
 * Opens the database named by the configuration: PostgreSQL when a URL is given, else PGlite in
 * DATA_DIR, whose folders and files are made private before it opens and after it migrates
 * (which creates files).
 */
export async function openDatabase(options: {
  databaseUrl?: string;
  dataDir: string;
}): Promise<Database> {
  if (options.databaseUrl) return openPostgres(options.databaseUrl);
  makeDataDirPrivate(options.dataDir);
  const unlock = lockDataDir(options.dataDir);
  let database: Database;
  try {
    database = openPglite(await createPglite(options.dataDir));
  } catch (error) {
    unlock();
    throw error;
  }
  return {
    ...database,
    async migrate() {
      await database.migrate();
      makeDataDirPrivate(options.dataDir);
    },
    async close() {
      await database.close();
      unlock();
    },
  };
}
