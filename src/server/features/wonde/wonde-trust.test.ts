/**
 * Trust boundaries with Wonde, tried as another trust's admin and as a forger of webhooks: a
 * Wonde school belongs to one organisation until it lets go; webhooks are hints that Wonde
 * confirms; one refusal is not a revocation; an ended access releases the school after the
 * grace period; the webhook secret is never written to the log.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, type Client } from '../../../../test/app';
import { buildOrganisation, buildUser, PASSWORD } from '../../../../test/factories';
import { startWondeTestbed, WEBHOOK_SECRET, type WondeTestbed } from '../../../../test/wonde';
import type { WondeConnection } from '../../../shared/wonde-api';
import { people, wondeConnections } from '../../db/schema';
import { insertSchool } from '../schools/schools.repo';
import { releaseEndedConnections } from './connection.service';
import { runSync } from './sync.service';

let bed: WondeTestbed;
let trust1: { id: string; admin: Client };
let trust2: { id: string; admin: Client };
let nextSimSchool = 0;

async function trust(): Promise<{ id: string; admin: Client }> {
  const { organisation } = await buildOrganisation(bed.t.db, { schools: 0 });
  const user = await buildUser(bed.t.db, organisation.id);
  return { id: organisation.id, admin: await signIn(bed.t.app, user.email, PASSWORD) };
}

/** A Plaster school of `owner` for the next simulated school. */
async function schoolFor(owner: { id: string }, simIndex = nextSimSchool++) {
  const simSchool = bed.sim.schools[simIndex]!;
  const school = await insertSchool(bed.t.db, {
    organisationId: owner.id,
    name: simSchool.name,
    urn: String(simSchool.urn),
    wondeSchoolId: null,
  });
  return { school, simSchool };
}

const connect = (owner: { admin: Client }, schoolId: string, wondeSchoolId: string) =>
  owner.admin.request({
    method: 'POST',
    url: `/api/v1/schools/${schoolId}/wonde/connect`,
    payload: { wondeSchoolId },
  });

const stateOf = async (owner: { admin: Client }, schoolId: string) =>
  (await owner.admin.request({ url: `/api/v1/schools/${schoolId}/wonde` })).json<WondeConnection>();

const webhook = (payload: Record<string, unknown>) =>
  bed.t.app.inject({
    method: 'POST',
    url: '/api/v1/webhooks/wonde',
    headers: { 'x-webhook-secret': WEBHOOK_SECRET },
    payload,
  });

const storedRow = async (schoolId: string) =>
  (
    await bed.t.db.select().from(wondeConnections).where(eq(wondeConnections.schoolId, schoolId))
  )[0];

/** A school of trust 1, connected, approved and synced. */
async function connectedSchool() {
  const { school, simSchool } = await schoolFor(trust1);
  expect((await connect(trust1, school.id, simSchool.id)).statusCode).toBe(200);
  await bed.sim.controls.approveSchool(simSchool.id);
  const run = bed.queued.find((r) => r.schoolId === school.id)!;
  await runSync(bed.deps, run.id, { isLastAttempt: true });
  expect((await stateOf(trust1, school.id)).state).toBe('approved');
  return { school, simSchool };
}

beforeAll(async () => {
  bed = await startWondeTestbed(
    Array.from({ length: 10 }, (_, i) => ({
      phase: 'PRIMARY' as const,
      pupils: 30 + i,
      name: `Trust Test School ${i + 1}`,
    })),
    'wonde-trust',
  );
  trust1 = await trust();
  trust2 = await trust();
});
afterAll(() => bed.close());

describe('one owner per Wonde school', () => {
  it('another trust cannot connect a school whose access was revoked or declined in trust 1', async () => {
    const revoked = await connectedSchool();
    await bed.sim.controls.revokeSchool(revoked.simSchool.id);
    expect((await stateOf(trust1, revoked.school.id)).state).toBe('revoked');

    const declined = await schoolFor(trust1);
    await connect(trust1, declined.school.id, declined.simSchool.id);
    await bed.sim.controls.declineSchool(declined.simSchool.id);
    expect((await stateOf(trust1, declined.school.id)).state).toBe('declined');

    for (const taken of [revoked, declined]) {
      const theirs = await insertSchool(bed.t.db, {
        organisationId: trust2.id,
        name: `${taken.simSchool.name} (claimed)`,
        urn: String(taken.simSchool.urn),
        wondeSchoolId: null,
      });
      // Wonde would even say yes at once: the school approves again while the claim is made.
      if (taken === revoked) bed.sim.controls.setAccessState(taken.simSchool.id, 'approved');
      const claim = await connect(trust2, theirs.id, taken.simSchool.id);
      expect(claim.statusCode).toBe(409);
      const message = claim.json<{ error: { message: string } }>().error.message;
      expect(message).toMatch(/another Plaster organisation/);
      expect(message).not.toContain(taken.school.name);
      expect(await storedRow(theirs.id)).toBeUndefined();
    }
    // Trust 1's revoked school, approved again, is trust 1's again (by polling or webhook).
    const back = await webhook({
      payload_type: 'schoolApproved',
      school_id: revoked.simSchool.id,
    });
    expect(back.json()).toEqual({ ok: true, result: 'applied' });
    expect((await stateOf(trust1, revoked.school.id)).state).toBe('approved');
  });

  it('a school moves trust only through a fresh approval of the new request', async () => {
    const { school, simSchool } = await connectedSchool();
    // Trust 1 lets go: access is revoked in Wonde, the directory removed.
    const gone = await trust1.admin.request({
      method: 'DELETE',
      url: `/api/v1/schools/${school.id}/wonde`,
    });
    expect(gone.statusCode).toBe(204);

    // An approval left standing in Wonde (as if the revoke had been missed) is not taken over.
    bed.sim.controls.setAccessState(simSchool.id, 'approved');
    const { school: theirs } = await schoolFor(trust2, bed.sim.schools.indexOf(simSchool));
    const claim = await connect(trust2, theirs.id, simSchool.id);
    expect(claim.statusCode, claim.body).toBe(200);
    expect(claim.json<WondeConnection>().state).toBe('pending');
    expect(bed.sim.controls.listSchools().find((s) => s.id === simSchool.id)?.access).toBe(
      'pending',
    );
    expect(bed.queued.filter((r) => r.schoolId === theirs.id)).toHaveLength(0);

    // The school approves the new request: now it is trust 2's.
    await bed.sim.controls.approveSchool(simSchool.id);
    expect((await stateOf(trust2, theirs.id)).state).toBe('approved');
    expect(bed.queued.filter((r) => r.schoolId === theirs.id)).toHaveLength(1);
  });
});

describe('webhooks are hints, Wonde is the truth', () => {
  it('a forged or replayed schoolApproved changes no token and no state', async () => {
    // Pending: Wonde has not approved, so a forged approval is ignored.
    const { school, simSchool } = await schoolFor(trust1);
    await connect(trust1, school.id, simSchool.id);
    const forged = await webhook({
      payload_type: 'schoolApproved',
      school_id: simSchool.id,
      school_token: 'f'.repeat(40),
    });
    expect(forged.json()).toEqual({ ok: true, result: 'ignored' });
    expect((await storedRow(school.id))?.state).toBe('pending');
    expect((await storedRow(school.id))?.tokenSealed).toBeNull();

    // Approved for real: the genuine token is kept (Wonde accepts it).
    const { webhook: delivered } = await bed.sim.controls.approveSchool(simSchool.id);
    expect(delivered?.attempts.at(-1)?.status).toBe(200);
    const approved = await storedRow(school.id);
    expect(approved?.state).toBe('approved');
    expect(approved?.tokenSealed).not.toBeNull();
    const syncsBefore = bed.queued.filter((r) => r.schoolId === school.id).length;

    // The same delivery again, and one with a wrong token: nothing changes.
    const replay = await webhook(delivered!.payload);
    expect(replay.json()).toEqual({ ok: true, result: 'ignored' });
    const wrongToken = await webhook({
      payload_type: 'schoolApproved',
      school_id: simSchool.id,
      school_token: 'a'.repeat(40),
    });
    expect(wrongToken.json()).toEqual({ ok: true, result: 'ignored' });
    const after = await storedRow(school.id);
    expect(after?.tokenSealed).toBe(approved?.tokenSealed);
    expect(after?.stateChangedAt).toEqual(approved?.stateChangedAt);
    expect(bed.queued.filter((r) => r.schoolId === school.id)).toHaveLength(syncsBefore);

    // A forged revocation while Wonde still shares the school changes nothing either.
    const revoke = await webhook({ payload_type: 'accessRevoked', school_id: simSchool.id });
    expect(revoke.json()).toEqual({ ok: true, result: 'ignored' });
    expect((await storedRow(school.id))?.state).toBe('approved');
  });

  it('a single 401 from Wonde during a sync does not revoke', async () => {
    const { school } = await connectedSchool();
    const run = await trust1.admin.request({
      method: 'POST',
      url: `/api/v1/schools/${school.id}/wonde/sync`,
      payload: { mode: 'delta' },
    });
    const runId = run.json<{ syncRunId: string }>().syncRunId;
    bed.sim.controls.injectFault({ kind: '401', count: 1, pathIncludes: '/students' });
    await expect(runSync(bed.deps, runId, { isLastAttempt: false })).rejects.toThrow(/401/);
    expect((await stateOf(trust1, school.id)).state).toBe('approved');
    // Tried again, as the queue would: it completes.
    expect(await runSync(bed.deps, runId, { isLastAttempt: false })).toBe('done');
    expect((await stateOf(trust1, school.id)).state).toBe('approved');
  });

  it('a confirmed revocation keeps the directory for the grace period, then releases the school', async () => {
    const { school, simSchool } = await connectedSchool();
    const directory = () =>
      bed.t.db.select({ id: people.id }).from(people).where(eq(people.schoolId, school.id));
    expect((await directory()).length).toBeGreaterThan(0);
    await bed.sim.controls.revokeSchool(simSchool.id);
    const revoked = await stateOf(trust1, school.id);
    expect(revoked.state).toBe('revoked');
    // The admin is told when it will happen.
    const days = bed.deps.wonde.releaseAfterDays;
    expect(Date.parse(revoked.releasesAt!) - Date.parse(revoked.stateChangedAt!)).toBe(
      days * 86_400_000,
    );

    // Within the grace period nothing is removed.
    expect(
      await releaseEndedConnections(bed.deps, new Date(Date.now() + (days - 1) * 86_400_000)),
    ).toBe(0);
    expect((await directory()).length).toBeGreaterThan(0);

    // After it, the directory goes and the Wonde school is free for another request.
    const later = new Date(Date.now() + (days + 1) * 86_400_000);
    // (with it, trust 1's school declined in the first test)
    expect(await releaseEndedConnections(bed.deps, later)).toBeGreaterThanOrEqual(1);
    expect(await directory()).toEqual([]);
    expect((await stateOf(trust1, school.id)).state).toBe('not_connected');
    const { school: theirs } = await schoolFor(trust2, bed.sim.schools.indexOf(simSchool));
    const claim = await connect(trust2, theirs.id, simSchool.id);
    expect(claim.statusCode, claim.body).toBe(200);
    expect(claim.json<WondeConnection>().state).toBe('pending');
  });

  it('never writes the webhook secret to the log, and warns when it comes in the query', async () => {
    const before = bed.t.logs.length;
    await webhook({ payload_type: 'schoolMigration', school_id: 'A0000000000' });
    const inQuery = await bed.t.app.inject({
      method: 'POST',
      url: `/api/v1/webhooks/wonde?secret=${WEBHOOK_SECRET}`,
      payload: { payload_type: 'schoolMigration', school_id: 'A0000000000' },
    });
    expect(inQuery.json()).toEqual({ ok: true, result: 'ignored' });
    const logged = bed.t.logs.slice(before).join('\n');
    expect(logged).toContain('/api/v1/webhooks/wonde');
    expect(logged).toMatch(/deprecated/);
    expect(logged).not.toContain(WEBHOOK_SECRET);
  });
});
