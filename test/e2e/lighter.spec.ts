import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { signInAsAdmin } from './helpers';

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

/** Compressed bytes of every script the page downloads from now on. */
function countScriptBytes(page: Page): () => Promise<number> {
  const sizes: Promise<number>[] = [];
  page.on('requestfinished', (request) => {
    if (request.resourceType() === 'script') {
      sizes.push(request.sizes().then((size) => size.responseBodySize));
    }
  });
  return async () => (await Promise.all(sizes)).reduce((sum, size) => sum + size, 0);
}

// A first aider's phone on a school's 4G: what the two pages everybody opens cost on first load.
const SCRIPT_BUDGET_BYTES = 200_000;

test('the sign-in page loads at most 200 KB of compressed script', async ({ browser }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const scriptBytes = countScriptBytes(page);
  await page.goto('/sign-in');
  await expect(page.getByLabel('Email address')).toBeEditable();
  await page.waitForLoadState('networkidle');
  expect(await scriptBytes()).toBeLessThanOrEqual(SCRIPT_BUDGET_BYTES);
  await context.close();
});

test('"Log an incident" loads at most 200 KB of compressed script', async ({ browser }) => {
  const signingIn = await browser.newContext();
  await signInAsAdmin(await signingIn.newPage());
  // A new context with the same cookies: signed in, nothing cached.
  const context = await browser.newContext({ storageState: await signingIn.storageState() });
  await signingIn.close();
  const page = await context.newPage();
  const scriptBytes = countScriptBytes(page);
  await page.goto('/incidents/new');
  await expect(page.getByRole('combobox', { name: 'Affected person' })).toBeEditable();
  await page.waitForLoadState('networkidle');
  expect(await scriptBytes()).toBeLessThanOrEqual(SCRIPT_BUDGET_BYTES);
  await context.close();
});
