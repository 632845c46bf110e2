import { request } from 'node:http';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { bearer } from './http-test.helpers';
import type { WireObject } from './http-test.helpers';
import { startWondeSimulator } from './wonde-simulator.server';
import type { WondeSimulator } from './wonde-simulator.server';

let sim: WondeSimulator;
let studentsUrl: string;

beforeAll(async () => {
  sim = await startWondeSimulator({ seed: 61, schools: [{ pupils: 40 }], enableControlApi: true });
  studentsUrl = `${sim.url}/schools/${sim.schools[0]!.id}/students?per_page=10`;
});

afterAll(async () => {
  await sim.close();
});

afterEach(() => {
  sim.controls.clearFaults();
  sim.controls.setLatency(0);
  sim.controls.clearRequestLog();
});

async function statusOf(url = studentsUrl): Promise<number> {
  const response = await fetch(url, { headers: bearer(sim.partnerToken) });
  await response.arrayBuffer();
  return response.status;
}

/** A raw request on a fresh connection, to see exactly what the socket does. */
function rawGet(url: string): Promise<{ status: number; body: string } | { error: string }> {
  return new Promise((resolve) => {
    const req = request(
      url,
      { headers: { ...bearer(sim.partnerToken), connection: 'close' } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
        );
        res.on('error', (error) => resolve({ error: error.message }));
      },
    );
    req.on('error', (error: NodeJS.ErrnoException) =>
      resolve({ error: error.code ?? error.message }),
    );
    req.end();
  });
}

describe('fault injection', () => {
  it('answers 429 with Retry-After for the next N requests, then recovers', async () => {
    sim.controls.injectFault({ kind: '429', count: 2, retryAfterSeconds: 7 });
    for (let i = 0; i < 2; i += 1) {
      const response = await fetch(studentsUrl, { headers: bearer(sim.partnerToken) });
      expect(response.status).toBe(429);
      expect(response.headers.get('retry-after')).toBe('7');
      expect(await response.json()).toMatchObject({ error: 'too_many_requests' });
    }
    expect(await statusOf()).toBe(200);
    expect(sim.controls.requestLog().map((entry) => [entry.status, entry.fault])).toEqual([
      [429, '429'],
      [429, '429'],
      [200, null],
    ]);
  });

  it('answers 500 and 503 (with Retry-After when asked)', async () => {
    sim.controls.injectFault({ kind: '500' });
    sim.controls.injectFault({ kind: '503', retryAfterSeconds: 2 });
    const first = await fetch(studentsUrl, { headers: bearer(sim.partnerToken) });
    expect(first.status).toBe(500);
    await first.arrayBuffer();
    const second = await fetch(studentsUrl, { headers: bearer(sim.partnerToken) });
    expect(second.status).toBe(503);
    expect(second.headers.get('retry-after')).toBe('2');
    await second.arrayBuffer();
    expect(await statusOf()).toBe(200);
  });

  it('delays a slow response but still delivers it whole', async () => {
    sim.controls.injectFault({ kind: 'slow', delayMs: 300 });
    const response = await fetch(studentsUrl, { headers: bearer(sim.partnerToken) });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { data: WireObject[] };
    expect(body.data).toHaveLength(10);
    expect(sim.controls.requestLog()[0]).toMatchObject({ status: 200, fault: 'slow' });
  });

  it('resets the connection without a response', async () => {
    sim.controls.injectFault({ kind: 'reset' });
    const outcome = await rawGet(studentsUrl);
    expect(outcome).toHaveProperty('error');
    await expect(
      fetch(studentsUrl, { headers: bearer(sim.partnerToken) }).then((r) => r.status),
    ).resolves.toBe(200);
    sim.controls.injectFault({ kind: 'reset' });
    await expect(fetch(studentsUrl, { headers: bearer(sim.partnerToken) })).rejects.toThrow();
    expect(
      sim.controls
        .requestLog()
        .filter((entry) => entry.fault === 'reset')
        .map((entry) => entry.status),
    ).toEqual([null, null]);
  });

  it('truncates the JSON body of a 200 response', async () => {
    const whole = await rawGet(studentsUrl);
    sim.controls.injectFault({ kind: 'truncated' });
    const cut = await rawGet(studentsUrl);
    if ('error' in whole || 'error' in cut) throw new Error('unexpected socket error');
    expect(cut.status).toBe(200);
    expect(cut.body.length).toBeGreaterThan(0);
    expect(cut.body.length).toBeLessThan(whole.body.length);
    expect(whole.body.startsWith(cut.body)).toBe(true);
    expect(() => JSON.parse(cut.body) as unknown).toThrow(SyntaxError);
    const viaFetch = await (async () => {
      sim.controls.injectFault({ kind: 'truncated' });
      const response = await fetch(studentsUrl, { headers: bearer(sim.partnerToken) });
      return (await response.json()) as unknown;
    })().catch((error: unknown) => error);
    expect(viaFetch).toBeInstanceOf(SyntaxError);
  });

  it('fires at a rate, from a seeded generator, until cleared', async () => {
    sim.controls.injectFault({ kind: '503', rate: 0.5 });
    const statuses: number[] = [];
    for (let i = 0; i < 40; i += 1) statuses.push(await statusOf());
    const failures = statuses.filter((status) => status === 503).length;
    expect(failures).toBeGreaterThan(5);
    expect(failures).toBeLessThan(35);
    expect(statuses.filter((status) => status === 200)).toHaveLength(40 - failures);
    sim.controls.clearFaults();
    for (let i = 0; i < 5; i += 1) expect(await statusOf()).toBe(200);

    sim.controls.injectFault({ kind: '500', rate: 1, count: 3 });
    expect([await statusOf(), await statusOf(), await statusOf(), await statusOf()]).toEqual([
      500, 500, 500, 200,
    ]);
    sim.controls.injectFault({ kind: '500', rate: 0 });
    for (let i = 0; i < 5; i += 1) expect(await statusOf()).toBe(200);
  });

  it('targets requests by path and query', async () => {
    sim.controls.injectFault({ kind: '500', pathIncludes: 'page=2' });
    expect(await statusOf(`${studentsUrl}&page=1`)).toBe(200);
    expect(await statusOf(`${studentsUrl}&page=2`)).toBe(500);
    expect(await statusOf(`${studentsUrl}&page=2`)).toBe(200);
  });

  it('adds the configured latency to every request', async () => {
    sim.controls.setLatency(200);
    for (let i = 0; i < 2; i += 1) {
      const started = performance.now();
      expect(await statusOf()).toBe(200);
      // A lower bound only, with slack for timer rounding; never an upper bound.
      expect(performance.now() - started).toBeGreaterThanOrEqual(190);
    }
  });

  it('is driven by the control API too, which faults never touch', async () => {
    const created = await fetch(`${sim.controlUrl}/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ kind: '429', count: 5, retryAfterSeconds: 1 }),
    });
    expect(created.status).toBe(201);
    expect(await created.json()).toMatchObject({ kind: '429', remaining: 5 });
    const listed = await fetch(`${sim.controlUrl}/faults`);
    expect(((await listed.json()) as WireObject[]).length).toBe(1);
    expect(await statusOf()).toBe(429);
    expect((await fetch(`${sim.controlUrl}/faults`, { method: 'DELETE' })).status).toBe(200);
    expect(await statusOf()).toBe(200);
    const latency = await fetch(`${sim.controlUrl}/latency`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ms: 1 }),
    });
    expect(latency.status).toBe(200);
    const log = await fetch(`${sim.controlUrl}/requests`);
    expect(((await log.json()) as WireObject[]).map((entry) => entry.status)).toEqual([429, 200]);
  });

  it('rejects impossible fault settings', () => {
    expect(() => sim.controls.injectFault({ kind: '500', rate: 2 })).toThrow(/rate/);
    expect(() => sim.controls.injectFault({ kind: '500', count: 0 })).toThrow(/count/);
    expect(() => sim.controls.setLatency(-1)).toThrow(/latency/);
  });
});

describe('closing', () => {
  it('closes promptly while a slow response is pending', async () => {
    const local = await startWondeSimulator({ seed: 62, schools: [{ pupils: 10 }] });
    local.controls.injectFault({ kind: 'slow', delayMs: 60_000 });
    const pending = fetch(`${local.url}/schools`, { headers: bearer(local.partnerToken) }).then(
      (response) => response.status,
      () => 'failed',
    );
    await new Promise((resolve) => setTimeout(resolve, 50));
    await local.close();
    await local.close();
    expect(await pending).toBe('failed');
  });
});
