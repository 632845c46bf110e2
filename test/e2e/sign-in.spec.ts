import { expect, test } from '@playwright/test';
import { demoAdmin } from './helpers';

test('a wrong password is refused with a clear error', async ({ page }) => {
  await page.goto('/');
  await expect(page).toHaveURL(/\/sign-in$/);

  await page.getByLabel('Email address').fill(demoAdmin.email);
  await page.getByLabel('Password', { exact: true }).fill('not-the-password');
  await page.getByRole('button', { name: 'Sign in' }).click();

  await expect(page.getByRole('alert')).toContainText('Email or password is incorrect.');
  await expect(page).toHaveURL(/\/sign-in$/);
  await expect(page.getByLabel('Password', { exact: true })).toHaveValue('');
});

test('an admin signs in, sees the trust’s schools and signs out', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();

  await page.getByLabel('Email address').fill(demoAdmin.email);
  await page.getByLabel('Password', { exact: true }).fill(demoAdmin.password);
  await page.getByRole('button', { name: 'Sign in' }).click();

  const header = page.getByRole('banner');
  await expect(header).toContainText(demoAdmin.organisation);
  await expect(header).toContainText('Administrator');
  // An admin starts on what needs them; the schools are one link away.
  await expect(page.getByRole('heading', { name: 'Needs attention', level: 1 })).toBeVisible();
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Schools' })
    .click();
  await expect(page.getByRole('heading', { name: 'Schools', level: 1 })).toBeVisible();

  const schools = page.getByRole('table', { name: 'Schools' }).getByRole('row');
  // One header row and the trust's two schools.
  await expect(schools).toHaveCount(3);
  for (const row of await schools.all().then((rows) => rows.slice(1))) {
    await expect(row.getByRole('cell').first()).toHaveText(/^\d{6}$/);
  }

  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/sign-in$/);
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();

  // The session really ended: the app sends us back to sign in.
  await page.goto('/users');
  await expect(page).toHaveURL(/\/sign-in\?next=%2Fusers$/);
});
