import { expect, test } from '@playwright/test';
import type { APIRequestContext, Page } from '@playwright/test';
import { SSO_ERRORS } from '../../src/shared/sso-api';
import { startTestDns, type TestDns } from '../dns';
import { startTestIdp, type TestIdp } from '../oidc';
import { demoAdmin, expectAccessible, signInAsAdmin } from './helpers';
import { E2E_DNS_PORT, E2E_IDP_PORT, E2E_PORT } from './ports';

const DOMAIN = 'oakfield.example';
const TENANT = '9b1d2e43-6c5f-4a7e-8d3b-2f1a0c9e8d72';

// What the server was told to use (playwright.config.ts): this DNS server, where the domain is
// proved, and this identity provider in place of Microsoft's.
let dns: TestDns;
let idp: TestIdp;

test.beforeAll(async () => {
  dns = await startTestDns(E2E_DNS_PORT);
  idp = await startTestIdp(`http://127.0.0.1:${E2E_PORT}/api/v1/auth/sso/callback`, E2E_IDP_PORT);
  idp.accounts.set('oakfield-admin', {
    email: demoAdmin.email,
    tid: TENANT,
    name: 'Oakfield Admin',
  });
});

/** Removes the demo organisation's Microsoft sign-in and domain, as a failed run may leave them. */
async function removeLeftovers(request: APIRequestContext): Promise<void> {
  const login = await request.post('/api/v1/auth/login', {
    data: { email: demoAdmin.email, password: demoAdmin.password },
  });
  expect(login.ok()).toBe(true);
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const headers = { 'X-CSRF-Token': csrfToken };
  const settings = await request.get('/api/v1/organisation/sso');
  const { connections } = (await settings.json()) as { connections: { provider: string }[] };
  if (connections.some((connection) => connection.provider === 'microsoft')) {
    await request.delete('/api/v1/organisation/sso/microsoft', { headers });
  }
  const list = await request.get('/api/v1/organisation/sso/domains');
  const { domains } = (await list.json()) as { domains: { domain: string }[] };
  for (const { domain } of domains) {
    await request.delete(`/api/v1/organisation/sso/domains/${domain}`, { headers });
  }
}

test.afterAll(async ({ playwright }, testInfo) => {
  const request = await playwright.request.newContext({ baseURL: testInfo.project.use.baseURL });
  await removeLeftovers(request);
  await request.dispose();
  await idp.close();
  await dns.close();
});

/**
 * Signs in at the identity provider as the subject, when it asks (its development pages): the
 * first time it asks who and for consent; after that it remembers both and sends the browser
 * straight back.
 */
async function signInAtIdp(page: Page, subject: string): Promise<void> {
  const login = page.locator('input[name="login"]');
  const back = new RegExp(`^http://127\\.0\\.0\\.1:${E2E_PORT}/`);
  await expect(login.or(page.getByRole('button', { name: 'Sign out' }))).toBeVisible();
  if (!(await login.isVisible())) return;
  await login.fill(subject);
  await page.locator('input[name="password"]').fill('any password');
  await page.getByRole('button', { name: 'Sign-in' }).click();
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page).toHaveURL(back);
}

async function openSingleSignOn(page: Page) {
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Organisation' })
    .click();
  return page.getByRole('region', { name: 'Single sign-on' });
}

test('an admin sets up Microsoft sign-in, proves the domain, and its people sign in with Microsoft', async ({
  page,
}) => {
  await signInAsAdmin(page);
  const sso = await openSingleSignOn(page);
  await expect(sso.getByLabel('Redirect URI')).toHaveValue(
    /^http:\/\/.+\/api\/v1\/auth\/sso\/callback$/,
  );

  const microsoft = sso.getByRole('region', { name: 'Microsoft sign-in' });
  await expect(microsoft).toContainText('Not set up');
  await microsoft.getByRole('button', { name: 'Set up Microsoft sign-in' }).click();
  // No issuer to give: Microsoft's own is used.
  await expect(microsoft.getByLabel(/issuer/i)).toHaveCount(0);
  await microsoft.getByLabel('Client ID').fill(idp.clientId);
  await microsoft.getByLabel('Client secret', { exact: true }).fill(idp.clientSecret);
  await microsoft.getByLabel('Tenant ID').fill('contoso.onmicrosoft.com');
  await microsoft.getByLabel('Allowed email domains').fill(DOMAIN);
  await microsoft.getByRole('button', { name: 'Save Microsoft sign-in' }).click();
  await expect(microsoft.getByRole('alert')).toContainText('Directory (tenant) ID');
  await microsoft.getByLabel('Tenant ID').fill(TENANT);
  await microsoft.getByRole('button', { name: 'Save Microsoft sign-in' }).click();

  await expect(
    microsoft.getByRole('status').filter({ hasText: 'Microsoft sign-in has been saved.' }),
  ).toBeVisible();
  await expect(microsoft).toContainText('A secret is stored — enter a new one to replace it.');
  await expect(microsoft.getByLabel('Client secret', { exact: true })).toHaveValue('');
  await expect(microsoft.getByLabel('Allowed email domains')).toHaveValue(DOMAIN);

  // The allowed domain is listed to prove, with the TXT record to add.
  const domains = sso.getByRole('region', { name: 'Email domains' });
  const domain = domains.getByRole('listitem', { name: DOMAIN });
  await expect(domain).toContainText('Not verified');
  const record = domain.getByLabel(`TXT record for ${DOMAIN}`);
  await expect(record).toHaveValue(/^plaster-verification=[A-Za-z0-9_-]{24}$/);
  const txtRecord = await record.inputValue();
  await expectAccessible(page, 'a domain waiting to be proved');

  // Not proved yet: the sign-in page offers nothing for the domain and keeps the password.
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  await page.getByLabel('Email address').fill(demoAdmin.email);
  await page.getByLabel('Email address').blur();
  const microsoftButton = page.getByRole('link', { name: 'Sign in with Microsoft' });
  await expect(page.getByLabel('Password', { exact: true })).toBeVisible();
  await expect(microsoftButton).toBeHidden();

  // Checked before the record is there: not found, still not verified.
  await signInAsAdmin(page);
  await openSingleSignOn(page);
  await domain.getByRole('button', { name: `Check now for ${DOMAIN}` }).click();
  await expect(domain.getByRole('status').filter({ hasText: 'was not found' })).toBeVisible();
  await expect(domain).toContainText('Not verified');

  // With the record in the domain's DNS, the check verifies it.
  dns.txt.set(DOMAIN, ['v=spf1 -all', txtRecord]);
  await domain.getByRole('button', { name: `Check now for ${DOMAIN}` }).click();
  await expect(
    domain.getByRole('status').filter({ hasText: `${DOMAIN} is verified` }),
  ).toBeVisible();
  await expect(domain.getByText('Verified', { exact: true })).toBeVisible();
  await expect(domain.getByRole('button', { name: /^Check now/ })).toHaveCount(0);
  await expect(domain.getByRole('heading', { name: DOMAIN })).toBeFocused();
  await expectAccessible(page, 'a verified domain');

  // Signed out, a page of the app leads to sign-in, which offers Microsoft for the address.
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.goto('/incidents');
  await expect(page).toHaveURL(/\/sign-in\?next=%2Fincidents$/);
  await page.getByLabel('Email address').fill(demoAdmin.email);
  await expect(microsoftButton).toBeVisible();
  await expect(microsoftButton).toHaveAttribute(
    'href',
    /^\/api\/v1\/auth\/sso\/[0-9a-f-]{36}\/start\?next=%2Fincidents$/,
  );
  // Not required, so the password form stays.
  await expect(page.getByLabel('Password', { exact: true })).toBeVisible();

  // Another domain is offered nothing.
  await page.getByLabel('Email address').fill('someone@elsewhere.example');
  await page.getByLabel('Email address').blur();
  await expect(microsoftButton).toBeHidden();

  // Through Microsoft (the test identity provider) and back, signed in, on the page asked for.
  await page.getByLabel('Email address').fill(demoAdmin.email);
  await microsoftButton.click();
  await expect(page).toHaveURL(new RegExp(`^http://127\\.0\\.0\\.1:${E2E_IDP_PORT}/`));
  await signInAtIdp(page, 'oakfield-admin');
  await expect(page).toHaveURL(new RegExp(`^http://127\\.0\\.0\\.1:${E2E_PORT}/incidents$`));
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
  await expect(page.getByRole('banner')).toContainText(demoAdmin.organisation);

  // A return path to another site is not followed: the sign-in ends at home.
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.goto(`/sign-in?next=${encodeURIComponent('/\t/127.0.0.1:1/pwned')}`);
  await page.getByLabel('Email address').fill(demoAdmin.email);
  await expect(microsoftButton).toHaveAttribute(
    'href',
    /^\/api\/v1\/auth\/sso\/[0-9a-f-]{36}\/start$/,
  );
  await page.goto(
    `${(await microsoftButton.getAttribute('href')) ?? ''}?next=${encodeURIComponent('//127.0.0.1:1/pwned')}`,
  );
  await signInAtIdp(page, 'oakfield-admin');
  // The home page, which sends an admin on to Needs attention: never another site.
  await expect(page).toHaveURL(new RegExp(`^http://127\\.0\\.0\\.1:${E2E_PORT}/(attention)?$`));
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();

  // Remove it again, so no other journey meets it.
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

  await domain.getByRole('button', { name: `Remove ${DOMAIN}` }).click();
  const removeDomain = page.getByRole('dialog', { name: `Remove ${DOMAIN}?` });
  await expect(removeDomain).toContainText('no longer be offered');
  await removeDomain.getByRole('button', { name: 'Remove' }).click();
  await expect(removeDomain).toBeHidden();
  await expect(
    domains.getByRole('status').filter({ hasText: `${DOMAIN} has been removed.` }),
  ).toBeVisible();
  await expect(domains.getByRole('heading', { name: 'Email domains' })).toBeFocused();
  await expect(domains).toContainText('No domains yet.');

  // The changes are in the audit log, in words.
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
      .filter({ hasText: `Allowed email domains: ${DOMAIN}` })
      .first(),
  ).toBeVisible();
  await expect(
    rows.filter({ hasText: 'Verified a sign-in domain' }).filter({ hasText: DOMAIN }).first(),
  ).toBeVisible();
  await expect(rows.filter({ hasText: 'Signed in with Microsoft' }).first()).toBeVisible();
});

test('the sign-in page says why single sign-on sent someone back', async ({ page }) => {
  await page.goto('/sign-in?sso_error=unverified_domain');
  await expect(page.getByRole('alert')).toHaveText(SSO_ERRORS.unverified_domain);
  await page.goto('/sign-in?sso_error=wrong_tenant');
  await expect(page.getByRole('alert')).toHaveText(SSO_ERRORS.wrong_tenant);
  await page.goto('/sign-in?sso_error=something_new');
  await expect(page.getByRole('alert')).toContainText('Single sign-on did not work.');
});
