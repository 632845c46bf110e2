/**
 * Backups of the embedded database: `plaster backup`, `plaster restore`, the nightly job, and the
 * lock that keeps a second process off a DATA_DIR in use. Always the embedded database (PGlite):
 * backups of PostgreSQL are PostgreSQL's own tools.
 */
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CreateIncidentInputSchema } from '../src/shared/incidents-api';
import { openDatabase } from '../src/server/db/client';
import { nightlyBackupJob } from '../src/server/db/backup.job';
import { nightlyBackupName } from '../src/server/db/backup';
import { LOCK_FILE } from '../src/server/db/data-dir-lock';
import { incidents, sessions, users } from '../src/server/db/schema';
import { createIncident } from '../src/server/features/incidents/incidents.service';
import { createLogger } from '../src/server/lib/logger';
import type { JobDeps } from '../src/server/jobs/job';
import { buildOrganisation, buildUser } from './factories';
import { runPlaster } from './plaster-cli';

/** `plaster` on the embedded database, without the demo. */
const plaster = (args: string[], env: Record<string, string>) =>
  runPlaster(args, { PLASTER_DEMO: 'off', ...env });

let root: string;
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'plaster-backup-'));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A DATA_DIR with an organisation, a reporter, an incident they logged and a session. */
async function filledDataDir(dataDir: string) {
  const database = await openDatabase({ dataDir });
  try {
    await database.migrate();
    const { organisation, schools } = await buildOrganisation(database.db, { schools: 1 });
    const user = await buildUser(database.db, organisation.id, { role: 'reporter' });
    const actor = {
      userId: user.id,
      organisationId: organisation.id,
      role: 'reporter' as const,
      scope: { organisationId: organisation.id, schoolIds: 'all' as const },
      ip: null,
    };
    const { incident } = await createIncident(
      database.db,
      actor,
      CreateIncidentInputSchema.parse({
        schoolId: schools[0]!.id,
        occurredAt: new Date(Date.now() - 60_000).toISOString(),
        locationDetail: 'Playground',
        category: 'accident_injury',
        person: { kind: 'manual', personType: 'visitor', name: 'Pat Visitor' },
        description: 'Tripped on the step by the gate.',
        outcome: 'returned_to_class_or_work',
      }),
    );
    return { user, incident, database };
  } catch (error) {
    await database.close();
    throw error;
  }
}

describe('plaster backup and restore', () => {
  it('bring back the incidents and users of a wiped DATA_DIR', async () => {
    const dataDir = join(root, 'data');
    const file = join(root, 'plaster.tar.gz');
    const { user, incident, database } = await filledDataDir(dataDir);
    const sessionsBefore = await database.db.select().from(sessions);
    await database.close();
    expect(existsSync(join(dataDir, LOCK_FILE))).toBe(false);

    const backup = await plaster(['backup', '--out', file], { DATA_DIR: dataDir });
    expect(backup.stderr).toBe('');
    expect(backup.code).toBe(0);
    expect(statSync(file).mode & 0o777).toBe(0o600);

    rmSync(dataDir, { recursive: true, force: true });
    const restore = await plaster(['restore', '--from', file], { DATA_DIR: dataDir });
    expect(restore.stderr).toBe('');
    expect(restore.code).toBe(0);
    expect(statSync(dataDir).mode & 0o777).toBe(0o700);

    const restored = await openDatabase({ dataDir });
    try {
      await restored.migrate();
      const [back] = await restored.db
        .select()
        .from(incidents)
        .where(eq(incidents.id, incident.id));
      expect(back).toMatchObject({ description: 'Tripped on the step by the gate.' });
      const [reporter] = await restored.db.select().from(users).where(eq(users.id, user.id));
      expect(reporter).toMatchObject({ email: user.email, role: 'reporter' });
      expect(await restored.db.select().from(sessions)).toHaveLength(sessionsBefore.length);
    } finally {
      await restored.close();
    }
  });

  it('refuse, saying why: a DATA_DIR in use, a restore over data, PostgreSQL, a missing file', async () => {
    const dataDir = join(root, 'in-use');
    const { database } = await filledDataDir(dataDir);
    try {
      const backup = await plaster(['backup', '--out', join(root, 'never.tar.gz')], {
        DATA_DIR: dataDir,
      });
      expect(backup.code).toBe(1);
      expect(backup.stderr).toContain(`Plaster is running on ${dataDir} (process ${process.pid})`);
      expect(backup.stderr).toContain('nightly backups');
      expect(existsSync(join(root, 'never.tar.gz'))).toBe(false);

      const serve = await plaster(['migrate'], { DATA_DIR: dataDir });
      expect(serve.code).toBe(1);
      expect(serve.stderr).toContain('opened by one process at a time');
    } finally {
      await database.close();
    }

    const restore = await plaster(['restore', '--from', join(root, 'plaster.tar.gz')], {
      DATA_DIR: dataDir,
    });
    expect(restore.code).toBe(1);
    expect(restore.stderr).toContain('is not empty');

    const missing = await plaster(['restore', '--from', join(root, 'nothing.tar.gz')], {
      DATA_DIR: join(root, 'empty'),
    });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('no such file');

    const postgres = await plaster(['backup', '--out', join(root, 'pg.tar.gz')], {
      DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none',
      SESSION_SECRET: 'x'.repeat(32),
      ENCRYPTION_KEY: 'ab'.repeat(32),
    });
    expect(postgres.code).toBe(1);
    expect(postgres.stderr).toContain('pg_dump');
  });

  it('takes over the lock of a process that has died', async () => {
    const dataDir = join(root, 'stale');
    mkdirSync(dataDir, { recursive: true });
    // No process has this id (the kernel's limit is below it).
    writeFileSync(join(dataDir, LOCK_FILE), '2147483646');
    const database = await openDatabase({ dataDir });
    await database.close();
    expect(existsSync(join(dataDir, LOCK_FILE))).toBe(false);
  });
});

describe('the nightly backup', () => {
  it('writes a snapshot into the backups folder and keeps the newest', async () => {
    const dataDir = join(root, 'nightly');
    const dir = join(root, 'nightly-backups');
    mkdirSync(dir, { recursive: true });
    for (const date of ['2026-01-01', '2026-01-02', '2026-01-03']) {
      writeFileSync(join(dir, nightlyBackupName(date)), 'old');
    }
    writeFileSync(join(dir, 'notes.txt'), 'not a backup');
    const { database } = await filledDataDir(dataDir);
    try {
      const job = nightlyBackupJob({ dir, keep: 2, write: (file) => database.backupTo!(file) });
      const deps = { logger: createLogger({ level: 'silent' }) } as unknown as JobDeps;
      expect(
        await job.handler({}, deps, { isLastAttempt: true, jobId: 'nightly-backup-test' }),
      ).toBe('done');
    } finally {
      await database.close();
    }
    const kept = readdirSync(dir).sort();
    expect(kept).toHaveLength(3);
    expect(kept).toContain('notes.txt');
    expect(kept).toContain(nightlyBackupName('2026-01-03'));
    const tonight = kept.find(
      (name) => !['notes.txt', nightlyBackupName('2026-01-03')].includes(name),
    );
    expect(statSync(join(dir, tonight!)).size).toBeGreaterThan(1000);
  });

  it('is skipped where there is no embedded database', async () => {
    const deps = { logger: createLogger({ level: 'silent' }) } as unknown as JobDeps;
    expect(
      await nightlyBackupJob(null).handler({}, deps, {
        isLastAttempt: true,
        jobId: 'nightly-backup-test',
      }),
    ).toBe('skipped');
  });
});
