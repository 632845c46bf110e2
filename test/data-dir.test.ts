/**
 * DATA_DIR is Plaster's alone: the real command, started with a umask that would leave
 * everything world-readable (as some container images do) and on a folder an older version left
 * open, serves with the folder 0700 and every file in it 0600. DATA_DIR is the embedded
 * database's, so this runs it whichever engine the suite is on.
 */
import { spawn } from 'node:child_process';
import {
  chmodSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeDataDirPrivate } from '../src/server/lib/data-dir';

const modeOf = (path: string) => (lstatSync(path).mode & 0o777).toString(8);

/** Every folder and file under `dir`, with its mode. */
function modesUnder(dir: string): { folders: Set<string>; files: Set<string>; count: number } {
  const folders = new Set<string>();
  const files = new Set<string>();
  let count = 0;
  const walk = (path: string) => {
    const stat = lstatSync(path);
    if (stat.isDirectory()) {
      folders.add(modeOf(path));
      for (const entry of readdirSync(path)) walk(join(path, entry));
    } else if (stat.isFile()) {
      files.add(modeOf(path));
      count += 1;
    }
  };
  walk(dir);
  return { folders, files, count };
}

let root: string;
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'plaster-data-dir-'));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('DATA_DIR', () => {
  it('is 0700 with its database files 0600 once Plaster has started, whatever the umask', async () => {
    const dataDir = join(root, 'data');
    // What an older version left: an open folder and a readable file.
    mkdirSync(join(dataDir, 'old'), { recursive: true });
    chmodSync(dataDir, 0o755);
    chmodSync(join(dataDir, 'old'), 0o777);
    writeFileSync(join(dataDir, 'old', 'notes'), 'kept');
    chmodSync(join(dataDir, 'old', 'notes'), 0o644);

    const child = spawn(
      '/bin/sh',
      ['-c', `umask 000 && exec "${process.execPath}" bin/plaster.js serve`],
      {
        env: {
          PATH: process.env.PATH ?? '',
          DATA_DIR: dataDir,
          PORT: '0',
          HOST: '127.0.0.1',
          PLASTER_DEMO: 'off',
          LOG_LEVEL: 'warn',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let output = '';
    const exited = new Promise<void>((resolve) => child.on('close', () => resolve()));
    try {
      await new Promise<void>((resolve, reject) => {
        child.stdout.on('data', (d: Buffer) => {
          output += d.toString();
          if (output.includes('Plaster is running at')) resolve();
        });
        child.stderr.on('data', (d: Buffer) => (output += d.toString()));
        child.on('close', (code) => reject(new Error(`serve exited (${code}): ${output}`)));
      });

      expect(modeOf(dataDir)).toBe('700');
      expect(modeOf(join(dataDir, 'secrets.json'))).toBe('600');
      expect(modeOf(join(dataDir, 'PG_VERSION'))).toBe('600');
      expect(modeOf(join(dataDir, 'old', 'notes'))).toBe('600');
      const tables = join(dataDir, 'base', readdirSync(join(dataDir, 'base'))[0]!);
      const table = readdirSync(tables).find((name) => statSync(join(tables, name)).size > 0)!;
      expect(modeOf(join(tables, table))).toBe('600');
      const all = modesUnder(dataDir);
      expect(all.count).toBeGreaterThan(500);
      expect([...all.folders]).toEqual(['700']);
      expect([...all.files]).toEqual(['600']);
    } finally {
      child.kill('SIGTERM');
      await exited;
    }
  }, 90_000);

  it('leaves what a symbolic link in it points to alone', () => {
    const outside = join(root, 'outside');
    writeFileSync(outside, 'not Plaster’s');
    chmodSync(outside, 0o644);
    const dataDir = join(root, 'linked');
    mkdirSync(dataDir);
    symlinkSync(outside, join(dataDir, 'link'));
    makeDataDirPrivate(dataDir);
    expect(modeOf(dataDir)).toBe('700');
    expect(modeOf(outside)).toBe('644');
  });
});
