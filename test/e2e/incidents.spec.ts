import fs from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import type { CreateIncidentInput, Incident } from '../../src/shared/incidents-api';
import type { PersonSearchResult } from '../../src/shared/people-api';
import { connectSchoolToWonde, signIn, signInAsAdmin } from './helpers';

const schoolName = 'Oakfield Primary School';

/** A pupil of the school whose full name no one else there shares, read through the API. */
async function findPupil(page: Page, schoolId: string): Promise<PersonSearchResult> {
  const response = await page.request.get('/api/v1/people/search', {
    params: { q: 'Smith', schoolId, type: 'pupil', limit: '50' },
  });
  expect(response.ok()).toBe(true);
  const { results } = (await response.json()) as { results: PersonSearchResult[] };
  const fullName = (person: PersonSearchResult) => `${person.firstName} ${person.lastName}`;
  const pupil = results.find(
    (person) =>
      person.yearGroup !== null &&
      results.filter((other) => fullName(other) === fullName(person)).length === 1,
  );
  expect(pupil, `a pupil called Smith at ${schoolName}`).toBeDefined();
  return pupil as PersonSearchResult;
}

/** Logs an incident through the API, as the signed-in user, for the tests that start from one. */
async function logIncidentByApi(
  page: Page,
  input: Omit<CreateIncidentInput, 'schoolId' | 'occurredAt'>,
): Promise<Incident> {
  const meResponse = await page.request.get('/api/v1/me');
  const me = (await meResponse.json()) as {
    csrfToken: string;
    schools: Array<{ id: string; name: string }>;
  };
  const school = me.schools.find((candidate) => candidate.name === schoolName);
  expect(school).toBeDefined();
  const response = await page.request.post('/api/v1/incidents', {
    headers: { 'X-CSRF-Token': me.csrfToken },
    data: {
      schoolId: school?.id,
      occurredAt: new Date(Date.now() - 60 * 60_000).toISOString(),
      ...input,
    },
  });
  expect(response.status(), await response.text()).toBe(201);
  return (await response.json()) as Incident;
}

test('a pupil chosen from the directory and a visitor entered by hand are logged, listed and exported', async ({
  page,
}) => {
  test.setTimeout(180_000);
  await signInAsAdmin(page);
  const schoolId = await connectSchoolToWonde(page, schoolName);
  const pupil = await findPupil(page, schoolId);
  const pupilName = `${pupil.firstName} ${pupil.lastName}`;
  const visitorName = `Dana Whitfield ${Date.now().toString(36)}`;

  await test.step('an admin adds a place to the school', async () => {
    const places = page.getByRole('region', { name: 'Places' });
    await places.getByRole('textbox', { name: 'Add a place' }).fill('Playground');
    await places.getByRole('button', { name: 'Add place' }).click();
    await expect(
      page.getByRole('status').filter({ hasText: 'Playground has been added.' }),
    ).toBeVisible();
    await expect(places.getByRole('list', { name: 'Places in use' })).toContainText('Playground');
  });

  await test.step('a pupil is chosen through the person search', async () => {
    await page.getByRole('banner').getByRole('link', { name: 'Log an incident' }).click();
    await expect(page.getByRole('heading', { name: 'Log an incident', level: 1 })).toBeVisible();
    await page.getByRole('combobox', { name: 'School' }).selectOption({ label: schoolName });

    const person = page.getByRole('combobox', { name: 'Affected person' });
    await person.click();
    await person.pressSequentially(pupilName);
    // The option shows the name, then the pupil's facts: "Archie Smith" then "Pupil · Year 1 · …".
    await page
      .getByRole('listbox', { name: 'Affected person' })
      .getByRole('option')
      .filter({ hasText: new RegExp(`^${pupilName}Pupil`) })
      .filter({ hasText: schoolName })
      .click();
    await expect(page.getByRole('group', { name: 'Affected person' })).toContainText(
      pupil.lastName,
    );

    // Now, in UK time, unless changed.
    await expect(page.getByLabel('Date', { exact: true })).not.toHaveValue('');
    await expect(page.getByLabel('Time', { exact: true })).not.toHaveValue('');
    await page
      .getByRole('combobox', { name: 'Where did it happen?' })
      .selectOption({ label: 'Playground' });
    await page.getByRole('radio', { name: 'Accident or injury' }).check();
    await page
      .getByRole('textbox', { name: 'What happened?' })
      .fill('Tripped on the edge of the tarmac while running and fell onto one knee.');

    await page.getByRole('button', { name: 'Add an injury' }).click();
    const injury = page.getByRole('group', { name: 'Injury 1' });
    await injury.getByLabel('Type').fill('graze');
    await injury.getByLabel('Part of the body').fill('knee');
    await injury.getByRole('combobox', { name: 'Side' }).selectOption({ label: 'Left' });
    // Not a head injury: the head injury box does not show.
    await expect(page.getByRole('checkbox', { name: 'Head injury' })).toBeHidden();

    const firstAid = page.getByRole('group', { name: 'Was first aid given?' });
    await firstAid.getByRole('radio', { name: 'Yes' }).check();
    await expect(page.getByRole('textbox', { name: 'Given by' })).toHaveValue('Alex Morgan');
    await page.getByRole('textbox', { name: 'First aid given' }).fill('Cleaned and dressed.');
    await page
      .getByRole('group', { name: 'What happened afterwards?' })
      .getByRole('radio', { name: 'Returned to class or work' })
      .check();
    await page.getByRole('button', { name: 'Log incident' }).click();

    await expect(page.getByRole('heading', { name: /^Incident \d+$/, level: 1 })).toBeVisible();
    await expect(page.getByRole('status').filter({ hasText: /has been logged\.$/ })).toBeVisible();
    const personCard = page.getByRole('region', { name: 'Affected person' });
    await expect(personCard).toContainText('Pupil');
    await expect(page.getByRole('region', { name: 'When and where' })).toContainText('Playground');
    await expect(page.getByRole('region', { name: 'Injuries and first aid' })).toContainText(
      'graze',
    );

    // The pupil's own page lists it.
    await personCard.getByRole('link', { name: pupilName }).click();
    await expect(page.getByRole('heading', { name: pupilName, level: 1 })).toBeVisible();
    await expect(page.getByRole('table', { name: /^Incidents involving/ })).toContainText(
      'Playground',
    );
  });

  await test.step('a visitor is entered by hand, with a head injury', async () => {
    await page.getByRole('banner').getByRole('link', { name: 'Log an incident' }).click();
    await page.getByRole('combobox', { name: 'School' }).selectOption({ label: schoolName });
    const person = page.getByRole('combobox', { name: 'Affected person' });
    await person.click();
    await person.pressSequentially(visitorName);
    await page
      .getByRole('option', { name: 'Not in the list: enter a visitor, contractor or other person' })
      .click();
    const manual = page.getByRole('group', { name: 'Affected person' });
    await expect(manual.getByRole('radio', { name: 'Visitor' })).toBeChecked();
    await expect(manual.getByRole('textbox', { name: 'Full name' })).toHaveValue(visitorName);
    await manual.getByRole('textbox', { name: 'Phone or email (optional)' }).fill('07700 900123');

    await page
      .getByRole('combobox', { name: 'Where did it happen?' })
      .selectOption({ label: 'Somewhere else' });
    await page.getByRole('textbox', { name: 'Describe the place' }).fill('Main entrance steps');
    await page.getByRole('radio', { name: 'Accident or injury' }).check();
    await page
      .getByRole('textbox', { name: 'What happened?' })
      .fill('Slipped on the wet steps at the main entrance and hit their head on the rail.');
    await page.getByRole('button', { name: 'Add an injury' }).click();
    const injury = page.getByRole('group', { name: 'Injury 1' });
    await injury.getByLabel('Type').fill('bump');
    await injury.getByLabel('Part of the body').fill('forehead');
    // A head or face injury brings up the head injury box, ticked.
    await expect(page.getByRole('checkbox', { name: 'Head injury' })).toBeChecked();
    await page
      .getByRole('group', { name: 'Was first aid given?' })
      .getByRole('radio', { name: 'No' })
      .check();
    await page
      .getByRole('group', { name: 'What happened afterwards?' })
      .getByRole('radio', { name: 'Went home' })
      .check();
    await page.getByRole('button', { name: 'Log incident' }).click();

    await expect(page.getByRole('heading', { name: /^Incident \d+$/, level: 1 })).toBeVisible();
    const personCard = page.getByRole('region', { name: 'Affected person' });
    await expect(personCard).toContainText(visitorName);
    await expect(personCard).toContainText('Visitor');
    await expect(personCard).toContainText('07700 900123');
    await expect(page.getByRole('region', { name: 'When and where' })).toContainText(
      'Main entrance steps',
    );
    await expect(page.getByText('Head injury', { exact: true }).first()).toBeVisible();
  });

  await test.step('both are in the list, which filters and exports as CSV', async () => {
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Incidents' })
      .click();
    await expect(page.getByRole('heading', { name: 'Incidents', level: 1 })).toBeVisible();
    const table = page.getByRole('table', { name: 'Incidents, newest first' });
    await expect(table.getByRole('row').filter({ hasText: visitorName })).toContainText(
      'Head injury',
    );
    await expect(table.getByRole('row').filter({ hasText: pupilName })).toContainText('Playground');

    await page.getByRole('combobox', { name: 'Person' }).selectOption({ label: 'Visitor' });
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await expect(page).toHaveURL(/personType=visitor/);
    await expect(table.getByRole('row').filter({ hasText: visitorName })).toHaveCount(1);
    await expect(table.getByRole('row').filter({ hasText: pupilName })).toHaveCount(0);

    const exportLink = page.getByRole('link', { name: /^Export CSV/ });
    await expect(exportLink).toHaveAttribute('href', /personType=visitor/);
    const downloading = page.waitForEvent('download');
    await exportLink.click();
    const download = await downloading;
    expect(download.suggestedFilename()).toMatch(/\.csv$/);
    const csv = await fs.readFile(await download.path(), 'utf8');
    expect(csv).toContain(visitorName);
    expect(csv).toContain('Main entrance steps');
    expect(csv).not.toContain(pupilName);
  });
});

test('an incident is edited and the change shows in its history', async ({ page }) => {
  await signInAsAdmin(page);
  const incident = await logIncidentByApi(page, {
    person: { kind: 'manual', personType: 'contractor', name: 'Sam Okafor', contact: null },
    locationDetail: 'Boiler room',
    category: 'near_miss',
    description: 'A ladder was left unattended across the corridor.',
    outcome: 'returned_to_class_or_work',
  });

  await page.goto(`/incidents/${incident.id}`);
  await expect(page.getByRole('heading', { name: `Incident ${incident.number}` })).toBeVisible();
  await page.getByRole('link', { name: 'Edit' }).click();
  await expect(
    page.getByRole('heading', { name: `Edit incident ${incident.number}`, level: 1 }),
  ).toBeVisible();

  const whatHappened = page.getByRole('textbox', { name: 'What happened?' });
  await expect(whatHappened).toHaveValue('A ladder was left unattended across the corridor.');
  await whatHappened.fill('A ladder was left unattended across the science corridor.');
  await page
    .getByRole('group', { name: 'Was first aid given?' })
    .getByRole('radio', { name: 'No' })
    .check();
  await page.getByRole('button', { name: 'Save changes' }).click();

  await expect(
    page.getByRole('heading', { name: `Incident ${incident.number}`, level: 1 }),
  ).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'Changes saved.' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'What happened' })).toContainText(
    'across the science corridor',
  );

  const history = page.getByRole('region', { name: 'Change history' });
  const changes = history.getByRole('listitem').filter({ hasText: 'Changed the incident' });
  await expect(changes).toHaveCount(1);
  await expect(changes).toContainText('by Alex Morgan');
  await expect(changes.getByRole('listitem').filter({ hasText: 'What happened:' })).toContainText(
    'A ladder was left unattended across the corridor.',
  );
  await expect(changes.getByRole('listitem').filter({ hasText: 'What happened:' })).toContainText(
    'A ladder was left unattended across the science corridor.',
  );
  await expect(
    history.getByRole('listitem').filter({ hasText: 'Logged the incident' }),
  ).toHaveCount(1);
});

test('a manager closes an incident with a sign-off note', async ({ page }) => {
  const email = `manager.${Date.now()}@oakfield.example`;
  const managerName = 'Morgan Hale';
  const password = 'quartz lantern meadow 27';

  await signInAsAdmin(page);
  const incident = await logIncidentByApi(page, {
    person: { kind: 'manual', personType: 'public', name: 'Lee Carver', contact: null },
    locationDetail: 'Car park',
    category: 'accident_injury',
    description: 'Caught a finger in the gate.',
    injuries: [{ type: 'bruise', bodyPart: 'finger', side: 'right' }],
    firstAidGiven: true,
    firstAidBy: 'Alex Morgan',
    outcome: 'returned_to_class_or_work',
  });

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Users' }).click();
  await page.getByRole('link', { name: 'Add user' }).click();
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Full name').fill(managerName);
  await page.getByRole('radio', { name: 'Manager' }).check();
  await page.getByRole('radio', { name: 'All schools, including any added later' }).check();
  await page.getByLabel('Initial password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Add user' }).click();
  await expect(
    page.getByRole('status').filter({ hasText: `${managerName} has been added` }),
  ).toBeVisible();
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();

  await signIn(page, email, password);
  await expect(
    page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Dashboard' }),
  ).toBeVisible();
  await page.goto(`/incidents/${incident.id}`);
  const review = page.getByRole('region', { name: 'Review and sign-off' });
  await expect(review).toContainText('Open');

  await review.getByRole('button', { name: 'Close' }).click();
  const dialog = page.getByRole('dialog', { name: 'Close?' });
  // The sign-off note is required.
  await dialog.getByRole('button', { name: 'Close incident' }).click();
  await expect(dialog.getByRole('alert')).toContainText('Write a sign-off note');
  await dialog
    .getByRole('textbox', { name: 'Sign-off note' })
    .fill('Gate hinge guard fitted; no further action.');
  await dialog.getByRole('button', { name: 'Close incident' }).click();
  await expect(dialog).toBeHidden();

  await expect(
    page.getByRole('status').filter({ hasText: 'The incident is closed and signed off.' }),
  ).toBeVisible();
  await expect(review).toContainText('Closed');
  await expect(review).toContainText(managerName);
  await expect(review).toContainText('Gate hinge guard fitted; no further action.');
  await expect(review.getByRole('button', { name: 'Reopen' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Edit' })).toHaveCount(0);

  const closed = page
    .getByRole('region', { name: 'Change history' })
    .getByRole('listitem')
    .filter({ hasText: 'Closed the incident' });
  await expect(closed).toContainText(`by ${managerName}`);
  await expect(closed).toContainText('Gate hinge guard fitted; no further action.');
});
