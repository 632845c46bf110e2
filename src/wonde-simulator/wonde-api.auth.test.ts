import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateWondeDataset } from './dataset.generator';
import type { ListPage, WireObject } from './http-test.helpers';
import { getJson } from './http-test.helpers';
import { startWondeSimulator } from './wonde-simulator.server';
import type { WondeSimulator } from './wonde-simulator.server';

const dataset = generateWondeDataset({
  seed: 31,
  schools: [{ pupils: 30 }, { pupils: 30 }, { pupils: 30 }, { pupils: 30 }, { pupils: 30 }],
});
const [approved, otherApproved, pending, declined, unknownToPartner] = dataset.schools.map(
  (school) => school.id,
) as [string, string, string, string, string];

let sim: WondeSimulator;

beforeAll(async () => {
  sim = await startWondeSimulator({
    dataset,
    initialAccess: {
      [approved]: 'approved',
      [otherApproved]: 'approved',
      [pending]: 'pending',
      [declined]: 'declined',
    },
  });
});

afterAll(async () => {
  await sim.close();
});

async function statusWith(path: string, authorization?: string, method = 'GET'): Promise<number> {
  const response = await fetch(`${sim.url}${path}`, {
    method,
    headers: authorization ? { authorization } : {},
  });
  await response.arrayBuffer();
  return response.status;
}

const basic = (userPass: string): string => `Basic ${Buffer.from(userPass).toString('base64')}`;

describe('authentication', () => {
  it('answers 401 with a JSON error for a missing, malformed or unknown token', async () => {
    const response = await fetch(`${sim.url}/schools/${approved}/students`);
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe('Bearer');
    expect(await response.json()).toMatchObject({ error: 'unauthenticated' });
    for (const header of [
      'Bearer 0000000000000000000000000000000000000000',
      'Token abc',
      'Bearer',
      basic('wrong:'),
      basic(`:${sim.partnerToken}`),
    ]) {
      expect(await statusWith(`/schools/${approved}/students`, header)).toBe(401);
    }
  });

  it('checks the token before the path, so an unknown path with a bad token is 401', async () => {
    expect(await statusWith('/no-such-thing', 'Bearer nope')).toBe(401);
    expect(await statusWith('/no-such-thing', `Bearer ${sim.partnerToken}`)).toBe(404);
  });

  it('accepts Bearer in any case and Basic with the token as username', async () => {
    const token = sim.partnerToken;
    for (const header of [
      `Bearer ${token}`,
      `bearer ${token}`,
      `BEARER ${token}`,
      basic(`${token}:`),
      basic(`${token}:ignored`),
      `Basic ${token}`,
    ]) {
      expect(await statusWith(`/schools/${approved}/students?per_page=1`, header)).toBe(200);
    }
  });

  it('lets a school token read its own school only', async () => {
    const token = sim.controls.getSchoolToken(approved);
    expect(token).toMatch(/^[0-9a-f]{40}$/);
    expect(await statusWith(`/schools/${approved}/employees`, `Bearer ${token}`)).toBe(200);
    expect(await statusWith(`/schools/${approved}`, `Bearer ${token}`)).toBe(200);
    expect(await statusWith(`/schools/${otherApproved}/employees`, `Bearer ${token}`)).toBe(403);
    const list = await getJson<ListPage>(`${sim.url}/schools`, token as string);
    expect(list.body.data.map((school) => school.id)).toEqual([approved]);
    expect(await statusWith(`/schools/${pending}/request-access`, `Bearer ${token}`, 'POST')).toBe(
      403,
    );
  });
});

describe('school access', () => {
  const partner = (): string => `Bearer ${sim.partnerToken}`;

  it('answers 403 for a known school that is not approved and 404 for an unknown one', async () => {
    for (const id of [pending, declined, unknownToPartner]) {
      for (const path of [
        '',
        '/students',
        '/employees',
        '/contacts',
        '/deletions',
        '/counts',
        `/students/${dataset.schools[2]!.students[0]!.id}`,
      ]) {
        expect(await statusWith(`/schools/${id}${path}`, partner())).toBe(403);
      }
    }
    expect(await statusWith('/schools/A0000000000/students', partner())).toBe(404);
    expect(await statusWith(`/schools/${approved}/students/A0000000000`, partner())).toBe(404);
  });

  it('lists schools by state and finds any school in /schools/all', async () => {
    const ids = async (path: string): Promise<string[]> =>
      (await getJson<ListPage>(`${sim.url}${path}`, sim.partnerToken)).body.data.map(
        (school) => school.id as string,
      );
    expect(await ids('/schools')).toEqual([approved, otherApproved]);
    expect(await ids('/schools/audited')).toEqual([approved, otherApproved]);
    expect(await ids('/schools/pending')).toEqual([pending]);
    expect(await ids('/schools/declined')).toEqual([declined]);
    expect(await ids('/schools/revoked')).toEqual([]);
    const target = dataset.schools[4]!;
    expect(await ids(`/schools/all?urn=${String(target.urn)}`)).toEqual([unknownToPartner]);
    const outward = target.address.postcode.split(' ')[0]!.toLowerCase();
    expect(await ids(`/schools/all?postcode=${outward}`)).toContain(unknownToPartner);
    expect(
      await ids(
        `/schools/all?establishment_number=${target.establishmentNumber}&urn=${String(target.urn)}`,
      ),
    ).toEqual([unknownToPartner]);
    expect(await ids('/schools/all?urn=999999')).toEqual([]);
  });

  it('runs the access lifecycle: request, approve with a new token, revoke', async () => {
    const id = unknownToPartner;
    const request = await fetch(`${sim.url}/schools/${id}/request-access`, {
      method: 'POST',
      headers: { authorization: partner(), 'content-type': 'application/json' },
      body: JSON.stringify({
        contacts: [{ first_name: 'Ann', last_name: 'Lee', email_address: 'ann@school.example' }],
      }),
    });
    expect(request.status).toBe(200);
    expect(await request.json()).toEqual({
      success: true,
      state: 'pending',
      message: 'Access requested',
    });
    const meta = await getJson<{ data: WireObject }>(
      `${sim.url}/meta/schools/${id}`,
      sim.partnerToken,
    );
    expect(meta.body.data).toEqual({
      online: true,
      approved: false,
      audited: false,
      custom_attendance_codes: false,
    });
    expect(await statusWith(`/schools/${id}/students`, partner())).toBe(403);

    const { token } = await sim.controls.approveSchool(id);
    expect(await statusWith(`/schools/${id}/students`, partner())).toBe(200);
    expect(await statusWith(`/schools/${id}/students`, `Bearer ${token}`)).toBe(200);
    expect(
      (await getJson<{ data: WireObject }>(`${sim.url}/meta/schools/${id}`, sim.partnerToken)).body
        .data.approved,
    ).toBe(true);

    const revoke = await fetch(`${sim.url}/schools/${id}/revoke-access/`, {
      method: 'DELETE',
      headers: { authorization: partner() },
    });
    expect(await revoke.json()).toMatchObject({ success: true, state: 'revoked' });
    expect(await statusWith(`/schools/${id}/students`, partner())).toBe(403);
    expect(await statusWith(`/schools/${id}/students`, `Bearer ${token}`)).toBe(401);
    expect(
      (await getJson<ListPage>(`${sim.url}/schools/revoked`, sim.partnerToken)).body.data.map(
        (s) => s.id,
      ),
    ).toEqual([id]);
  });

  it('withdraws a pending request with revoke-access', async () => {
    const id = pending;
    expect(await statusWith(`/schools/${id}/revoke-access`, partner(), 'DELETE')).toBe(200);
    expect(sim.controls.listSchools().find((school) => school.id === id)?.access).toBe('revoked');
    expect(await statusWith(`/schools/${id}/request-access`, partner(), 'POST')).toBe(200);
    expect(sim.controls.listSchools().find((school) => school.id === id)?.access).toBe('pending');
  });

  it('makes a school token stop working when the school revokes access', async () => {
    const token = sim.controls.getSchoolToken(otherApproved) as string;
    expect(await statusWith(`/schools/${otherApproved}/students`, `Bearer ${token}`)).toBe(200);
    await sim.controls.revokeSchool(otherApproved);
    expect(await statusWith(`/schools/${otherApproved}/students`, `Bearer ${token}`)).toBe(401);
    expect(await statusWith(`/schools/${otherApproved}/students`, partner())).toBe(403);
  });

  it('answers 405 for a wrong method on a known path', async () => {
    expect(await statusWith(`/schools/${approved}/students`, partner(), 'POST')).toBe(405);
    expect(await statusWith(`/schools/${approved}/request-access`, partner(), 'GET')).toBe(405);
  });
});
