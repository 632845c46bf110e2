import { expect, test } from '@playwright/test';
import { demoAdmin, expectAccessible, openBlankIncidentForm, signInAsAdmin } from './helpers';

// The first aider's phone in the playground: a small screen, the keyboard (or a switch) alone,
// a connection that comes and goes. Every screen on the way passes axe's WCAG 2.2 AA rules.

test.use({ viewport: { width: 390, height: 844 } });

test('on a phone, with the keyboard alone, an incident logged offline is kept, then sent', async ({
  page,
  context,
}) => {
  await signInAsAdmin(page);
  await openBlankIncidentForm(page);
  await expectAccessible(page, 'the empty form');
  const marker = Date.now().toString(36);

  await context.setOffline(true);
  const person = page.getByRole('combobox', { name: 'Affected person' });
  await person.focus();
  await page.keyboard.type(`Kim Keyboard ${marker}`);
  await expect(
    page.getByText('You are offline: the school’s records cannot be searched.'),
  ).toBeVisible();
  // Checked with the list closed: while it is open the combobox library hides the rest of the
  // page from screen readers (aria-hidden, still focusable) by design, which axe reports.
  await page.keyboard.press('Escape');
  await expectAccessible(page, 'the person field offline');
  // ↓ opens the list on its first choice, naming someone to match; a visitor by hand is next.
  await page.keyboard.press('ArrowDown');
  await expect(page.getByRole('option', { name: /^Offline: enter their name now/ })).toBeVisible();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  const manual = page.getByRole('group', { name: 'Affected person' });
  await expect(manual.getByRole('radio', { name: 'Visitor' })).toBeFocused();

  await page.getByRole('combobox', { name: 'Where did it happen?' }).focus();
  await page.keyboard.press('End');
  await expect(page.getByRole('combobox', { name: 'Where did it happen?' })).toHaveValue('other');
  await page.keyboard.press('Tab');
  await page.keyboard.type('Field by the pond');
  await page.getByRole('radio', { name: 'Near miss' }).focus();
  await page.keyboard.press('Space');
  await page.getByRole('textbox', { name: 'What happened?' }).focus();
  await page.keyboard.type(`Nearly slipped on the bank (${marker}).`);
  await page.getByRole('group', { name: 'Was first aid given?' }).getByLabel('No').focus();
  await page.keyboard.press('Space');
  await page.getByRole('radio', { name: 'Returned to class or work' }).focus();
  await page.keyboard.press('Space');
  await page.getByRole('button', { name: 'Log incident' }).focus();
  await page.keyboard.press('Enter');

  await expect(
    page.getByText(/The incident for Kim Keyboard .* is saved on this device/),
  ).toBeVisible();
  await expectAccessible(page, 'the incident waiting on the device');

  await page.getByRole('link', { name: 'See what is waiting' }).first().focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Waiting to send', level: 1 })).toBeVisible();
  await expect(
    page.getByRole('listitem').filter({ hasText: `Kim Keyboard ${marker}` }),
  ).toBeVisible();
  await expectAccessible(page, 'the waiting page');

  await context.setOffline(false);
  await expect(page.getByText('Nothing is waiting')).toBeVisible({ timeout: 30_000 });
});

test('on a phone, the ended-session dialog and a restored draft are usable and accessible', async ({
  page,
}) => {
  await signInAsAdmin(page);
  await openBlankIncidentForm(page);
  await page.getByRole('textbox', { name: 'What happened?' }).fill('Bumped heads in the line.');
  const me = (await (await page.request.get('/api/v1/me')).json()) as { csrfToken: string };
  await page.request.post('/api/v1/auth/logout', { headers: { 'X-CSRF-Token': me.csrfToken } });

  // Any request now finds the session gone: here, looking for the affected person.
  await page.getByRole('combobox', { name: 'Affected person' }).fill('Sam');
  const dialog = page.getByRole('dialog', { name: 'Sign in again to carry on' });
  await expect(dialog).toBeVisible();
  await expectAccessible(page, 'the ended-session dialog');
  await expect(dialog.getByLabel('Password', { exact: true })).toBeFocused();
  await page.keyboard.type(demoAdmin.password);
  await page.keyboard.press('Enter');
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('textbox', { name: 'What happened?' })).toHaveValue(
    'Bumped heads in the line.',
  );

  page.once('dialog', (question) => void question.accept());
  await page.reload();
  await expect(
    page.getByRole('heading', { name: 'You have an incident you did not finish' }),
  ).toBeVisible();
  await expectAccessible(page, 'the draft offer');
  await expect(page.getByRole('button', { name: 'Carry on with it' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('textbox', { name: 'What happened?' })).toHaveValue(
    'Bumped heads in the line.',
  );
});
