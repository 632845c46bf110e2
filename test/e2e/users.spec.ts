import { expect, test } from '@playwright/test';
import { signInAsAdmin } from './helpers';

test('an admin adds a user, sees them in the list, and deactivates them', async ({ page }) => {
  const email = `e2e.${Date.now()}@oakfield.example`;
  const name = 'Priya Shah';

  await signInAsAdmin(page);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Users' }).click();
  await expect(page.getByRole('heading', { name: 'Users', level: 1 })).toBeVisible();

  await page.getByRole('link', { name: 'Add user' }).click();
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Full name').fill(name);
  await page.getByRole('radio', { name: 'Reporter' }).check();
  await page.getByRole('radio', { name: 'Only the schools I choose' }).check();
  const firstSchool = page.getByRole('group', { name: 'Choose schools' }).getByRole('checkbox');
  await firstSchool.first().check();
  await page.getByLabel('Initial password', { exact: true }).fill('marble kettle orchard 42');
  await page.getByRole('button', { name: 'Add user' }).click();

  await expect(page).toHaveURL(/\/users$/);
  await expect(
    page.getByRole('status').filter({ hasText: `${name} has been added` }),
  ).toBeVisible();
  const row = page.getByRole('row').filter({ hasText: email });
  await expect(row).toContainText('Reporter');
  await expect(row).toContainText('Active');
  await expect(row).toContainText('Never');

  await row.getByRole('link', { name }).click();
  await expect(page.getByRole('heading', { name, level: 1 })).toBeVisible();
  await page.getByRole('button', { name: 'Deactivate user' }).click();

  const dialog = page.getByRole('dialog', { name: `Deactivate ${name}?` });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Deactivate' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('status').filter({ hasText: 'has been deactivated' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Reactivate user' })).toBeVisible();

  await page.getByRole('link', { name: 'All users' }).click();
  await expect(page.getByRole('row').filter({ hasText: email })).toContainText('Deactivated');
});
