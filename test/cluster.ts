import { execFile } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from './ports';

const run = promisify(execFile);

/** A PostgreSQL server of a test's own, in a temporary folder, that the test may stop and start. */
export type Cluster = {
  /** postgres://postgres@127.0.0.1:PORT/postgres */
  url: string;
  /** Starts it (again); resolves once it accepts connections. */
  start(): Promise<void>;
  /** Stops it: `immediate` is a crash (no clean shutdown), `fast` disconnects everyone first. */
  stop(mode?: 'immediate' | 'fast'): Promise<void>;
  /** The server's log so far, for a failing test's message. */
  log(): string;
  /** Stops it if running and deletes its folder. */
  destroy(): Promise<void>;
};

/**
 * The folder of PostgreSQL's server programs: the newest under /usr/lib/postgresql (Debian's
 * layout, which CI installs). Missing binaries fail the test: it must not pass by not running.
 */
function binDir(): string {
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root)
    ? readdirSync(root)
        .filter((v) => existsSync(join(root, v, 'bin', 'initdb')))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  if (versions.length === 0)
    throw new Error(
      `No PostgreSQL server programs (initdb, pg_ctl) under ${root}: install postgresql.`,
    );
  return join(root, versions[0]!, 'bin');
}

/**
 * Creates and starts a PostgreSQL cluster on a free loopback port, trusting local connections.
 * PostgreSQL refuses to run as root, so as root its programs run as the `postgres` user.
 */
export async function startCluster(): Promise<Cluster> {
  const bin = binDir();
  const folder = mkdtempSync(join(tmpdir(), 'plaster-cluster-'));
  const data = join(folder, 'data');
  const logFile = join(folder, 'server.log');
  const asRoot = userInfo().uid === 0;
  if (asRoot) {
    const { stdout } = await run('id', ['-u', 'postgres']);
    const uid = Number(stdout.trim());
    const { stdout: gid } = await run('id', ['-g', 'postgres']);
    chownSync(folder, uid, Number(gid.trim()));
  }
  const pg = (program: string, args: string[]) =>
    asRoot
      ? run('runuser', ['-u', 'postgres', '--', join(bin, program), ...args])
      : run(join(bin, program), args);

  const port = await freePort();
  await pg('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync']);
  const options = [
    `-p ${port}`,
    '-c listen_addresses=127.0.0.1',
    `-c unix_socket_directories=${folder}`,
    // A test's data need not survive a power cut: quicker to write, and to stop.
    '-c fsync=off',
    '-c full_page_writes=off',
  ].join(' ');
  const cluster: Cluster = {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    async start() {
      await pg('pg_ctl', ['-D', data, '-l', logFile, '-o', options, '-w', '-t', '60', 'start']);
    },
    async stop(mode = 'immediate') {
      await pg('pg_ctl', ['-D', data, '-m', mode, '-w', 'stop']);
    },
    log: () => (existsSync(logFile) ? readFileSync(logFile, 'utf8') : ''),
    async destroy() {
      // Whatever state it was left in: stopping one already stopped only fails, harmlessly.
      await cluster.stop('immediate').catch(() => {});
      rmSync(folder, { recursive: true, force: true });
    },
  };
  try {
    await cluster.start();
  } catch (error) {
    await cluster.destroy();
    throw error;
  }
  return cluster;
}
