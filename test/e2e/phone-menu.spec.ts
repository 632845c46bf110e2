import { expect, test } from '@playwright/test';
import { openBlankIncidentForm, signInAsAdmin } from './helpers';

// On a phone the menu folds behind one button, and no page is wider than the screen.
test.use({ viewport: { width: 390, height: 844 }, hasTouch: true });

test('on a phone the menu opens and closes by keyboard and by touch, and nothing scrolls sideways', async ({
  page,
}) => {
  await signInAsAdmin(page);
  await expect(page.getByRole('heading', { name: 'Needs attention', level: 1 })).toBeVisible();
  const menu = page.getByRole('button', { name: /^Menu/ });
  const nav = page.getByRole('navigation', { name: 'Main' });
  const incidentsLink = nav.getByRole('link', { name: 'Incidents' });

  // "Log an incident" stays one tap away; the menu is folded.
  await expect(
    page.getByRole('banner').getByRole('link', { name: 'Log an incident' }),
  ).toBeVisible();
  await expect(menu).toHaveAttribute('aria-expanded', 'false');
  await expect(incidentsLink).toBeHidden();

  await test.step('by keyboard: Enter opens, Escape closes and returns to the button', async () => {
    await menu.focus();
    await page.keyboard.press('Enter');
    await expect(menu).toHaveAttribute('aria-expanded', 'true');
    await expect(incidentsLink).toBeVisible();
    await page.keyboard.press('Tab');
    await page.keyboard.press('Escape');
    await expect(menu).toHaveAttribute('aria-expanded', 'false');
    await expect(menu).toBeFocused();
    await expect(incidentsLink).toBeHidden();
  });

  await test.step('by touch: a tap opens it, and choosing a page folds it again', async () => {
    await menu.tap();
    await expect(incidentsLink).toBeVisible();
    await incidentsLink.tap();
    await expect(page.getByRole('heading', { name: 'Incidents', level: 1 })).toBeVisible();
    await expect(menu).toHaveAttribute('aria-expanded', 'false');
  });

  for (const path of [
    '/attention',
    '/incidents',
    '/incidents/new',
    '/schools',
    '/users',
    '/dashboard',
  ]) {
    await page.goto(path);
    await expect(page.getByRole('heading', { level: 1 }).first()).toBeVisible();
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow, `${path} scrolls sideways by ${overflow}px`).toBeLessThanOrEqual(0);
  }

  await test.step('the affected-person field is on the first screen of "Log an incident"', async () => {
    await openBlankIncidentForm(page);
    const field = await page.getByRole('combobox', { name: 'Affected person' }).boundingBox();
    expect(field).not.toBeNull();
    expect(field!.y + field!.height).toBeLessThanOrEqual(844);
  });
});
