import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import type { Incident } from '../../src/shared/incidents-api';
import type { ContactsResponse } from '../../src/shared/notifications-api';
import type { PersonSearchResult } from '../../src/shared/people-api';
import { connectSchoolToWonde, signInAsAdmin } from './helpers';

const schoolName = 'Oakfield Primary School';

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

type HeadInjuryWithContact = {
  pupil: PersonSearchResult;
  contact: ContactsResponse['contacts'][number];
  other: PersonSearchResult;
  incident: Incident;
};

/** Logs a head injury through the API, as the signed-in user. */
async function logHeadInjury(
  page: Page,
  schoolId: string,
  personId: string,
  description: string,
): Promise<Incident> {
  const me = (await (await page.request.get('/api/v1/me')).json()) as { csrfToken: string };
  const response = await page.request.post('/api/v1/incidents', {
    headers: { 'X-CSRF-Token': me.csrfToken },
    data: {
      schoolId,
      person: { kind: 'directory', personId },
      occurredAt: new Date(Date.now() - 30 * 60_000).toISOString(),
      locationDetail: 'Climbing frame',
      category: 'accident_injury',
      description,
      injuries: [{ type: 'bump', bodyPart: 'forehead', side: 'centre' }],
      headInjury: true,
      firstAidGiven: true,
      firstAidBy: 'Alex Morgan',
      firstAidDetails: 'Cold compress for ten minutes.',
      outcome: 'returned_to_class_or_work',
    },
  });
  expect(response.status(), await response.text()).toBe(201);
  return (await response.json()) as Incident;
}

/**
 * A head injury logged through the API for a pupil with a contact who has an email address,
 * naming another pupil of the school in what happened. Contacts are read, as always, through an
 * incident about the pupil.
 */
async function logHeadInjuryWithContact(
  page: Page,
  schoolId: string,
  marker: string,
): Promise<HeadInjuryWithContact> {
  const response = await page.request.get('/api/v1/people/search', {
    params: { q: 'Smith', schoolId, type: 'pupil', limit: '50' },
  });
  expect(response.ok()).toBe(true);
  const { results } = (await response.json()) as { results: PersonSearchResult[] };
  const fullName = (person: PersonSearchResult) => `${person.firstName} ${person.lastName}`;
  const unique = results.filter(
    (person) => results.filter((other) => fullName(other) === fullName(person)).length === 1,
  );
  for (const pupil of unique) {
    const other = unique.find(
      (candidate) => candidate.id !== pupil.id && candidate.lastName !== pupil.lastName,
    );
    if (!other) continue;
    const incident = await logHeadInjury(
      page,
      schoolId,
      pupil.id,
      `${marker} while playing tag with ${fullName(other)}, and bumped their forehead.`,
    );
    const contactsResponse = await page.request.get(`/api/v1/incidents/${incident.id}/contacts`);
    expect(contactsResponse.ok()).toBe(true);
    const { contacts } = (await contactsResponse.json()) as ContactsResponse;
    const contact = contacts.find((candidate) => candidate.email !== null);
    if (contact) return { pupil, contact, other, incident };
  }
  throw new Error(`No pupil called Smith at ${schoolName} has a contact with an email address.`);
}

test('the family is emailed from the incident, the log shows it sent, and the demo mailbox caught it', async ({
  page,
}) => {
  test.setTimeout(180_000);
  await signInAsAdmin(page);
  const schoolId = await connectSchoolToWonde(page, schoolName);
  const marker = `Slipped on the wet ladder of the climbing frame (${Date.now().toString(36)})`;
  const { pupil, contact, other, incident } = await logHeadInjuryWithContact(
    page,
    schoolId,
    marker,
  );
  const otherName = `${other.firstName} ${other.lastName}`;

  const section = page.getByRole('region', { name: 'Tell the family' });
  const log = page.getByRole('region', { name: 'Communication log' });

  await test.step('the incident page shows the contacts from the MIS', async () => {
    await page.goto(`/incidents/${incident.id}`);
    await expect(
      page.getByRole('heading', { name: `Incident ${incident.number}`, level: 1 }),
    ).toBeVisible();
    await expect(log.getByText('No emails have been sent about this incident.')).toBeVisible();
    const contacts = section.getByRole('table', { name: /^Contacts/ });
    const row = contacts.getByRole('row').filter({ hasText: contact.email ?? '' });
    await expect(row).toContainText(contact.name);
    await expect(row).toContainText(
      contact.parentalResponsibility === null
        ? 'Unknown'
        : contact.parentalResponsibility
          ? 'Yes'
          : 'No',
    );
    // Nobody is chosen for the user.
    for (const box of await contacts.getByRole('checkbox').all()) {
      await expect(box).not.toBeChecked();
    }
    await row.getByRole('checkbox', { name: contact.name }).check();
  });

  await test.step('the head injury email is previewed, with the other pupil’s name removed', async () => {
    await section.getByRole('button', { name: 'Write the email' }).click();
    await expect(
      section.getByRole('group', { name: 'Template' }).getByRole('radio', { name: 'Head injury' }),
    ).toBeChecked();
    const message = section.getByRole('textbox', { name: 'Message' });
    await expect(message).toHaveValue(new RegExp(escapeRegExp(marker)));
    await expect(message).toHaveValue(/another pupil/);
    await expect(message).not.toHaveValue(new RegExp(escapeRegExp(otherName)));
    await expect(section.getByText(/names have been removed/)).toContainText(otherName);
    await expect(section.getByRole('checkbox', { name: 'Keep these names' })).not.toBeChecked();
    await expect(section.getByRole('textbox', { name: 'Subject' })).toHaveValue(
      new RegExp(pupil.firstName),
    );

    await section.getByText('How the email will look').click();
    const formatted = section.frameLocator('iframe[title="The email as it will look"]');
    await expect(formatted.getByText(marker)).toBeVisible();
  });

  const subject = `Bump to the head today, ${pupil.firstName} (${incident.number})`;

  await test.step('an edited email is sent and the log shows it sent', async () => {
    await section.getByRole('textbox', { name: 'Subject' }).fill(subject);
    await section.getByRole('button', { name: 'Send email' }).click();
    await expect(
      section
        .getByRole('status')
        .filter({ hasText: `Your email to ${contact.name} is on its way` }),
    ).toBeVisible();

    const entry = log.getByRole('row').filter({ hasText: contact.email ?? '' });
    await expect(entry).toContainText(subject);
    await expect(entry).toContainText('Alex Morgan');
    await expect(entry.getByText('Sent', { exact: true })).toBeVisible();
  });

  await test.step('the demo mailbox caught the email with the incident’s details', async () => {
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Mail (demo)' })
      .click();
    await expect(page.getByRole('heading', { name: 'Mail (demo)', level: 1 })).toBeVisible();
    await expect(
      page.getByText(/caught by the demo’s own mail server and reached no one/),
    ).toBeVisible();
    await page
      .getByRole('region', { name: 'Caught emails, newest first' })
      .getByRole('button', { name: subject })
      .click();
    const message = page.getByRole('article', { name: subject });
    await expect(message).toContainText(contact.email ?? '');
    const body = message.frameLocator('iframe');
    await expect(body.getByText(marker)).toBeVisible();
    await expect(body.getByText(schoolName).first()).toBeVisible();
    await expect(body.getByText(/Climbing frame/)).toBeVisible();
    await expect(body.getByText(/NHS 111/)).toBeVisible();
  });
});

test('a visitor entered by hand is emailed at the address typed in', async ({ page }) => {
  await signInAsAdmin(page);
  const me = (await (await page.request.get('/api/v1/me')).json()) as {
    csrfToken: string;
    schools: Array<{ id: string; name: string }>;
  };
  const school = me.schools.find((candidate) => candidate.name === schoolName);
  expect(school).toBeDefined();
  const visitorName = `Dana Whitfield ${Date.now().toString(36)}`;
  const response = await page.request.post('/api/v1/incidents', {
    headers: { 'X-CSRF-Token': me.csrfToken },
    data: {
      schoolId: school?.id,
      person: { kind: 'manual', personType: 'visitor', name: visitorName, contact: null },
      occurredAt: new Date(Date.now() - 10 * 60_000).toISOString(),
      locationDetail: 'Main entrance',
      category: 'accident_injury',
      description: 'Tripped on the doormat at the main entrance.',
      outcome: 'returned_to_class_or_work',
    },
  });
  expect(response.status(), await response.text()).toBe(201);
  const incident = (await response.json()) as Incident;

  await page.goto(`/incidents/${incident.id}`);
  const section = page.getByRole('region', { name: 'Email the person' });
  await expect(section.getByRole('textbox', { name: 'Name' })).toHaveValue(visitorName);
  await section.getByRole('button', { name: 'Write the email' }).click();
  await expect(
    section.getByRole('group', { name: 'Template' }).getByRole('radio', { name: 'General' }),
  ).toBeChecked();
  await expect(section.getByRole('textbox', { name: 'Message' })).toHaveValue(/doormat/);

  // A mistyped address is caught before sending, and nothing the user wrote is lost.
  await section.getByRole('textbox', { name: 'Message' }).fill('We are sorry about your fall.');
  await section.getByRole('textbox', { name: 'Email address' }).fill('dana.example.com');
  await section.getByRole('button', { name: 'Send email' }).click();
  await expect(section.getByRole('alert')).toContainText('Email address must be an email address');
  await expect(section.getByRole('textbox', { name: 'Message' })).toHaveValue(
    'We are sorry about your fall.',
  );

  await section.getByRole('textbox', { name: 'Email address' }).fill('dana@example.com');
  await section.getByRole('button', { name: 'Send email' }).click();
  const entry = page
    .getByRole('region', { name: 'Communication log' })
    .getByRole('row')
    .filter({ hasText: 'dana@example.com' });
  await expect(entry).toContainText(visitorName);
  await expect(entry.getByText('Sent', { exact: true })).toBeVisible();
});

test('an admin changes a template’s wording and goes back to Plaster’s', async ({ page }) => {
  await signInAsAdmin(page);
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Templates' })
    .click();
  await expect(page.getByRole('heading', { name: 'Email templates', level: 1 })).toBeVisible();
  const general = page.getByRole('region', { name: 'General incident' });
  const subject = general.getByRole('textbox', { name: 'Subject' });
  const original = await subject.inputValue();
  await expect(general.getByRole('term').filter({ hasText: '{{personFirstName}}' })).toBeVisible();

  await subject.fill('{{schoolName}}: about {{personFirstName}} today');
  await general.getByRole('button', { name: 'Save template' }).click();
  await expect(general.getByRole('status')).toContainText('has been saved');
  await expect(general.getByText('Your wording')).toBeVisible();

  await general.getByRole('button', { name: 'Use Plaster’s wording' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Use Plaster’s wording' }).click();
  await expect(general.getByRole('status')).toContainText('uses Plaster’s wording again');
  await expect(subject).toHaveValue(original);
});
