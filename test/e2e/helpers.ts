import AxeBuilder from '@axe-core/playwright';
import { expect } from '@playwright/test';
import type { Dialog, Page } from '@playwright/test';

export const demoAdmin = {
  email: 'admin@oakfield.example',
  password: 'oakfield-demo-2026',
  organisation: 'Oakfield Learning Trust',
};

/** Signs in through the real sign-in page and waits for the app shell. */
export async function signIn(page: Page, email: string, password: string): Promise<void> {
  await page.goto('/sign-in');
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
}

/** POSTs to the API as the signed-in user (with their CSRF token) and expects success. */
export async function apiPost<T>(page: Page, url: string, data: unknown): Promise<T> {
  const me = (await (await page.request.get('/api/v1/me')).json()) as { csrfToken: string };
  const response = await page.request.post(url, {
    headers: { 'X-CSRF-Token': me.csrfToken },
    data,
  });
  expect(response.ok(), await response.text()).toBe(true);
  return (await response.json()) as T;
}

export async function signInAsAdmin(page: Page): Promise<void> {
  await signIn(page, demoAdmin.email, demoAdmin.password);
}

/**
 * Connects a demo school to the built-in Wonde simulator through its page, as an admin: find it
 * by its URN, request access, let the simulator approve, and wait for the first full sync to
 * succeed (a school connected before only needs a successful sync). Returns the school's id.
 */
export async function connectSchoolToWonde(page: Page, schoolName: string): Promise<string> {
  await page.goto('/schools');
  await page.getByRole('link', { name: schoolName, exact: true }).click();
  await expect(page.getByRole('heading', { name: schoolName, level: 1 })).toBeVisible();
  const schoolId = new URL(page.url()).pathname.split('/').pop() ?? '';
  expect(schoolId).toMatch(/^[0-9a-f-]{36}$/);

  const wonde = page.getByRole('region', { name: 'Wonde (MIS) connection' });
  const status = wonde.getByText('Status:');
  // Connected already when an earlier test of the same run connected it.
  await expect(status).toContainText(/\b(Not connected|Connected)\b/);
  if ((await status.innerText()).includes('Not connected')) {
    await wonde.getByRole('button', { name: 'Find school' }).click();
    const found = wonde.getByRole('region', { name: 'One school found' });
    await found.getByRole('button', { name: /^Request access/ }).click();
    await expect(status).toContainText(/\bConnected\b/, { timeout: 30_000 });
  }

  const history = wonde.getByRole('table', { name: /^Recent syncs/ });
  await expect(history.getByRole('row').filter({ hasText: 'Succeeded' }).first()).toBeVisible({
    timeout: 120_000,
  });
  return schoolId;
}

/**
 * Opens "Log an incident" on a blank form: a draft left by an earlier step of the same test is
 * deleted, and the browser's "leave this page?" question on the way is answered yes.
 */
export async function openBlankIncidentForm(page: Page): Promise<void> {
  const acceptLeaving = (dialog: Dialog) => void dialog.accept();
  page.on('dialog', acceptLeaving);
  try {
    await page.goto('/incidents/new');
  } finally {
    page.off('dialog', acceptLeaving);
  }
  const submit = page.getByRole('button', { name: 'Log incident' });
  const discard = page.getByRole('button', { name: 'Delete it and start again' });
  await expect(submit.or(discard)).toBeVisible();
  if (await discard.isVisible()) await discard.click();
  await expect(submit).toBeVisible();
}

/** axe (WCAG 2.2 AA) finds nothing on the page as it is now. */
export async function expectAccessible(page: Page, what: string): Promise<void> {
  const result = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
    .analyze();
  const problems = result.violations.map(
    (v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`,
  );
  expect(problems, what).toEqual([]);
}
