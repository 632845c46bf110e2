import { expect } from '@playwright/test';
import type { Page } from '@playwright/test';

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

export async function signInAsAdmin(page: Page): Promise<void> {
  await signIn(page, demoAdmin.email, demoAdmin.password);
}
