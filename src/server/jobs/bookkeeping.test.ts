import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../lib/logger';
import { queueExecutor } from './bookkeeping';

const plans = createRequire(import.meta.url)('pg-boss/src/plans.js') as {
  completeJobs(schema: string): string;
  failJobsById(schema: string): string;
};
const logger = createLogger({ level: 'silent' });
const refused = () => Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });

/** An executor that is refused `failures` times, then answers; counting every call. */
function flaky(failures: number, failure: () => Error = refused) {
  const calls: string[] = [];
  return {
    calls,
    execute: (text: string) => {
      calls.push(text);
      return calls.length <= failures
        ? Promise.reject(failure())
        : Promise.resolve({ rows: [{ count: '1' }] });
    },
  };
}

describe("the job queue's bookkeeping", () => {
  it("records a job's outcome once the database answers again, never rejecting", async () => {
    for (const statement of [plans.completeJobs('pgboss'), plans.failJobsById('pgboss')]) {
      const database = flaky(2);
      const execute = queueExecutor(database.execute, {
        schema: 'pgboss',
        logger,
        isStopping: () => false,
      });
      await expect(execute(statement, [])).resolves.toEqual({ rows: [{ count: '1' }] });
      expect(database.calls).toHaveLength(3);
    }
  });

  it('gives up without rejecting on a failure that is not an outage, or while stopping', async () => {
    const broken = flaky(5, () => new Error('syntax error'));
    const execute = queueExecutor(broken.execute, {
      schema: 'pgboss',
      logger,
      isStopping: () => false,
    });
    await expect(execute(plans.completeJobs('pgboss'), [])).resolves.toEqual({
      rows: [{ count: '0' }],
    });
    expect(broken.calls).toHaveLength(1);

    const down = flaky(5);
    const stopping = queueExecutor(down.execute, {
      schema: 'pgboss',
      logger,
      isStopping: () => true,
    });
    await expect(stopping(plans.failJobsById('pgboss'), [])).resolves.toEqual({
      rows: [{ count: '0' }],
    });
  });

  it('passes every other statement through, failures included', async () => {
    const down = flaky(1);
    const execute = queueExecutor(down.execute, {
      schema: 'pgboss',
      logger,
      isStopping: () => false,
    });
    await expect(execute('select 1', [])).rejects.toThrow('ECONNREFUSED');
    expect(down.calls).toHaveLength(1);
  });
});
