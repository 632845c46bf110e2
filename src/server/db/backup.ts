/**
 * Backups of the embedded database: a consistent snapshot of its files (PGlite's own dump of its
 * data directory, taken by the process that has it open), a gzipped tar. DATA_DIR's secrets
 * (the keys of sessions and of Wonde tokens) are part of it, so a restored database can read
 * what it sealed. PostgreSQL is backed up with its own tools (README).
 */
import { existsSync, readdirSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import { DATA_DIR_MODE, DATA_FILE_MODE, makeDataDirPrivate } from '../lib/data-dir';
import { LOCK_FILE } from './data-dir-lock';

/** Writes a snapshot of the open database to `file` (0600). */
export async function writeBackup(client: PGlite, file: string): Promise<void> {
  const dump = await client.dumpDataDir('gzip');
  await writeFile(file, Buffer.from(await dump.arrayBuffer()), { mode: DATA_FILE_MODE });
}

/** A backup is restored only into a DATA_DIR that does not exist or is empty. */
export class RestoreTargetNotEmptyError extends Error {
  constructor(readonly dataDir: string) {
    super(
      `${dataDir} is not empty: restore into a new or empty DATA_DIR (move the old one aside first).`,
    );
    this.name = 'RestoreTargetNotEmptyError';
  }
}

/** Unpacks `file` into an empty DATA_DIR, through PGlite, which checks it is a database. */
export async function restoreBackup(
  dataDir: string,
  file: string,
  open: (dataDir: string, loadDataDir: Blob) => Promise<PGlite>,
): Promise<void> {
  if (existsSync(dataDir) && readdirSync(dataDir).length > 0) {
    throw new RestoreTargetNotEmptyError(dataDir);
  }
  await mkdir(dataDir, { recursive: true, mode: DATA_DIR_MODE });
  const client = await open(dataDir, new Blob([await readFile(file)]));
  await client.close();
  // The lock of the process the backup was taken in means nothing here.
  await rm(join(dataDir, LOCK_FILE), { force: true });
  makeDataDirPrivate(dataDir);
}

const NIGHTLY = /^plaster-\d{4}-\d{2}-\d{2}\.tar\.gz$/;

/** The nightly backup's file name for a London date (YYYY-MM-DD). */
export const nightlyBackupName = (date: string) => `plaster-${date}.tar.gz`;

/** Removes all but the `keep` newest nightly backups in `dir`; returns those removed. */
export async function pruneBackups(dir: string, keep: number): Promise<string[]> {
  const old = readdirSync(dir)
    .filter((name) => NIGHTLY.test(name))
    .sort()
    .reverse()
    .slice(keep);
  await Promise.all(old.map((name) => rm(join(dir, name), { force: true })));
  return old;
}
