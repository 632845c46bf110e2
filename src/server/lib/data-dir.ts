import { chmodSync, lstatSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/**
 * DATA_DIR holds the embedded database (every pupil's name, every incident) and the secrets
 * that protect sessions and Wonde tokens: for Plaster's own user alone. The command line sets
 * its umask to 077 first, so whatever the process writes there is private; this makes private
 * what an older version, or another umask, left readable.
 */
export const DATA_DIR_MODE = 0o700;
export const DATA_FILE_MODE = 0o600;

/** Creates the folder (0700) if need be, and makes every folder 0700 and file 0600 under it. */
export function makeDataDirPrivate(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: DATA_DIR_MODE });
  tighten(dir);
}

function tighten(path: string): void {
  // A symbolic link is left alone: chmod would change whatever it points to, wherever that is.
  const stat = lstatSync(path);
  if (stat.isDirectory()) {
    if ((stat.mode & 0o777) !== DATA_DIR_MODE) chmodSync(path, DATA_DIR_MODE);
    for (const entry of readdirSync(path)) tighten(join(path, entry));
  } else if (stat.isFile() && (stat.mode & 0o777) !== DATA_FILE_MODE) {
    chmodSync(path, DATA_FILE_MODE);
  }
}
