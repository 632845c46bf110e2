import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import type { Incident } from '../../src/shared/incidents-api';
import type { PersonSearchResult } from '../../src/shared/people-api';
import { apiPost, connectSchoolToWonde, openBlankIncidentForm, signInAsAdmin } from './helpers';

// On a phone the menu folds behind one button, the person comes first on the form, and what an
// incident still needs is on its first screen. (every-page.spec.ts: nothing scrolls sideways.)
const PHONE = { width: 390, height: 844 };
test.use({ viewport: PHONE, hasTouch: true });

async function firstPupil(page: Page, schoolId: string): Promise<PersonSearchResult> {
  const response = await page.request.get('/api/v1/people/search', {
    params: { q: 'a', schoolId, type: 'pupil', limit: '1' },
  });
  const [pupil] = ((await response.json()) as { results: PersonSearchResult[] }).results;
  expect(pupil).toBeDefined();
  return pupil!;
}

test('on a phone the menu opens and closes by keyboard and by touch', async ({ page }) => {
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

  await test.step('the affected-person field is on the first screen of "Log an incident"', async () => {
    await openBlankIncidentForm(page);
    const field = await page.getByRole('combobox', { name: 'Affected person' }).boundingBox();
    expect(field).not.toBeNull();
    expect(field!.y + field!.height).toBeLessThanOrEqual(844);
  });
});

test('on a phone, a head injury’s "tell the family" is on the first screen until they are told', async ({
  page,
}) => {
  test.setTimeout(180_000);
  await signInAsAdmin(page);
  const schoolId = await connectSchoolToWonde(page, 'Oakfield Primary School');
  const pupil = await firstPupil(page, schoolId);
  const incident = await apiPost<Incident>(page, '/api/v1/incidents', {
    schoolId,
    occurredAt: new Date(Date.now() - 10 * 60_000).toISOString(),
    locationDetail: 'Playground',
    category: 'accident_injury',
    person: { kind: 'directory', personId: pupil.id },
    description: 'Ran into the climbing frame and bumped their forehead.',
    headInjury: true,
    injuries: [{ type: 'bump', bodyPart: 'forehead', side: 'centre' }],
    outcome: 'returned_to_class_or_work',
  });

  await page.goto(`/incidents/${incident.id}`);
  const toDo = page.getByRole('region', { name: 'Still to do' });
  const tell = toDo.getByRole('link', { name: 'Tell the family about the head injury' });
  await expect(tell).toBeVisible();
  const box = await tell.boundingBox();
  expect(box!.y + box!.height).toBeLessThanOrEqual(PHONE.height);
  await expect(toDo.getByRole('link', { name: 'Review and sign off' })).toBeVisible();

  await tell.tap();
  const heading = page.getByRole('heading', { name: /^Tell the family/, level: 2 });
  await expect(heading).toBeFocused();
  await expect(heading).toBeInViewport();

  // Emailing the pupil's first contact with an email address, as "Tell the family" does.
  const { contacts } = (await (
    await page.request.get(`/api/v1/incidents/${incident.id}/contacts`)
  ).json()) as { contacts: Array<{ id: string; name: string; email: string | null }> };
  const contact = contacts.find((c) => c.email);
  expect(contact).toBeDefined();
  await apiPost(page, `/api/v1/incidents/${incident.id}/notifications`, {
    recipients: [{ contactId: contact!.id }],
    subject: 'A bump to the head at school today',
    text: 'A bump to the forehead in the playground; watch for headaches or sickness.',
    idempotencyKey: crypto.randomUUID(),
  });
  await page.reload();
  await expect(
    page.getByText(new RegExp(`${contact!.name} (was|is being) emailed by Alex Morgan`)),
  ).toBeVisible();
  await expect(tell).toHaveCount(0);
});

test('someone with several schools finds the person first, and the school follows', async ({
  page,
}) => {
  test.setTimeout(240_000);
  await signInAsAdmin(page);
  await openBlankIncidentForm(page);
  const school = page.getByRole('combobox', { name: 'School' });
  // A pupil of a school the form did not start on (connected to the MIS for its pupils).
  const otherName = await school.locator('option:not(:checked)').first().innerText();
  const other = await connectSchoolToWonde(page, otherName);
  await openBlankIncidentForm(page);
  const pupil = await firstPupil(page, other);

  const person = page.getByRole('combobox', { name: 'Affected person' });
  const personBox = await person.boundingBox();
  const schoolBox = await school.boundingBox();
  expect(personBox!.y).toBeLessThan(schoolBox!.y);

  await person.fill(`${pupil.firstName} ${pupil.lastName}`);
  const option = page
    .getByRole('listbox')
    .getByRole('option', { name: new RegExp(`${pupil.firstName}\\s+${pupil.lastName}`) })
    .first();
  await expect(option).toBeVisible();
  await expect(option).not.toHaveAttribute('aria-disabled', 'true');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect(school).toHaveValue(other);
  await expect(page.getByText(`${pupil.firstName} ${pupil.lastName}`).first()).toBeVisible();
});
