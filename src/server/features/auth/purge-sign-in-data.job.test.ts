import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestApp, signIn, testJobDeps, type TestApp } from '../../../../test/app';
import { buildOrganisation, buildUser, PASSWORD } from '../../../../test/factories';
import { sessions, signInAttempts } from '../../db/schema';
import { purgeSignInDataJob } from './purge-sign-in-data.job';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

async function count(table: typeof sessions | typeof signInAttempts): Promise<number> {
  return t.db.$count(table);
}

describe('auth.purge job', () => {
  it('removes ended sessions and old sign-in attempts, and keeps live ones', async () => {
    const { organisation } = await buildOrganisation(t.db, { schools: 0 });
    const user = await buildUser(t.db, organisation.id);
    const live = await signIn(t.app, user.email, PASSWORD);
    await signIn(t.app, user.email, PASSWORD);
    await signIn(t.app, user.email, PASSWORD);
    // One session past its absolute expiry, one idle too long; one old attempt.
    await t.db.execute(sql`update sessions set expires_at = now() - interval '1 minute'
      where id_hash = (select id_hash from sessions order by created_at desc limit 1)`);
    await t.db.execute(sql`update sessions set last_seen_at = now() - interval '2 hours'
      where id_hash = (select id_hash from sessions where expires_at > now() order by created_at desc limit 1)`);
    await t.db.execute(sql`update sign_in_attempts set at = now() - interval '31 days'
      where id = (select min(id) from sign_in_attempts)`);
    expect(await count(sessions)).toBe(3);
    expect(await count(signInAttempts)).toBe(3);

    const result = await purgeSignInDataJob.handler({}, testJobDeps(t.db), {
      isLastAttempt: true,
      jobId: randomUUID(),
    });
    expect(result).toBe('done');
    expect(await count(sessions)).toBe(1);
    expect(await count(signInAttempts)).toBe(2);
    expect((await live.request({ url: '/api/v1/me' })).statusCode).toBe(200);
  });
});
