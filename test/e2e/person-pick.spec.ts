import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import type { PersonSearchResult } from '../../src/shared/people-api';
import { connectSchoolToWonde, openBlankIncidentForm, signInAsAdmin } from './helpers';

// The affected person must be the one whose name is in the field, however fast the keys come and
// however slow the network: never a result of what was typed a moment before.

const schoolName = 'Oakfield Primary School';
const fieldLabel = 'Affected person';

async function search(page: Page, schoolId: string, q: string): Promise<PersonSearchResult[]> {
  const response = await page.request.get('/api/v1/people/search', {
    params: { q, schoolId, limit: '10' },
  });
  expect(response.ok()).toBe(true);
  return ((await response.json()) as { results: PersonSearchResult[] }).results;
}

const fullName = (person: PersonSearchResult) => `${person.firstName} ${person.lastName}`;

/** "Oliver" → "Olivr": one letter dropped, as a hurried thumb does. */
const misspell = (name: string) => name.slice(0, -2) + name.slice(-1);

type Case = { typed: string; intended: PersonSearchResult };

/**
 * A misspelt partial name whose first result (the person meant) is not the first result of the
 * text a few keys earlier, so a pick from an earlier list would be a different person.
 */
async function findCase(page: Page, schoolId: string, surname: string): Promise<Case> {
  const pupils = (await search(page, schoolId, surname)).filter(
    (person) => person.type === 'pupil' && person.firstName.length >= 5,
  );
  for (const pupil of pupils) {
    const typed = `${misspell(pupil.firstName)} ${pupil.lastName.slice(0, 3)}`.toLowerCase();
    const results = await search(page, schoolId, typed);
    const intended = results[0];
    if (!intended) continue;
    // Namesakes would make "the intended person" unreadable on the screen.
    if (results.filter((other) => fullName(other) === fullName(intended)).length > 1) continue;
    const earlier = await search(page, schoolId, typed.slice(0, -2));
    if (earlier[0] && earlier[0].id !== intended.id) return { typed, intended };
  }
  throw new Error(`No pupil called ${surname} makes a case where an earlier list differs`);
}

async function openForm(page: Page) {
  await openBlankIncidentForm(page);
  await page.getByRole('combobox', { name: 'School' }).selectOption({ label: schoolName });
  return page.getByRole('combobox', { name: fieldLabel });
}

/** Who the field holds now: a directory person's name, or null while it is still a search. */
async function chosenName(page: Page): Promise<string | null> {
  const chosen = page.getByRole('group', { name: fieldLabel });
  await expect(page.getByText(/^Searching…/)).toBeHidden();
  if ((await chosen.count()) === 0) return null;
  const name = chosen.locator('.person-chosen__name');
  // The "not in the list" choice is a wrong pick too.
  if ((await name.count()) === 0) return 'someone entered by hand';
  return (await name.innerText()).trim();
}

test('↓ Enter pressed while a search is on its way never picks a person of an earlier list', async ({
  page,
}) => {
  test.setTimeout(300_000);
  await signInAsAdmin(page);
  const schoolId = await connectSchoolToWonde(page, schoolName);
  const { typed, intended } = await findCase(page, schoolId, 'Smith');
  const other = await findCase(page, schoolId, 'Jones').catch(() =>
    findCase(page, schoolId, 'Taylor'),
  );

  let latencyMs = 0;
  await page.route('**/api/v1/people/search**', async (route) => {
    if (latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, latencyMs));
    // A superseded search is aborted by the page while it waits here.
    await route.continue().catch(() => undefined);
  });

  const outcomes: Array<string | null> = [];
  for (const latency of [0, 250]) {
    latencyMs = latency;
    for (const wait of [0, 50, 150, 300]) {
      await test.step(`${latency} ms network, ↓ Enter ${wait} ms after typing`, async () => {
        const combobox = await openForm(page);
        await combobox.pressSequentially(typed, { delay: 20 });
        if (wait > 0) await page.waitForTimeout(wait);
        await combobox.press('ArrowDown');
        await combobox.press('Enter');
        const name = await chosenName(page);
        outcomes.push(name);
        expect([fullName(intended), null]).toContain(name);
      });

      await test.step(`${latency} ms network, deleting and retyping, then ↓ Enter ${wait} ms after`, async () => {
        const combobox = await openForm(page);
        await combobox.pressSequentially(typed, { delay: 20 });
        // Long enough for the first name's list to arrive and be on show.
        await expect(
          page.getByRole('option', { name: new RegExp(`^${fullName(intended)}`) }),
        ).toBeVisible();
        await combobox.press('Control+A');
        await combobox.press('Backspace');
        await combobox.pressSequentially(other.typed, { delay: 20 });
        if (wait > 0) await page.waitForTimeout(wait);
        await combobox.press('ArrowDown');
        await combobox.press('Enter');
        const name = await chosenName(page);
        outcomes.push(name);
        expect([fullName(other.intended), null]).toContain(name);
      });
    }
  }
  // Waiting for the answer is how the right person is chosen, not by choosing no one.
  expect(outcomes.filter((name) => name !== null).length).toBeGreaterThanOrEqual(
    outcomes.length / 2,
  );
});

test('Enter pressed mid-search picks the first person of the answer for the text in the field', async ({
  page,
}) => {
  test.setTimeout(180_000);
  await signInAsAdmin(page);
  const schoolId = await connectSchoolToWonde(page, schoolName);
  const { typed, intended } = await findCase(page, schoolId, 'Smith');

  let release: () => void = () => undefined;
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route('**/api/v1/people/search**', async (route) => {
    const q = new URL(route.request().url()).searchParams.get('q');
    if (q === typed) await held;
    await route.continue().catch(() => undefined);
  });

  const combobox = await openForm(page);
  await combobox.pressSequentially(typed, { delay: 20 });
  await expect(page.getByText('Searching…')).toBeVisible();
  // Every option still on show belongs to an earlier text and cannot be chosen.
  for (const option of await page.getByRole('listbox').getByRole('option').all()) {
    await expect(option).toHaveAttribute('aria-disabled', 'true');
  }
  await combobox.press('ArrowDown');
  await combobox.press('Enter');
  await expect(page.getByText('Searching… the first match will be chosen')).toBeVisible();
  await expect(page.getByRole('group', { name: fieldLabel })).toHaveCount(0);

  release();
  const chosen = page.getByRole('group', { name: fieldLabel });
  await expect(chosen).toContainText(fullName(intended));
  await expect(chosen.getByRole('button', { name: 'Change' })).toBeFocused();
});
