import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { getJson } from './http-test.helpers';
import type { ListPage } from './http-test.helpers';
import { runWondeSimCli } from './wonde-sim.cli';

function capture(): {
  out: string[];
  err: string[];
  io: { stdout: (text: string) => void; stderr: (text: string) => void };
} {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { stdout: (text) => out.push(text), stderr: (text) => err.push(text) } };
}

async function waitFor(check: () => boolean): Promise<void> {
  for (let i = 0; i < 500 && !check(); i += 1)
    await new Promise((resolve) => setTimeout(resolve, 10));
  if (!check()) throw new Error('timed out waiting for the simulator to start');
}

describe('plaster wonde-sim', () => {
  it('prints help and exits 0', async () => {
    const { out, err, io } = capture();
    expect(await runWondeSimCli(['--help'], io)).toBe(0);
    expect(out.join('')).toContain('Usage: plaster wonde-sim');
    expect(out.join('')).toContain('--control');
    expect(err).toEqual([]);
  });

  it.each([
    [['--port', 'abc'], '--port must be a whole number from 0 to 65535, got "abc"'],
    [['--port', '70000'], '--port must be a whole number'],
    [['--schools', '0'], '--schools must be a whole number from 1 to 500'],
    [['--seed', '-1'], '--seed'],
    [['--trust', '  '], '--trust needs a name'],
    [['--as-of', '2026-02-30'], '--as-of must be a date'],
    [['--access', 'maybe'], '--access must be approved, pending or none'],
    [['--webhook-url', 'ftp://x'], '--webhook-url must be an http(s) URL'],
    [['--frobnicate'], "Unknown option '--frobnicate'"],
    [['stray'], 'stray'],
  ])('rejects %j with a clear message and a non-zero code', async (argv, message) => {
    const { out, err, io } = capture();
    expect(await runWondeSimCli(argv, io)).toBe(2);
    expect(err.join('')).toContain(message);
    expect(err.join('')).toContain('plaster wonde-sim --help');
    expect(out).toEqual([]);
  });

  it('starts, prints the URL, partner token and schools, serves them, and stops on abort', async () => {
    const { out, io } = capture();
    const stop = new AbortController();
    const running = runWondeSimCli(
      [
        'wonde-sim',
        '--port',
        '0',
        '--seed',
        '5',
        '--schools',
        '2',
        '--trust',
        'Fenland Learning Trust',
        '--control',
      ],
      {
        ...io,
        signal: stop.signal,
      },
    );
    await waitFor(() => out.join('').includes('Schools'));
    const text = out.join('');
    const url = /listening on (http:\/\/127\.0\.0\.1:\d+\/v1\.0)/.exec(text)?.[1];
    const token = /Partner token: ([0-9a-f]{40})/.exec(text)?.[1];
    expect(url).toBeDefined();
    expect(token).toBeDefined();
    expect(text).toContain('Trust: Fenland Learning Trust');
    expect(text).toContain('Control API: http://127.0.0.1:');
    const schoolLines = text.split('\n').filter((line) => / URN \d{6} {2}A\d{10} /.test(line));
    expect(schoolLines).toHaveLength(2);

    const schools = await getJson<ListPage>(`${url as string}/schools`, token as string);
    expect(schools.status).toBe(200);
    expect(
      schools.body.data.map((school) => school.name).every((name) => text.includes(name as string)),
    ).toBe(true);

    stop.abort();
    expect(await running).toBe(0);
    expect(out.join('')).toContain('stopped');
    await expect(fetch(`${url as string}/schools`)).rejects.toThrow();
  });

  it('explains a port that is already taken', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = blocker.address() as AddressInfo;
      const { err, io } = capture();
      expect(await runWondeSimCli(['--port', String(port)], io)).toBe(1);
      expect(err.join('')).toContain(`port ${String(port)} is already in use`);
    } finally {
      await new Promise<void>((resolve) => blocker.close(() => resolve()));
    }
  });
});
