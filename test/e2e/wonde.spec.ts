import { expect, test } from '@playwright/test';
import { signInAsAdmin } from './helpers';

// The demo runs the built-in Wonde simulator: it knows the demo schools' URNs and approves an
// access request by itself a couple of seconds later, sending the webhook.
test('an admin connects a school to Wonde, the school approves, and its first full sync runs', async ({
  page,
}) => {
  test.setTimeout(180_000);
  await signInAsAdmin(page);
  await page.goto('/schools');

  // The trust's larger school: its first sync reads enough pages to be seen running.
  const schoolName = 'Oakfield Academy';
  const schoolLink = page.getByRole('link', { name: schoolName, exact: true });
  const schoolRow = page.getByRole('row').filter({ has: schoolLink });
  const urn = (await schoolRow.getByRole('cell').first().innerText()).trim();
  expect(urn).toMatch(/^\d{6}$/);
  await schoolLink.click();
  await expect(page.getByRole('heading', { name: schoolName, level: 1 })).toBeVisible();

  const wonde = page.getByRole('region', { name: 'Wonde (MIS) connection' });
  const status = wonde.getByText('Status:');
  await expect(status).toContainText('Not connected');
  await expect(wonde).toContainText('nothing is written back');

  // Find the school by its URN, already filled in, and confirm it is the right one.
  await expect(wonde.getByRole('radio', { name: 'URN' })).toBeChecked();
  await expect(wonde.getByRole('textbox', { name: 'URN' })).toHaveValue(urn);
  await wonde.getByRole('button', { name: 'Find school' }).click();
  const found = wonde.getByRole('region', { name: 'One school found' });
  await expect(found).toBeVisible();
  await expect(found.getByRole('listitem')).toHaveCount(1);
  await expect(found).toContainText(urn);
  await found.getByRole('button', { name: /^Request access/ }).click();

  // Pending, until the school approves in Wonde; the page follows by itself.
  await expect(status).toContainText('Waiting for the school');
  await expect(wonde).toContainText('Access requested on');
  await expect(wonde.getByRole('button', { name: 'Disconnect' })).toBeVisible();
  await expect(status).toContainText(/\bConnected\b/, { timeout: 30_000 });
  await expect(wonde).toContainText('Last successful sync');

  // Approval starts the first full sync: its progress shows, then its result.
  await expect(wonde.getByRole('progressbar', { name: 'Sync in progress' })).toBeVisible({
    timeout: 30_000,
  });
  await expect(wonde.getByRole('button', { name: 'Full sync' })).toBeDisabled();
  await expect(wonde.getByText(/^Full sync finished: [1-9][\d,]* created/)).toBeVisible({
    timeout: 120_000,
  });
  await expect(wonde.getByRole('progressbar')).toBeHidden();
  await expect(wonde.getByRole('button', { name: 'Sync changes now' })).toBeEnabled();

  const history = wonde.getByRole('table', { name: /^Recent syncs/ });
  const runs = history.getByRole('row').filter({ hasText: 'Succeeded' });
  await expect(runs).toHaveCount(1);
  const run = runs.first();
  await expect(run).toContainText('Full');
  await expect(run).toContainText('School approved');
  // Cells after the row header: sync, status, duration, then created.
  await expect(run.getByRole('cell').nth(3)).toHaveText(/^[1-9][\d,]*$/);

  await expect(wonde.getByRole('definition').filter({ hasText: /^Not yet$/ })).toHaveCount(0);
});
