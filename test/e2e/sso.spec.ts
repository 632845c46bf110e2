import { expect, test } from '@playwright/test';
import type { APIRequestContext } from '@playwright/test';
import { SSO_ERRORS } from '../../src/shared/sso-api';
import { demoAdmin, signInAsAdmin } from './helpers';

/** Removes the demo organisation's Microsoft sign-in if a failed run left it behind. */
async function removeLeftoverConnection(request: APIRequestContext): Promise<void> {
  const login = await request.post('/api/v1/auth/login', {
    data: { email: demoAdmin.email, password: demoAdmin.password },
  });
  expect(login.ok()).toBe(true);
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const settings = await request.get('/api/v1/organisation/sso');
  const { connections } = (await settings.json()) as { connections: { provider: string }[] };
  if (connections.some((connection) => connection.provider === 'microsoft')) {
    await request.delete('/api/v1/organisation/sso/microsoft', {
      headers: { 'X-CSRF-Token': csrfToken },
    });
  }
}

test.afterAll(async ({ playwright }, testInfo) => {
  const request = await playwright.request.newContext({ baseURL: testInfo.project.use.baseURL });
  await removeLeftoverConnection(request);
  await request.dispose();
});

test('an admin sets up Microsoft sign-in, its button is offered for the domain, and it is removed again', async ({
  page,
}) => {
  await signInAsAdmin(page);
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Organisation' })
    .click();
  const sso = page.getByRole('region', { name: 'Single sign-on' });
  await expect(sso.getByLabel('Redirect URI')).toHaveValue(
    /^http:\/\/.+\/api\/v1\/auth\/sso\/callback$/,
  );

  const microsoft = sso.getByRole('region', { name: 'Microsoft sign-in' });
  await expect(microsoft).toContainText('Not set up');
  await microsoft.getByRole('button', { name: 'Set up Microsoft sign-in' }).click();
  await microsoft.getByLabel('Client ID').fill('3f0c6a52-7d1e-4b8f-9a0d-5c2e1b7f4a61');
  await microsoft.getByLabel('Client secret', { exact: true }).fill('made-up-secret-value');
  await microsoft.getByLabel('Tenant ID').fill('9b1d2e43-6c5f-4a7e-8d3b-2f1a0c9e8d72');
  await microsoft.getByLabel('Allowed email domains').fill('oakfield.example');
  await microsoft.getByRole('button', { name: 'Save Microsoft sign-in' }).click();

  await expect(
    microsoft.getByRole('status').filter({ hasText: 'Microsoft sign-in has been saved.' }),
  ).toBeVisible();
  await expect(microsoft).toContainText('A secret is stored — enter a new one to replace it.');
  await expect(microsoft.getByLabel('Client secret', { exact: true })).toHaveValue('');
  await expect(microsoft.getByLabel('Allowed email domains')).toHaveValue('oakfield.example');
  await expect(sso.getByLabel('Redirect URI')).toHaveValue(/\/api\/v1\/auth\/sso\/callback$/);

  // Signed out, the sign-in page offers Microsoft to an address of the domain.
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  await page.getByLabel('Email address').fill(demoAdmin.email);
  const microsoftButton = page.getByRole('link', { name: 'Sign in with Microsoft' });
  await expect(microsoftButton).toBeVisible();
  await expect(microsoftButton).toHaveAttribute(
    'href',
    /^\/api\/v1\/auth\/sso\/[0-9a-f-]{36}\/start$/,
  );
  // Not required, so the password form stays.
  await expect(page.getByLabel('Password', { exact: true })).toBeVisible();

  // Another domain is offered nothing.
  await page.getByLabel('Email address').fill('someone@elsewhere.example');
  await page.getByLabel('Email address').blur();
  await expect(microsoftButton).toBeHidden();

  // Sent back by the sign-in callback with a reason.
  await page.goto('/sign-in?sso_error=wrong_tenant');
  await expect(page.getByRole('alert')).toHaveText(SSO_ERRORS.wrong_tenant);
  await page.goto('/sign-in?sso_error=something_new');
  await expect(page.getByRole('alert')).toContainText('Single sign-on did not work.');

  // Remove it again, so no other journey meets it.
  await signInAsAdmin(page);
  await page.goto('/organisation');
  await sso
    .getByRole('region', { name: 'Microsoft sign-in' })
    .getByRole('button', { name: 'Remove Microsoft sign-in' })
    .click();
  const dialog = page.getByRole('dialog', { name: 'Remove Microsoft sign-in?' });
  await dialog.getByRole('button', { name: 'Remove' }).click();
  await expect(dialog).toBeHidden();
  await expect(
    microsoft.getByRole('status').filter({ hasText: 'Microsoft sign-in has been removed.' }),
  ).toBeVisible();
  await expect(microsoft.getByRole('button', { name: 'Set up Microsoft sign-in' })).toBeFocused();
  await expect(microsoft).toContainText('Not set up');

  // Both changes are in the audit log, in words.
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Audit log' })
    .click();
  const rows = page.getByRole('row');
  await expect(
    rows
      .filter({ hasText: 'Removed single sign-on' })
      .filter({ hasText: 'Microsoft sign-in' })
      .first(),
  ).toBeVisible();
  await expect(
    rows
      .filter({ hasText: 'Changed single sign-on' })
      .filter({ hasText: 'Allowed email domains: oakfield.example' })
      .first(),
  ).toBeVisible();
});
