import { expect, test } from '@playwright/test';
import type { Locator, Page } from '@playwright/test';
import type { PersonSearchResult } from '../../src/shared/people-api';
import { connectSchoolToWonde, signInAsAdmin } from './helpers';

const schoolName = 'Oakfield Primary School';
const fieldLabel = 'Find a pupil or member of staff';

/** A real pupil of the school, read through the API the page itself uses. */
async function findPupil(page: Page, schoolId: string, surname: string) {
  const response = await page.request.get('/api/v1/people/search', {
    params: { q: surname, schoolId, type: 'pupil', limit: '50' },
  });
  expect(response.ok()).toBe(true);
  const body = (await response.json()) as { results: PersonSearchResult[] };
  const pupils = body.results.filter(
    (person) =>
      person.type === 'pupil' &&
      person.lastName === surname &&
      person.firstName.length >= 3 &&
      person.yearGroup !== null,
  );
  expect(pupils.length, `a pupil called ${surname} in ${schoolName}`).toBeGreaterThan(0);
  // The last one, so the keyboard has further to go when several share the name.
  return pupils[pupils.length - 1] as PersonSearchResult;
}

/** How the page words a National Curriculum year. */
function yearLabel(yearGroup: string): string {
  if (yearGroup === 'R') return 'Reception';
  if (yearGroup === 'N1' || yearGroup === 'N2') return 'Nursery';
  return `Year ${Number(yearGroup)}`;
}

/** The value beside a term of a description list. */
function detail(region: Locator, term: string): Locator {
  return region
    .locator('div')
    .filter({ has: region.page().getByRole('term').filter({ hasText: term }) })
    .getByRole('definition');
}

test('a pupil is found from a misspelt part of their name and chosen with the keyboard', async ({
  page,
}) => {
  test.setTimeout(180_000);
  await signInAsAdmin(page);
  const schoolId = await connectSchoolToWonde(page, schoolName);

  const pupil = await findPupil(page, schoolId, 'Smith');
  const fullName = `${pupil.firstName} ${pupil.lastName}`;
  const year = yearLabel(pupil.yearGroup ?? '');
  // The start of the forename and the surname with one letter dropped: "Oli Smth".
  const typed = `${pupil.firstName.slice(0, 3)} ${pupil.lastName.slice(0, 2)}${pupil.lastName.slice(3)}`;

  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'People' })
    .click();
  await expect(page.getByRole('heading', { name: 'People', level: 1 })).toBeVisible();
  await expect(page.getByRole('combobox', { name: 'School' })).toHaveValue('');

  const combobox = page.getByRole('combobox', { name: fieldLabel });
  const listbox = page.getByRole('listbox', { name: fieldLabel });

  await test.step('choose the pupil with arrow keys and Enter', async () => {
    await combobox.focus();
    await combobox.pressSequentially(typed);
    await expect(combobox).toHaveAttribute('aria-expanded', 'true');

    const target = listbox
      .getByRole('option', { name: fullName })
      .filter({ hasText: new RegExp(`\\b${year}\\b`) })
      .filter({ hasText: schoolName });
    await expect(target).toHaveCount(1);
    await expect(listbox.getByRole('option').last()).toHaveText(
      'Not in the list: enter a visitor, contractor or other person',
    );
    // The list for the whole text is in: nothing is being searched any more.
    await expect(page.getByText('Searching…')).toBeHidden();

    const targetId = await target.getAttribute('id');
    const optionIds = await listbox
      .getByRole('option')
      .evaluateAll((options) => options.map((option) => option.id));
    const steps = optionIds.indexOf(targetId ?? '') + 1;
    expect(steps).toBeGreaterThan(0);
    for (let step = 0; step < steps; step += 1) await combobox.press('ArrowDown');
    await expect(combobox).toHaveAttribute('aria-activedescendant', targetId ?? '');
    await combobox.press('Enter');

    await expect(listbox).toBeHidden();
    const change = page.getByRole('button', { name: 'Change' });
    await expect(change).toBeFocused();
    await expect(page.getByRole('group', { name: fieldLabel })).toContainText(fullName);

    const details = page.getByRole('region', { name: fullName });
    await expect(detail(details, 'Name')).toHaveText(fullName);
    await expect(detail(details, 'Type')).toHaveText('Pupil');
    await expect(detail(details, 'School')).toHaveText(schoolName);
    await expect(detail(details, 'Year group')).toHaveText(year);
    await expect(detail(details, 'Status')).toHaveText('Current');
    await expect(detail(details, 'Incidents')).toHaveText(
      pupil.incidentCount === 0 ? 'None' : /^\d+ incidents?$/,
    );

    // Change goes back to an empty search, with the focus in it.
    await change.press('Enter');
    await expect(combobox).toBeFocused();
    await expect(combobox).toHaveValue('');
  });

  await test.step('Escape closes the list and keeps what was typed', async () => {
    await combobox.pressSequentially(pupil.firstName.slice(0, 3));
    await expect(listbox).toBeVisible();
    await combobox.press('Escape');
    await expect(listbox).toBeHidden();
    await expect(combobox).toHaveAttribute('aria-expanded', 'false');
    await expect(combobox).toHaveValue(pupil.firstName.slice(0, 3));
    await expect(combobox).toBeFocused();
    // A second Escape clears the search.
    await combobox.press('Escape');
    await expect(combobox).toHaveValue('');
  });

  await test.step('someone not in the list is entered by hand', async () => {
    const visitor = 'Qwxz Vantablack';
    await combobox.pressSequentially(visitor);
    await expect(page.getByText(`No one matches “${visitor}”`).first()).toBeVisible();
    const options = listbox.getByRole('option');
    await expect(options).toHaveCount(1);
    await expect(options).toHaveText(
      'Not in the list: enter a visitor, contractor or other person',
    );
    await combobox.press('ArrowDown');
    await combobox.press('Enter');

    const manual = page.getByRole('group', { name: fieldLabel });
    const visitorChoice = manual.getByRole('radio', { name: 'Visitor' });
    await expect(visitorChoice).toBeChecked();
    await expect(visitorChoice).toBeFocused();
    await expect(manual.getByRole('radio', { name: 'Contractor' })).toBeVisible();
    await expect(manual.getByRole('radio', { name: 'Member of the public' })).toBeVisible();
    await expect(manual.getByRole('radio', { name: 'Other' })).toBeVisible();
    await expect(manual.getByRole('textbox', { name: 'Full name' })).toHaveValue(visitor);
    await expect(manual.getByRole('textbox', { name: 'Phone or email (optional)' })).toHaveValue(
      '',
    );

    await manual.getByRole('button', { name: 'Search pupils and staff instead' }).press('Enter');
    await expect(combobox).toBeFocused();
    await expect(combobox).toHaveValue('');
  });
});
