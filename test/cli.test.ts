import { createServer, type AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../src/server/db/client';
import { recordingNotifications, signIn, testSessions, unusedSso, unusedWonde } from './app';
import { createTestDatabase, type TestDatabase } from './db';
import { runPlaster } from './plaster-cli';
import { buildApp } from '../src/server/http/app';
import { createLogger } from '../src/server/lib/logger';

const plaster = runPlaster;

let database: TestDatabase;
let dataDir: string;
let env: Record<string, string>;

beforeAll(async () => {
  database = await createTestDatabase();
  dataDir = mkdtempSync(join(tmpdir(), 'plaster-cli-'));
  // On PostgreSQL the commands use this test's database; on PGlite a data directory of their own.
  env = database.url
    ? {
        DATABASE_URL: database.url,
        SESSION_SECRET: testSessions.secret,
        ENCRYPTION_KEY: 'ab'.repeat(32),
        PLASTER_DEMO: 'off',
      }
    : { DATA_DIR: dataDir, PLASTER_DEMO: 'off' };
});
afterAll(async () => {
  await database.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('plaster command line', () => {
  it('prints help and exits 0', async () => {
    const run = await plaster(['--help'], {});
    expect(run.code).toBe(0);
    for (const command of ['serve', 'migrate', 'users create'])
      expect(run.stdout).toContain(command);
  });

  it('exits non-zero naming a bad environment variable, without starting', async () => {
    const run = await plaster(['serve'], { PORT: 'eighty', DATA_DIR: dataDir });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('PORT: must be a port number');
    expect(run.stdout).not.toContain('running');
  });

  it('prints the configuration in effect with every secret masked', async () => {
    const secrets = {
      SESSION_SECRET: 'session-secret-that-is-long-enough-123',
      ENCRYPTION_KEY: 'a'.repeat(64),
      WONDE_TOKEN: 'wonde-partner-token-xyz',
      WONDE_WEBHOOK_SECRET: 'webhook-secret-abcdef',
    };
    const run = await plaster(['config'], {
      ...secrets,
      DATABASE_URL: 'postgres://plaster:db-password-456@db.example:5432/plaster',
      SMTP_URL: 'smtp://mailer:smtp-password-789@mail.example:587',
      PORT: '4100',
    });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^PORT +set +4100$/m);
    expect(run.stdout).toMatch(/^SESSION_IDLE_MINUTES +default +60$/m);
    expect(run.stdout).toMatch(/^WONDE_SYNC_INTERVAL_MINUTES +default +30$/m);
    expect(run.stdout).toContain('postgres://plaster:********@db.example:5432/plaster');
    expect(run.stdout).toContain('smtp://mailer:********@mail.example:587');
    for (const value of [...Object.values(secrets), 'db-password-456', 'smtp-password-789']) {
      expect(run.stdout + run.stderr).not.toContain(value);
    }
  });

  it('says in one line that the port is taken, and exits non-zero', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const { port } = blocker.address() as AddressInfo;
    try {
      const run = await plaster(['serve'], { ...env, PORT: String(port), HOST: '127.0.0.1' });
      expect(run.code).toBe(1);
      expect(run.stderr.trim()).toBe(
        `Port ${port} on 127.0.0.1 is already in use: stop what is using it, or set PORT to another port.`,
      );
    } finally {
      blocker.close();
    }
  });

  it('says in one line that the database cannot be reached, and exits non-zero', async () => {
    const run = await plaster(['serve'], {
      DATABASE_URL: 'postgres://plaster@127.0.0.1:1/plaster',
      SESSION_SECRET: 'x'.repeat(32),
      ENCRYPTION_KEY: 'ab'.repeat(32),
      PLASTER_DEMO: 'off',
    });
    expect(run.code).toBe(1);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(
      /^Cannot reach the database \(.*ECONNREFUSED.*\): check DATABASE_URL/,
    );
  });

  it('says in one line that the mail server cannot be reached, and exits non-zero', async () => {
    const run = await plaster(['serve'], {
      ...env,
      PORT: '0',
      SMTP_URL: 'smtp://127.0.0.1:1',
    });
    expect(run.code).toBe(1);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(
      /^Cannot reach the mail server 127\.0\.0\.1:1 \(.*ECONNREFUSED.*\): check SMTP_URL\.$/m,
    );
  });

  it('rejects an unknown command', async () => {
    const run = await plaster(['launch'], {});
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('Unknown command "launch"');
  });

  // Five commands in turn, each a new process that opens (and on PGlite migrates) its database:
  // about 20 s on a quiet machine, hence its own timeout.
  it('creates an organisation and an admin who can sign in; refuses a weak password', async () => {
    const org = await plaster(['organisations', 'create', '--name', 'Riverside Trust'], env);
    expect(org.stderr).toBe('');
    expect(org.code).toBe(0);

    const weak = await plaster(
      [
        'users',
        'create',
        '--org',
        'Riverside Trust',
        '--email',
        'head@riverside.example',
        '--role',
        'admin',
      ],
      { ...env, PLASTER_PASSWORD: 'riverside' },
    );
    expect(weak.code).toBe(1);
    expect(weak.stderr).toContain('at least 10 characters');

    const badRole = await plaster(
      [
        'users',
        'create',
        '--org',
        'Riverside Trust',
        '--email',
        'head@riverside.example',
        '--role',
        'owner',
      ],
      { ...env, PLASTER_PASSWORD: 'a long enough passphrase' },
    );
    expect(badRole.code).toBe(1);
    expect(badRole.stderr).toContain('--role must be one of');

    const created = await plaster(
      [
        'users',
        'create',
        '--org',
        'riverside trust',
        '--email',
        'Head@Riverside.example',
        '--role',
        'admin',
      ],
      env,
      'a long enough passphrase\n',
    );
    expect(created.stderr).toBe('');
    expect(created.code).toBe(0);
    expect(created.stdout).toContain('Created admin head@riverside.example in Riverside Trust');

    // The user is in the database the server reads: sign in through the app.
    const served = database.url ? database : await openDatabase({ dataDir });
    const app = await buildApp({
      db: served.db,
      sessions: testSessions,
      secureCookies: false,
      trustProxy: false,
      wonde: unusedWonde,
      notifications: recordingNotifications(),
      mailer: null,
      mailCatcher: null,
      sso: unusedSso,
      secrets: unusedWonde.secrets,
      publicUrl: 'http://127.0.0.1',
      logger: createLogger({ level: 'silent' }),
      webRoot: '/nonexistent-web-root',
    });
    try {
      const client = await signIn(app, 'head@riverside.example', 'a long enough passphrase');
      const me = await client.request({ url: '/api/v1/me' });
      expect(me.json()).toMatchObject({
        user: { role: 'admin' },
        organisation: { name: 'Riverside Trust' },
      });
    } finally {
      await app.close();
      if (served !== database) await served.close();
    }
  }, 90_000);
});
