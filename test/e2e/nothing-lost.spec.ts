import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import type { Incident } from '../../src/shared/incidents-api';
import type { PersonSearchResult } from '../../src/shared/people-api';
import { connectSchoolToWonde, demoAdmin, openBlankIncidentForm, signInAsAdmin } from './helpers';

// What a first aider types is never lost: not by a menu link, a reload, an ended session or a
// dropped connection; and what is sent twice is logged once.

const schoolName = 'Oakfield Primary School';
const unique = () => Date.now().toString(36);

async function csrfToken(page: Page): Promise<string> {
  const me = (await (await page.request.get('/api/v1/me')).json()) as { csrfToken: string };
  return me.csrfToken;
}

/** Incidents whose text mentions `marker`, read through the API as the signed-in user. */
async function incidentsMentioning(page: Page, marker: string): Promise<Incident[]> {
  const response = await page.request.get('/api/v1/incidents', { params: { q: marker } });
  expect(response.ok()).toBe(true);
  return ((await response.json()) as { incidents: Incident[] }).incidents;
}

/** The line under the header that says what the device still holds. */
const waiting = (page: Page) =>
  page.getByRole('status').filter({ hasText: '1 incident waiting to send' });

/** Everything but the person: a place described, a near miss, what happened, no first aid. */
async function fillTheRest(page: Page, description: string): Promise<void> {
  await page
    .getByRole('combobox', { name: 'Where did it happen?' })
    .selectOption({ label: 'Somewhere else' });
  await page.getByRole('textbox', { name: 'Describe the place' }).fill('Back field');
  await page.getByRole('radio', { name: 'Near miss' }).check();
  await page.getByRole('textbox', { name: 'What happened?' }).fill(description);
  await page.getByRole('group', { name: 'Was first aid given?' }).getByLabel('No').check();
  await page
    .getByRole('group', { name: 'What happened afterwards?' })
    .getByRole('radio', { name: 'Returned to class or work' })
    .check();
}

async function enterVisitor(page: Page, name: string): Promise<void> {
  const person = page.getByRole('combobox', { name: 'Affected person' });
  await person.fill(name);
  await page
    .getByRole('option', { name: 'Not in the list: enter a visitor, contractor or other person' })
    .click();
}

test('a half-filled form asks before leaving, comes back after a reload, and goes at sign-out', async ({
  page,
}) => {
  await signInAsAdmin(page);
  await openBlankIncidentForm(page);
  const visitor = `Robin Draft ${unique()}`;
  const description = `Slipped on wet leaves by the gate (${unique()}).`;
  await enterVisitor(page, visitor);
  await page.getByRole('textbox', { name: 'What happened?' }).fill(description);

  await test.step('a menu link asks first, and staying keeps everything', async () => {
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'People' })
      .click();
    const question = page.getByRole('dialog', { name: 'Leave this form?' });
    await expect(question).toBeVisible();
    await question.getByRole('button', { name: 'Cancel' }).click();
    await expect(page.getByRole('heading', { name: 'Log an incident', level: 1 })).toBeVisible();
    await expect(page.getByRole('textbox', { name: 'What happened?' })).toHaveValue(description);
  });

  await test.step('a reload asks the browser’s question, then the draft is offered and restored', async () => {
    let asked = '';
    page.once('dialog', (dialog) => {
      asked = dialog.type();
      void dialog.accept();
    });
    await page.reload();
    expect(asked).toBe('beforeunload');
    await expect(
      page.getByRole('heading', { name: 'You have an incident you did not finish' }),
    ).toBeVisible();
    await expect(page.getByText(`for ${visitor}`)).toBeVisible();
    await page.getByRole('button', { name: 'Carry on with it' }).click();
    await expect(page.getByRole('textbox', { name: 'What happened?' })).toHaveValue(description);
    await expect(
      page
        .getByRole('group', { name: 'Affected person' })
        .getByRole('textbox', { name: 'Full name' }),
    ).toHaveValue(visitor);
  });

  await test.step('signing out removes the draft from the device', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
    const drafts = await page.evaluate(
      () =>
        new Promise<number>((resolve, reject) => {
          const open = indexedDB.open('plaster-drafts');
          open.onerror = () => reject(new Error(String(open.error)));
          open.onsuccess = () => {
            const count = open.result.transaction('drafts').objectStore('drafts').count();
            count.onsuccess = () => resolve(count.result);
            count.onerror = () => reject(new Error(String(count.error)));
          };
        }),
    );
    expect(drafts).toBe(0);
    await signInAsAdmin(page);
    await page.goto('/incidents/new');
    await expect(page.getByRole('button', { name: 'Log incident' })).toBeVisible();
    await expect(page.getByRole('textbox', { name: 'What happened?' })).toHaveValue('');
  });
});

test('when the session has ended, signing in over the form saves the incident once with everything typed', async ({
  page,
}) => {
  await signInAsAdmin(page);
  await openBlankIncidentForm(page);
  const marker = unique();
  const visitor = `Sam Session ${marker}`;
  const description = `Walked into the door of the hall (${marker}).`;
  await enterVisitor(page, visitor);
  await fillTheRest(page, description);

  // The session ends on the server (as after an hour idle, or signed out elsewhere).
  const logout = await page.request.post('/api/v1/auth/logout', {
    headers: { 'X-CSRF-Token': await csrfToken(page) },
  });
  expect(logout.ok()).toBe(true);

  await page.getByRole('button', { name: 'Log incident' }).click();
  const dialog = page.getByRole('dialog', { name: 'Sign in again to carry on' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('textbox', { name: 'Email address' })).toHaveValue(demoAdmin.email);
  await dialog.getByLabel('Password', { exact: true }).fill(demoAdmin.password);
  await dialog.getByRole('button', { name: 'Sign in' }).click();

  await expect(page.getByRole('heading', { name: /^Incident \d+$/, level: 1 })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Affected person' })).toContainText(visitor);
  const logged = await incidentsMentioning(page, marker);
  expect(logged).toHaveLength(1);
  const incident = (await (
    await page.request.get(`/api/v1/incidents/${logged[0]?.id ?? ''}`)
  ).json()) as Incident;
  expect(incident.description).toBe(description);
  expect(incident.locationDetail).toBe('Back field');
  expect(incident.category).toBe('near_miss');
});

test('logged offline: waits on the device, is sent once when back online, then matched to the pupil', async ({
  page,
  context,
}) => {
  test.setTimeout(180_000);
  await signInAsAdmin(page);
  const schoolId = await connectSchoolToWonde(page, schoolName);
  const search = await page.request.get('/api/v1/people/search', {
    params: { q: 'Smith', schoolId, type: 'pupil', limit: '50' },
  });
  const { results } = (await search.json()) as { results: PersonSearchResult[] };
  const fullName = (p: PersonSearchResult) => `${p.firstName} ${p.lastName}`;
  const pupil = results.find(
    (p) => results.filter((other) => fullName(other) === fullName(p)).length === 1,
  );
  expect(pupil, 'a pupil called Smith whose name no one else there shares').toBeDefined();
  const pupilName = fullName(pupil as PersonSearchResult);
  const marker = unique();

  await openBlankIncidentForm(page);
  await page.getByRole('combobox', { name: 'School' }).selectOption({ label: schoolName });
  await context.setOffline(true);

  await test.step('offline, the pupil is named to be matched later', async () => {
    const person = page.getByRole('combobox', { name: 'Affected person' });
    await person.fill(pupilName);
    await expect(
      page.getByText('You are offline: the school’s records cannot be searched.'),
    ).toBeVisible();
    await page
      .getByRole('option', {
        name: 'Offline: enter their name now, match them to the records later',
      })
      .click();
    const named = page.getByRole('group', { name: 'Affected person' });
    await expect(named.getByRole('radio', { name: 'Pupil' })).toBeChecked();
    await expect(named.getByRole('textbox', { name: 'Full name' })).toHaveValue(pupilName);
    await fillTheRest(page, `Fell from the bench on the trip (${marker}).`);
    await page.getByRole('button', { name: 'Log incident' }).click();
    await expect(
      page.getByText(`The incident for ${pupilName} is saved on this device`),
    ).toBeVisible();
    await expect(waiting(page)).toBeVisible();
  });

  await test.step('back online, it is sent once', async () => {
    await context.setOffline(false);
    const sent = page.getByRole('status').filter({ hasText: /Sent: incident \d+/ });
    await expect(sent).toBeVisible({ timeout: 30_000 });
    await expect(waiting(page)).toHaveCount(0);
    await expect(page.getByText(`The incident for ${pupilName} has been sent.`)).toBeVisible();
    const logged = await incidentsMentioning(page, marker);
    expect(logged).toHaveLength(1);
    expect(logged[0]?.person).toMatchObject({ name: pupilName, kind: 'pupil', unmatched: true });
    await sent.getByRole('link', { name: `Match ${pupilName} to the school’s records` }).click();
  });

  await test.step('the person is matched to the directory', async () => {
    const banner = page.getByRole('region', {
      name: `${pupilName} is not yet matched to the school’s records`,
    });
    await expect(banner).toBeVisible();
    const find = banner.getByRole('combobox', { name: 'Find the pupil' });
    await expect(find).toHaveValue(pupilName);
    await find.click();
    // The list opens in a layer of its own, outside the banner.
    await page
      .getByRole('listbox', { name: 'Find the pupil' })
      .getByRole('option')
      .filter({ hasText: new RegExp(`^${pupilName}Pupil`) })
      .click();
    await expect(banner).toBeHidden();
    const personCard = page.getByRole('region', { name: 'Affected person' });
    await expect(personCard.getByRole('link', { name: pupilName })).toHaveAttribute(
      'href',
      `/people/${pupil?.id ?? ''}`,
    );
    const logged = await incidentsMentioning(page, marker);
    expect(logged).toHaveLength(1);
    expect(logged[0]?.person).toMatchObject({ personId: pupil?.id, unmatched: false });
  });
});

test('the same queued incident sent from two tabs at once is logged once', async ({
  page,
  context,
}) => {
  await signInAsAdmin(page);
  const marker = unique();
  const second = await context.newPage();
  await second.goto('/incidents');
  await openBlankIncidentForm(page);
  await context.setOffline(true);
  await enterVisitor(page, `Tabs Twice ${marker}`);
  await fillTheRest(page, `Caught a finger in the door (${marker}).`);
  await page.getByRole('button', { name: 'Log incident' }).click();
  await expect(page.getByText(/is saved on this device/)).toBeVisible();
  // The other tab hears of it too, and both try to send it when the connection returns.
  await expect(waiting(second)).toBeVisible();
  await context.setOffline(false);
  await expect(waiting(page)).toHaveCount(0, { timeout: 30_000 });
  await expect(waiting(second)).toHaveCount(0, { timeout: 30_000 });
  expect(await incidentsMentioning(page, marker)).toHaveLength(1);
});
