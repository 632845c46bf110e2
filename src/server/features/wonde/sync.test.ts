import { randomUUID } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, type Client } from '../../../../test/app';
import { buildOrganisation, buildUser, PASSWORD } from '../../../../test/factories';
import { startWondeTestbed, WEBHOOK_SECRET, type WondeTestbed } from '../../../../test/wonde';
import type { SimEmployee, SimStudent } from '../../../wonde-simulator/index';
import type { WondeConnection } from '../../../shared/wonde-api';
import { people, peopleSearchKeys, peopleSearchWords, syncRuns } from '../../db/schema';
import { insertSchool } from '../schools/schools.repo';
import { pollApprovals, scheduleSyncs } from './connection.service';
import { runSync } from './sync.service';
import { londonDate } from '../../lib/london-time';
import type { PersonSearchResult } from '../../../shared/people-api';

let bed: WondeTestbed;
let admin: Client;
let organisationId: string;
const today = londonDate();

beforeAll(async () => {
  bed = await startWondeTestbed(
    Array.from({ length: 16 }, (_, i) => ({
      phase: 'PRIMARY' as const,
      pupils: 50 + i,
      name: `Test School ${i + 1}`,
    })),
  );
  const built = await buildOrganisation(bed.t.db, { schools: 0 });
  organisationId = built.organisation.id;
  admin = await signIn(bed.t.app, (await buildUser(bed.t.db, organisationId)).email, PASSWORD);
});
afterAll(() => bed.close());

let nextSimSchool = 0;

/** A Plaster school for the next unused simulated school, connected by URN and approved. */
async function connectedSchool(orgId = organisationId, client = admin) {
  const simSchool = bed.sim.schools[nextSimSchool++]!;
  const school = await insertSchool(bed.t.db, {
    organisationId: orgId,
    name: simSchool.name,
    urn: String(simSchool.urn),
    wondeSchoolId: null,
  });
  const connect = await client.request({
    method: 'POST',
    url: `/api/v1/schools/${school.id}/wonde/connect`,
    payload: { urn: String(simSchool.urn) },
  });
  expect(connect.statusCode, connect.body).toBe(200);
  expect(connect.json<WondeConnection>().state).toBe('pending');
  const { webhook } = await bed.sim.controls.approveSchool(simSchool.id);
  expect(webhook?.attempts.at(-1)?.status).toBe(200);
  const run = bed.queued.find((r) => r.schoolId === school.id);
  expect(run).toBeDefined();
  return { school, simSchool, runId: run!.id };
}

const directoryOf = (schoolId: string) =>
  bed.t.db.select().from(people).where(eq(people.schoolId, schoolId)).orderBy(people.wondeId);

const runOf = async (id: string) =>
  (await bed.t.db.select().from(syncRuns).where(eq(syncRuns.id, id)))[0]!;

const liveData = (simSchoolId: string) =>
  bed.sim.controls.snapshot().schools.find((s) => s.id === simSchoolId)!;

async function requestRun(schoolId: string, mode: 'delta' | 'full'): Promise<string> {
  const response = await admin.request({
    method: 'POST',
    url: `/api/v1/schools/${schoolId}/wonde/sync`,
    payload: { mode },
  });
  expect(response.statusCode, response.body).toBe(202);
  return response.json<{ syncRunId: string }>().syncRunId;
}

/**
 * The search keys and words the trigger keeps, against what the directory implies: for each
 * person not removed, every name word whole and its first one and two letters, beside the
 * person's sort and filter columns. `wordsExact` when the words should have been pruned.
 */
async function expectSearchIndexMatches(wordsExact: boolean) {
  const directory = await bed.t.db
    .select()
    .from(people)
    .where(and(eq(people.organisationId, organisationId), sql`${people.removedAt} is null`));
  const expected = directory.flatMap((p) => {
    const words = p.searchText.trim().split(' ').filter(Boolean);
    const keys = new Set([
      ...words,
      ...words.flatMap((w) => [1, 2].filter((n) => w.length > n).map((n) => w.slice(0, n))),
    ]);
    return [...keys].map((key) =>
      [
        p.id,
        key,
        words.includes(key),
        p.schoolId,
        p.type,
        p.status,
        p.lastName,
        p.firstName,
        p.ncYear,
      ].join('|'),
    );
  });
  const k = peopleSearchKeys;
  const stored = await bed.t.db.select().from(k).where(eq(k.organisationId, organisationId));
  expect(
    stored
      .map((r) =>
        [
          r.personId,
          r.key,
          r.whole,
          r.schoolId,
          r.type,
          r.status,
          r.lastName,
          r.firstName,
          r.ncYear,
        ].join('|'),
      )
      .sort(),
  ).toEqual(expected.sort());
  const wholeWords = new Set(stored.filter((r) => r.whole).map((r) => r.key));
  const words = (
    await bed.t.db
      .select({ word: peopleSearchWords.word })
      .from(peopleSearchWords)
      .where(eq(peopleSearchWords.organisationId, organisationId))
  ).map((r) => r.word);
  if (wordsExact) expect(words.sort()).toEqual([...wholeWords].sort());
  else expect(words).toEqual(expect.arrayContaining([...wholeWords]));
}

async function searchAll(q: string, includeLeavers = false): Promise<PersonSearchResult[]> {
  const response = await admin.request({
    url: `/api/v1/people/search?${new URLSearchParams({ q, limit: '50', includeLeavers: String(includeLeavers) })}`,
  });
  expect(response.statusCode, response.body).toBe(200);
  return response.json<{ results: PersonSearchResult[] }>().results;
}

function expectedPupil(s: SimStudent) {
  const e = s.education;
  return {
    type: 'pupil',
    wondeId: s.id,
    misId: s.misId,
    firstName: s.forename,
    lastName: s.surname,
    email:
      s.contactDetails.emails.email ??
      s.contactDetails.emails.primary ??
      s.contactDetails.emails.home ??
      s.contactDetails.emails.work,
    phone: null,
    address: null,
    occupation: null,
    ncYear: e.ncYear,
    educationDetails: {
      admission_number: e.admissionNumber,
      upn: e.upn,
      local_upn: e.localUpn,
      former_upn: e.formerUpn,
      learner_number: e.learnerNumber,
      current_nc_year: e.ncYear,
      part_time: e.partTime,
      part_time_rate: e.partTimeRate,
      admission_date: e.admissionDate,
      leaving_date: e.leavingDate,
    },
    status: e.leavingDate !== null && e.leavingDate <= today ? 'left' : 'current',
    removedAt: null,
  };
}

function expectedStaff(m: SimEmployee) {
  const c = m.contactDetails;
  const ended = m.employment.employmentEndDate !== null && m.employment.employmentEndDate < today;
  return {
    type: 'staff',
    wondeId: m.id,
    misId: m.misId,
    firstName: m.forename,
    lastName: m.surname,
    email: c.emails.work ?? c.emails.email ?? c.emails.primary ?? c.emails.home,
    phone: c.phones.work ?? c.phones.mobile ?? c.phones.primary ?? c.phones.phone ?? c.phones.home,
    occupation: m.employment.roleText,
    ncYear: null,
    educationDetails: null,
    status: !m.employment.current || ended ? 'left' : 'current',
    removedAt: null,
  };
}

async function expectDirectoryMatches(schoolId: string, simSchoolId: string) {
  const data = liveData(simSchoolId);
  const rows = await directoryOf(schoolId);
  const live = rows.filter((r) => r.removedAt === null);
  const expected = [...data.students.map(expectedPupil), ...data.employees.map(expectedStaff)].sort(
    (a, b) => (a.wondeId < b.wondeId ? -1 : 1),
  );
  expect(live.length).toBe(expected.length);
  expect(live.map((r) => ({ ...r, address: undefined }))).toEqual(
    expected.map((e) => expect.objectContaining({ ...e, address: undefined })),
  );
  // Staff addresses are stored as one line; every part of the home address is in it.
  for (const m of data.employees) {
    const home = m.contactDetails.addresses.home;
    const row = live.find((r) => r.wondeId === m.id)!;
    for (const part of [home?.street, home?.town, home?.postcode].filter(Boolean))
      expect(row.address).toContain(part);
  }
}

describe('connect, approve by webhook, first full sync', () => {
  it('stores exactly the directory the simulator holds, field by field', async () => {
    const { school, simSchool, runId } = await connectedSchool();
    const listed = (await admin.request({ url: `/api/v1/schools/${school.id}` })).json<{
      wondeSchoolId: string;
    }>();
    expect(listed.wondeSchoolId).toBe(simSchool.id);
    const state = await admin.request({ url: `/api/v1/schools/${school.id}/wonde` });
    expect(state.json<WondeConnection>()).toMatchObject({
      state: 'approved',
      wondeSchoolId: simSchool.id,
      liveRun: { status: 'queued', mode: 'full', trigger: 'approval' },
    });

    expect(await runSync(bed.deps, runId, { isLastAttempt: true })).toBe('done');
    const run = await runOf(runId);
    const data = liveData(simSchool.id);
    const total = data.students.length + data.employees.length;
    expect(run).toMatchObject({
      status: 'succeeded',
      created: total,
      updated: 0,
      removed: 0,
      peopleSeen: total,
    });
    expect(run.pagesFetched).toBe(
      Math.ceil(data.students.length / 25) + Math.ceil(data.employees.length / 25),
    );
    await expectDirectoryMatches(school.id, simSchool.id);

    // Running a finished run again does nothing; a second full sync finds everyone unchanged.
    expect(await runSync(bed.deps, runId, { isLastAttempt: true })).toBe('skipped');
    const again = await requestRun(school.id, 'full');
    await runSync(bed.deps, again, { isLastAttempt: true });
    expect(await runOf(again)).toMatchObject({
      status: 'succeeded',
      created: 0,
      updated: 0,
      unchanged: total,
      removed: 0,
    });
  });

  it('keeps no personal field beyond the ones the book needs', async () => {
    const columns = await bed.t.db.execute(
      sql`select column_name from information_schema.columns where table_name = 'people' order by column_name`,
    );
    const names = (columns as { rows: Array<{ column_name: string }> }).rows.map(
      (r) => r.column_name,
    );
    expect(names).toEqual(
      [
        // identity and bookkeeping
        'id',
        'organisation_id',
        'school_id',
        'type',
        'wonde_id',
        'mis_id',
        'wonde_updated_at',
        'wonde_restored_at',
        'removed_at',
        'last_seen_sync_run_id',
        'created_at',
        'updated_at',
        'status',
        // design rule 3: staff and pupils
        'first_name',
        'last_name',
        'email',
        'phone',
        'address',
        'occupation',
        'nc_year',
        'education_details',
        // the search matches legal names too (kept only where they differ), and folded names
        'legal_first_name',
        'legal_last_name',
        'search_text',
      ].sort(),
    );
  });
});

describe('delta sync', () => {
  it('brings the directory level after changes in the MIS, with the right counts', async () => {
    const { school, simSchool, runId } = await connectedSchool();
    await runSync(bed.deps, runId, { isLastAttempt: true });
    const c = bed.sim.controls;
    const data = liveData(simSchool.id);
    const current = data.students.filter((s) => !s.education.leavingDate);
    const staff = data.employees.filter((m) => m.employment.current);

    // Restore needs a deletion the directory has seen first.
    c.deletePerson(simSchool.id, 'student', current[4]!.id);
    const first = await requestRun(school.id, 'delta');
    await runSync(bed.deps, first, { isLastAttempt: true });
    expect(await runOf(first)).toMatchObject({ status: 'succeeded', removed: 1 });

    c.addStudent(simSchool.id, { forename: 'Zoë', surname: "O'Connor-Nguyễn" });
    c.updatePerson(simSchool.id, 'student', current[0]!.id, { surname: 'Renamed' });
    c.markLeaver(simSchool.id, 'student', current[1]!.id, { date: '2026-11-01' });
    c.deletePerson(simSchool.id, 'student', current[2]!.id);
    c.restorePerson(simSchool.id, 'student', current[4]!.id);
    c.markLeaver(simSchool.id, 'employee', staff[0]!.id, { date: '2026-11-01' });
    c.updatePerson(simSchool.id, 'employee', staff[1]!.id, {
      employment: { roleText: 'Head of Science' },
    });

    const delta = await requestRun(school.id, 'delta');
    await runSync(bed.deps, delta, { isLastAttempt: true });
    expect(await runOf(delta)).toMatchObject({
      status: 'succeeded',
      mode: 'delta',
      created: 1,
      updated: 2,
      left: 2,
      removed: 1,
      restored: 1,
    });
    await expectDirectoryMatches(school.id, simSchool.id);
    const [renamed] = await bed.t.db
      .select()
      .from(people)
      .where(and(eq(people.schoolId, school.id), eq(people.wondeId, current[0]!.id)));
    expect(renamed?.lastName).toBe('Renamed');
    const [deleted] = await bed.t.db
      .select()
      .from(people)
      .where(and(eq(people.schoolId, school.id), eq(people.wondeId, current[2]!.id)));
    expect(deleted?.removedAt).not.toBeNull();

    // The search follows: by the new name, leavers only when asked, the deleted not at all.
    await expectSearchIndexMatches(false);
    const ids = async (q: string, includeLeavers?: boolean) =>
      (await searchAll(q, includeLeavers)).map((r) => r.id);
    expect(await ids('renamed')).toEqual([renamed!.id]);
    expect(await ids('zoe')).toContain(
      (await directoryOf(school.id)).find((p) => p.firstName === 'Zoë')!.id,
    );
    const leaver = (await directoryOf(school.id)).find((p) => p.wondeId === current[1]!.id)!;
    expect(await ids(leaver.lastName)).not.toContain(leaver.id);
    expect(await ids(leaver.lastName, true)).toContain(leaver.id);
    expect(await ids(deleted!.lastName, true)).not.toContain(deleted!.id);
    const restored = (await directoryOf(school.id)).find((p) => p.wondeId === current[4]!.id)!;
    expect(await ids(restored.lastName)).toContain(restored.id);

    // A complete listing prunes the words no one has any more (the old surname).
    await runSync(bed.deps, await requestRun(school.id, 'full'), { isLastAttempt: true });
    await expectSearchIndexMatches(true);
  });
});

describe('resilience', () => {
  it('syncs a record holding NUL or half a surrogate pair, with those left out of the directory', async () => {
    const { school, simSchool, runId } = await connectedSchool();
    await runSync(bed.deps, runId, { isLastAttempt: true });
    const pupil = liveData(simSchool.id).students.find((s) => !s.education.leavingDate)!;
    bed.sim.controls.updatePerson(simSchool.id, 'student', pupil.id, {
      forename: 'Ada\u0000',
      surname: 'Love\ud800lace',
    });
    const delta = await requestRun(school.id, 'delta');
    await runSync(bed.deps, delta, { isLastAttempt: true });
    expect(await runOf(delta)).toMatchObject({ status: 'succeeded', updated: 1 });
    const [stored] = await bed.t.db
      .select()
      .from(people)
      .where(and(eq(people.schoolId, school.id), eq(people.wondeId, pupil.id)));
    expect([stored?.firstName, stored?.lastName]).toEqual(['Ada', 'Love\ufffdlace']);
  });

  it('completes through 429s with Retry-After, 500s, a slow page and a cut-off body', async () => {
    const { school, simSchool, runId } = await connectedSchool();
    const c = bed.sim.controls;
    c.injectFault({ kind: '429', count: 2, retryAfterSeconds: 1, pathIncludes: '/students' });
    c.injectFault({ kind: '500', count: 2, pathIncludes: '&page=2' });
    c.injectFault({ kind: 'slow', count: 1, delayMs: 800, pathIncludes: '/employees' });
    c.injectFault({ kind: 'truncated', count: 1, pathIncludes: '&page=3' });
    expect(await runSync(bed.deps, runId, { isLastAttempt: true })).toBe('done');
    c.clearFaults();
    expect(await runOf(runId)).toMatchObject({ status: 'succeeded', removed: 0, error: null });
    await expectDirectoryMatches(school.id, simSchool.id);
    const faults = c
      .requestLog()
      .filter((r) => r.fault !== null)
      .map((r) => r.fault);
    expect(faults.sort()).toEqual(['429', '429', '500', '500', 'slow', 'truncated'].sort());
  });

  it('fails cleanly once its retries are spent, losing and removing nobody', async () => {
    const { school, simSchool, runId } = await connectedSchool();
    await runSync(bed.deps, runId, { isLastAttempt: true });
    const before = await directoryOf(school.id);

    const full = await requestRun(school.id, 'full');
    bed.sim.controls.injectFault({ kind: '503', count: 1_000, pathIncludes: '/employees' });
    // The queue's earlier attempt rethrows so pg-boss retries; the last one records the failure.
    await expect(runSync(bed.deps, full, { isLastAttempt: false })).rejects.toThrow();
    expect(await runOf(full)).toMatchObject({ status: 'running', phase: 'employees' });
    expect(await runSync(bed.deps, full, { isLastAttempt: true })).toBe('done');
    bed.sim.controls.clearFaults();
    const failed = await runOf(full);
    expect(failed).toMatchObject({ status: 'failed', removed: 0, created: 0, updated: 0 });
    expect(failed.error).toMatch(/gave up after 2 attempts/);
    // The pages read before the outage touched only the sync's own bookkeeping.
    const content = (rows: Awaited<ReturnType<typeof directoryOf>>) =>
      rows.map(({ lastSeenSyncRunId: _seen, updatedAt: _at, ...person }) => person);
    expect(content(await directoryOf(school.id))).toEqual(content(before));
    expect(liveData(simSchool.id).students.length).toBeGreaterThan(0);
  });

  it('resumes after a crash mid-run and ends as an undisturbed run would', async () => {
    const { school, simSchool, runId } = await connectedSchool();
    let pages = 0;
    const crash = new Error('worker killed');
    await expect(
      runSync(bed.deps, runId, {
        isLastAttempt: false,
        onProgress: () => {
          if (++pages === 2) throw crash;
        },
      }),
    ).rejects.toBe(crash);
    const halfway = await runOf(runId);
    expect(halfway).toMatchObject({ status: 'running', pagesFetched: 2 });

    expect(await runSync(bed.deps, runId, { isLastAttempt: true })).toBe('done');
    const data = liveData(simSchool.id);
    const total = data.students.length + data.employees.length;
    expect(await runOf(runId)).toMatchObject({
      status: 'succeeded',
      created: total,
      removed: 0,
      peopleSeen: total,
    });
    await expectDirectoryMatches(school.id, simSchool.id);
  });
});

describe('a run held by a worker', () => {
  const holdRun = (runId: string, token: string, silentSeconds: number) =>
    bed.t.db
      .update(syncRuns)
      .set({
        status: 'running',
        claimToken: token,
        heartbeatAt: sql`now() - make_interval(secs => ${silentSeconds})`,
      })
      .where(eq(syncRuns.id, runId));

  it('is not run twice while its worker lives; once silent past the limit, Sync now resumes it', async () => {
    const { school, simSchool, runId } = await connectedSchool();
    const holder = randomUUID();
    await holdRun(runId, holder, 5);
    expect(await runSync(bed.deps, runId, { isLastAttempt: false })).toBe('skipped');
    const queuedBefore = bed.queued.length;
    const again = await admin.request({
      method: 'POST',
      url: `/api/v1/schools/${school.id}/wonde/sync`,
      payload: { mode: 'delta' },
    });
    expect(again.json()).toEqual({ syncRunId: runId, isNew: false });
    expect(bed.queued).toHaveLength(queuedBefore);

    // The worker died: past the limit (60 s), Sync now hands the run to a new job.
    await holdRun(runId, holder, 61);
    const resumed = await admin.request({
      method: 'POST',
      url: `/api/v1/schools/${school.id}/wonde/sync`,
      payload: { mode: 'delta' },
    });
    expect(resumed.json()).toEqual({ syncRunId: runId, isNew: false });
    expect(bed.queued.slice(queuedBefore)).toEqual([{ id: runId, schoolId: school.id }]);
    const { claimToken: job } = await runOf(runId);
    expect(job).not.toBe(holder);
    expect(await runSync(bed.deps, runId, { isLastAttempt: false, claimToken: job! })).toBe('done');
    const data = liveData(simSchool.id);
    expect(await runOf(runId)).toMatchObject({
      status: 'succeeded',
      created: data.students.length + data.employees.length,
      claimToken: null,
    });
    // The dead worker's job, handed out again when it expires, finds nothing to do.
    expect(await runSync(bed.deps, runId, { isLastAttempt: true, claimToken: holder })).toBe(
      'skipped',
    );
  });

  it('a worker taken for dead that wakes up applies no more pages: each page is applied once', async () => {
    const { school, simSchool, runId } = await connectedSchool();
    const slow = randomUUID();
    const successor = randomUUID();
    const outcome = await runSync(bed.deps, runId, {
      isLastAttempt: false,
      claimToken: slow,
      // After its first page, another worker takes the run over.
      onProgress: async (run) => {
        if (run.pagesFetched === 1)
          await bed.t.db
            .update(syncRuns)
            .set({ claimToken: successor })
            .where(eq(syncRuns.id, runId));
      },
    });
    expect(outcome).toBe('skipped');
    expect(await runOf(runId)).toMatchObject({ pagesFetched: 1, claimToken: successor });
    expect(await runSync(bed.deps, runId, { isLastAttempt: true, claimToken: successor })).toBe(
      'done',
    );
    const data = liveData(simSchool.id);
    const total = data.students.length + data.employees.length;
    expect(await runOf(runId)).toMatchObject({ status: 'succeeded', created: total });
    expect(await directoryOf(school.id)).toHaveLength(total);
  });
});

describe('access ending', () => {
  it('a revoke webhook stops syncing and shows the state', async () => {
    const { school, simSchool, runId } = await connectedSchool();
    await runSync(bed.deps, runId, { isLastAttempt: true });
    await bed.sim.controls.revokeSchool(simSchool.id, { reason: 'No longer needed' });
    const state = (
      await admin.request({ url: `/api/v1/schools/${school.id}/wonde` })
    ).json<WondeConnection>();
    expect(state).toMatchObject({ state: 'revoked', stateReason: 'No longer needed' });
    // Admins are told on every page until someone reconnects.
    const me = (await admin.request({ url: '/api/v1/me' })).json<{ alerts: unknown[] }>();
    expect(me.alerts).toContainEqual({
      kind: 'wonde_access_revoked',
      schoolId: school.id,
      schoolName: school.name,
      since: expect.any(String),
      reason: 'No longer needed',
    });
    const sync = await admin.request({
      method: 'POST',
      url: `/api/v1/schools/${school.id}/wonde/sync`,
      payload: { mode: 'delta' },
    });
    expect(sync.statusCode).toBe(409);
  });

  it('a refusal Wonde confirms during a sync revokes the connection and fails the run', async () => {
    const { school, simSchool, runId } = await connectedSchool();
    await runSync(bed.deps, runId, { isLastAttempt: true });
    const delta = await requestRun(school.id, 'delta');
    bed.sim.controls.setAccessState(simSchool.id, 'revoked'); // no webhook: Wonde just stops answering
    expect(await runSync(bed.deps, delta, { isLastAttempt: false })).toBe('done');
    expect(await runOf(delta)).toMatchObject({ status: 'failed' });
    const state = (
      await admin.request({ url: `/api/v1/schools/${school.id}/wonde` })
    ).json<WondeConnection>();
    expect(state.state).toBe('revoked');
    expect(state.stateReason).toMatch(/no longer approved/);
  });

  it('disconnecting revokes access in Wonde and purges the directory', async () => {
    const { school, simSchool, runId } = await connectedSchool();
    await runSync(bed.deps, runId, { isLastAttempt: true });
    expect((await directoryOf(school.id)).length).toBeGreaterThan(0);
    const response = await admin.request({
      method: 'DELETE',
      url: `/api/v1/schools/${school.id}/wonde`,
    });
    expect(response.statusCode).toBe(204);
    expect(await directoryOf(school.id)).toEqual([]);
    await expectSearchIndexMatches(true);
    expect(bed.sim.controls.listSchools().find((s) => s.id === simSchool.id)?.access).toBe(
      'revoked',
    );
    const state = (
      await admin.request({ url: `/api/v1/schools/${school.id}/wonde` })
    ).json<WondeConnection>();
    expect(state).toMatchObject({ state: 'not_connected', directory: { pupils: 0, staff: 0 } });
  });
});

describe('webhooks', () => {
  it("never touch another organisation's school, and refuse a wrong secret", async () => {
    const other = await buildOrganisation(bed.t.db, { schools: 0 });
    const otherAdmin = await signIn(
      bed.t.app,
      (await buildUser(bed.t.db, other.organisation.id)).email,
      PASSWORD,
    );
    const mine = await connectedSchool();
    const theirs = await connectedSchool(other.organisation.id, otherAdmin);

    await bed.sim.controls.revokeSchool(mine.simSchool.id);
    const theirState = (
      await otherAdmin.request({ url: `/api/v1/schools/${theirs.school.id}/wonde` })
    ).json<WondeConnection>();
    expect(theirState.state).toBe('approved');
    // And each organisation sees only its own school's connection.
    expect(
      (await otherAdmin.request({ url: `/api/v1/schools/${mine.school.id}/wonde` })).statusCode,
    ).toBe(404);
    expect((await otherAdmin.request({ url: `/api/v1/sync-runs/${mine.runId}` })).statusCode).toBe(
      404,
    );

    const forged = await bed.t.app.inject({
      method: 'POST',
      url: '/api/v1/webhooks/wonde?secret=wrong',
      payload: { payload_type: 'accessRevoked', school_id: theirs.simSchool.id },
    });
    expect(forged.statusCode).toBe(401);
    const unknown = await bed.t.app.inject({
      method: 'POST',
      url: `/api/v1/webhooks/wonde?secret=${WEBHOOK_SECRET}`,
      payload: { payload_type: 'schoolMigration', school_id: theirs.simSchool.id },
    });
    expect(unknown.json()).toEqual({ ok: true, result: 'ignored' });
    const after = (
      await otherAdmin.request({ url: `/api/v1/schools/${theirs.school.id}/wonde` })
    ).json<WondeConnection>();
    expect(after.state).toBe('approved');
  });
});

describe('approval without the webhook, and schedules', () => {
  it('finds an approval by polling, and a repeated approval starts no second sync', async () => {
    const simSchool = bed.sim.schools[nextSimSchool++]!;
    const school = await insertSchool(bed.t.db, {
      organisationId,
      name: simSchool.name,
      urn: String(simSchool.urn),
      wondeSchoolId: null,
    });
    await admin.request({
      method: 'POST',
      url: `/api/v1/schools/${school.id}/wonde/connect`,
      payload: { urn: String(simSchool.urn) },
    });
    bed.sim.controls.setAccessState(simSchool.id, 'approved'); // the webhook never arrives
    expect(await pollApprovals(bed.deps)).toBe(1);
    expect(await pollApprovals(bed.deps)).toBe(0);
    const runs = bed.queued.filter((r) => r.schoolId === school.id);
    expect(runs).toHaveLength(1);

    // An approval delivered again, with a token Wonde does not know: nothing changes.
    const repeat = await bed.t.app.inject({
      method: 'POST',
      url: '/api/v1/webhooks/wonde',
      headers: { 'x-webhook-secret': WEBHOOK_SECRET },
      payload: {
        payload_type: 'schoolApproved',
        school_id: simSchool.id,
        school_token: 'f'.repeat(40),
      },
    });
    expect(repeat.json()).toEqual({ ok: true, result: 'ignored' });
    expect(bed.queued.filter((r) => r.schoolId === school.id)).toHaveLength(1);
  });

  it('queues one scheduled sync per approved school, never a second while one waits', async () => {
    const queuedBefore = bed.queued.length;
    const first = await scheduleSyncs(bed.deps, 'delta', 'schedule');
    const second = await scheduleSyncs(bed.deps, 'delta', 'schedule');
    expect(second).toBe(0);
    expect(bed.queued.length - queuedBefore).toBe(first);
    const live = await bed.t.db
      .select({ schoolId: syncRuns.schoolId, n: sql<number>`count(*)::int` })
      .from(syncRuns)
      .where(sql`${syncRuns.status} in ('queued', 'running')`)
      .groupBy(syncRuns.schoolId);
    expect(live.every((r) => r.n === 1)).toBe(true);
  });
});
