import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { demoAdmin, signInAsAdmin } from './helpers';

// This spec is about the service worker that keeps the app on the device.
test.use({ serviceWorkers: 'allow' });

/** Waits until the service worker has kept the app and controls the page. */
async function keepTheApp(page: Page): Promise<void> {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  await page.reload();
  await expect
    .poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null))
    .toBe(true);
}

/** Every address in the page's caches (the service worker's). */
function cachedUrls(page: Page): Promise<string[]> {
  return page.evaluate(async () => {
    const urls: string[] = [];
    for (const name of await caches.keys()) {
      const cache = await caches.open(name);
      urls.push(...(await cache.keys()).map((request) => request.url));
    }
    return urls;
  });
}

/** The session remembered on the device (app/offline-session.ts), or null; creates nothing. */
function rememberedSession(page: Page): Promise<Record<string, unknown> | null> {
  return page.evaluate(
    () =>
      new Promise<Record<string, unknown> | null>((resolve, reject) => {
        const open = indexedDB.open('plaster-session');
        // No such database yet: leave it to the app to make.
        open.onupgradeneeded = () => open.transaction?.abort();
        open.onerror = () => resolve(null);
        open.onsuccess = () => {
          const db = open.result;
          const read = db.transaction('session').objectStore('session').get('me');
          read.onsuccess = () => {
            db.close();
            resolve((read.result as Record<string, unknown> | undefined) ?? null);
          };
          read.onerror = () => reject(read.error ?? new Error('IndexedDB read failed'));
        };
      }),
  );
}

test('the new-incident form opens offline once visited, and nothing from the API is kept', async ({
  page,
  context,
}) => {
  const apiAnswers: Array<{ url: string; fromServiceWorker: boolean }> = [];
  page.on('response', (response) => {
    if (new URL(response.url()).pathname.startsWith('/api/')) {
      apiAnswers.push({ url: response.url(), fromServiceWorker: response.fromServiceWorker() });
    }
  });
  const form = page.getByRole('heading', { name: 'Log an incident', level: 1 });
  const offlineStatus = page.getByRole('status').filter({ hasText: 'You are offline' });

  await test.step('online: the form is visited, and a person searched for', async () => {
    await signInAsAdmin(page);
    await page.goto('/incidents/new');
    await expect(form).toBeVisible();
    await keepTheApp(page);
    await expect(form).toBeVisible();

    const searched = page.waitForResponse((r) => r.url().includes('/api/v1/people/search'));
    await page.getByRole('combobox', { name: 'Affected person' }).fill('Smith');
    expect((await searched).ok()).toBe(true);
    await expect(offlineStatus).toHaveCount(0);

    const remembered = await rememberedSession(page);
    expect(remembered).toMatchObject({ user: { email: demoAdmin.email } });
    expect(remembered).not.toHaveProperty('csrfToken');
  });

  await test.step('offline: the form opens with its fields, and says it is offline', async () => {
    await context.setOffline(true);
    await page.reload();
    await expect(form).toBeVisible();
    await expect(offlineStatus).toBeVisible();
    await expect(page.getByRole('combobox', { name: 'Affected person' })).toBeVisible();
    await expect(page.getByRole('textbox', { name: 'What happened?' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();

    // A search offline fails; it is never answered from a cache.
    const failed = page.waitForEvent('requestfailed', (r) =>
      r.url().includes('/api/v1/people/search'),
    );
    await page.getByRole('combobox', { name: 'Affected person' }).fill('Jones');
    await failed;
    // Closes the person list (offline it offers naming someone), which hides the page behind it.
    await page.keyboard.press('Escape');
  });

  await test.step('the device keeps the app and nothing under /api', async () => {
    const urls = await cachedUrls(page);
    expect(urls.some((url) => new URL(url).pathname === '/index.html')).toBe(true);
    expect(urls.some((url) => /\/assets\/NewIncidentPage-[\w-]+\.js$/.test(url))).toBe(true);
    expect(urls.filter((url) => url.includes('/api/'))).toEqual([]);
  });

  await test.step('offline: a page that needs the server says so', async () => {
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Incidents' })
      .click();
    await expect(page.getByRole('alert')).toContainText('Could not reach Plaster');

    await page.goto('/incidents');
    await expect(page.getByRole('alert')).toContainText('Could not reach Plaster');
    await expect(offlineStatus).toBeVisible();
  });

  await test.step('online again: the session is asked of the server, and the status goes', async () => {
    const asked = page.waitForResponse(
      (r) => new URL(r.url()).pathname === '/api/v1/me' && r.request().method() === 'GET',
    );
    await context.setOffline(false);
    expect((await asked).status()).toBe(200);
    await expect(offlineStatus).toHaveCount(0);
  });

  expect(apiAnswers.length).toBeGreaterThan(0);
  expect(apiAnswers.filter((answer) => answer.fromServiceWorker)).toEqual([]);
});

test('signing out forgets the session on the device: offline, the sign-in page opens', async ({
  page,
  context,
}) => {
  await signInAsAdmin(page);
  await page.goto('/incidents/new');
  await keepTheApp(page);
  await expect.poll(() => rememberedSession(page)).not.toBeNull();

  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  await expect.poll(() => rememberedSession(page)).toBeNull();

  await context.setOffline(true);
  await page.goto('/incidents/new');
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Sign out' })).toHaveCount(0);
  await expect(page.getByText(demoAdmin.organisation)).toHaveCount(0);
});

test('back online, nothing is sent before the server has confirmed the session and its token', async ({
  page,
  context,
}) => {
  await signInAsAdmin(page);
  await page.goto('/incidents/new');
  await keepTheApp(page);
  await context.setOffline(true);
  await page.reload();
  await expect(page.getByRole('status').filter({ hasText: 'You are offline' })).toBeVisible();

  // The session on the page is the remembered one, with no CSRF token. The server's answer to
  // GET /me comes slowly, and signing out (a POST) must wait for its token.
  await context.route('**/api/v1/me', async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    await route.continue();
  });
  await context.setOffline(false);
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  await expect(page.getByRole('alert')).toHaveCount(0);
});

test('a session the server no longer knows is forgotten on the device too', async ({
  page,
  context,
}) => {
  await signInAsAdmin(page);
  await page.goto('/incidents/new');
  await expect.poll(() => rememberedSession(page)).not.toBeNull();

  // As when the session expires or an admin ends it: GET /me answers 401.
  await context.clearCookies();
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  await expect.poll(() => rememberedSession(page)).toBeNull();
});
