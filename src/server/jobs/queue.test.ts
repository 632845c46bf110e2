import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/db';
import { testJobDeps } from '../../../test/app';
import { purgeSignInDataJob } from '../features/auth/purge-sign-in-data.job';
import { allJobs } from './registry';
import { startJobQueue, type JobQueue } from './queue';

let database: TestDatabase;
let queue: JobQueue;

beforeAll(async () => {
  database = await createTestDatabase();
  queue = await startJobQueue(database, testJobDeps(database.db), {
    work: true,
    jobs: allJobs({ syncIntervalMinutes: 30 }),
  });
});
afterAll(async () => {
  await queue.stop();
  await database.close();
});

describe('job queue', () => {
  it('runs on this engine: a job sent to the queue is worked to completion', async () => {
    const id = await purgeSignInDataJob.enqueue(queue, {});
    expect(id).toBeTruthy();
    let state: string | undefined;
    for (let i = 0; i < 100 && state !== 'completed' && state !== 'failed'; i++) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      state = (await queue.boss.getJobById(purgeSignInDataJob.name, id!))?.state;
    }
    expect(state).toBe('completed');
  });

  it('keeps the schedules of scheduled jobs', async () => {
    const schedules = await queue.boss.getSchedules();
    expect(schedules.map((s) => [s.name, s.cron])).toContainEqual(['auth.purge', '17 * * * *']);
  });
});
