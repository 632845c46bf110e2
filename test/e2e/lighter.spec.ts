import { expect, test } from '@playwright/test';

// The production server, as a browser on a slow connection meets it: scripts compressed, and no
// source maps for anyone to download.
test('scripts are served compressed and their source maps are not served', async ({ request }) => {
  const html = await (await request.get('/')).text();
  const scripts = [...html.matchAll(/src="(\/assets\/[^"]+\.js)"/g)].map((m) => m[1]!);
  expect(scripts.length).toBeGreaterThan(0);
  for (const script of scripts) {
    const compressed = await request.get(script, { headers: { 'accept-encoding': 'br' } });
    expect(compressed.status()).toBe(200);
    expect(compressed.headers()['content-encoding']).toBe('br');
    const map = await request.get(`${script}.map`);
    expect(map.status(), `${script}.map`).toBe(404);
  }
});
