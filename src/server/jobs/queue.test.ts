import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/db';
import { testJobDeps } from '../../../test/app';
import { purgeSignInDataJob } from '../features/auth/purge-sign-in-data.job';
import { allJobs } from './registry';
import { startJobQueue, type JobQueue } from './queue';
import { z } from 'zod';
import { buildOrganisation } from '../../../test/factories';
import { users } from '../db/schema';
import { hashPassword } from '../features/auth/password';
import { defineJob } from './job';

/** A job whose insert the database refuses: a name with NUL, beside a password hash. */
const failingInsertJob = defineJob({
  name: 'test.failing-insert',
  payloadSchema: z.object({ organisationId: z.uuid() }),
  retryLimit: 0,
  async handler({ organisationId }, { db }) {
    await db.insert(users).values({
      organisationId,
      email: 'ada.pupil@school.example',
      name: 'Ada\u0000Lovelace',
      role: 'viewer',
      passwordHash: await hashPassword('a password for nobody to read'),
    });
    return 'done';
  },
});

let database: TestDatabase;
let queue: JobQueue;

beforeAll(async () => {
  database = await createTestDatabase();
  queue = await startJobQueue(database, testJobDeps(database.db), {
    work: true,
    jobs: [...allJobs({ syncIntervalMinutes: 30 }), failingInsertJob],
  });
});
afterAll(async () => {
  await queue.stop();
  await database.close();
});

/** The job once it has completed or failed. */
async function settled(name: string, id: string) {
  for (let i = 0; i < 100; i++) {
    const job = await queue.boss.getJobById(name, id);
    if (job?.state === 'completed' || job?.state === 'failed') return job;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`job ${name} ${id} did not finish`);
}

describe('job queue', () => {
  it('runs on this engine: a job sent to the queue is worked to completion', async () => {
    const id = await purgeSignInDataJob.enqueue(queue, {});
    expect(id).toBeTruthy();
    expect((await settled(purgeSignInDataJob.name, id!)).state).toBe('completed');
  });

  it("keeps what a failed job's query was refused for, never its parameters", async () => {
    const { organisation } = await buildOrganisation(database.db, { schools: 0 });
    const id = await failingInsertJob.enqueue(queue, { organisationId: organisation.id });
    const job = await settled(failingInsertJob.name, id!);
    expect(job.state).toBe('failed');
    const kept = JSON.stringify(job.output);
    expect(kept).toContain('Failed query');
    for (const secret of ['$argon2id$', 'Lovelace', 'ada.pupil', organisation.id])
      expect(kept).not.toContain(secret);
  });

  it('keeps the schedules of scheduled jobs', async () => {
    const schedules = await queue.boss.getSchedules();
    expect(schedules.map((s) => [s.name, s.cron])).toContainEqual(['auth.purge', '17 * * * *']);
  });
});
