import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import type { Me } from '../../src/shared/api';
import type { Incident } from '../../src/shared/incidents-api';
import type { PersonSearchResult } from '../../src/shared/people-api';
import {
  apiPost,
  connectSchoolToWonde,
  expectAccessible,
  openBlankIncidentForm,
  signInAsAdmin,
} from './helpers';

// Every page an admin can open, at a desktop size and a phone's: axe (WCAG 2.2 AA) finds nothing
// and no page scrolls sideways. Only an admin sees every page; the others see fewer of the same.

const SIZES = [
  { name: 'desktop', width: 1280, height: 800 },
  { name: 'phone', width: 390, height: 844 },
] as const;

type Ids = { incident: string; person: string; school: string; user: string };

/** A pupil, a head-injury incident about them with injuries, and the ids the pages need. */
async function prepare(page: Page): Promise<Ids> {
  const schoolId = await connectSchoolToWonde(page, 'Oakfield Primary School');
  const search = await page.request.get('/api/v1/people/search', {
    params: { q: 'a', schoolId, type: 'pupil', limit: '1' },
  });
  const [pupil] = ((await search.json()) as { results: PersonSearchResult[] }).results;
  expect(pupil).toBeDefined();
  const incident = await apiPost<Incident>(page, '/api/v1/incidents', {
    schoolId,
    occurredAt: new Date(Date.now() - 30 * 60_000).toISOString(),
    locationDetail: 'Climbing frame',
    category: 'accident_injury',
    person: { kind: 'directory', personId: pupil!.id },
    description: 'Fell from the second rung and bumped their head on the bar.',
    headInjury: true,
    injuries: [
      { type: 'bump', bodyPart: 'forehead', side: 'centre' },
      { type: 'graze', bodyPart: 'knee', side: 'left' },
      { type: 'bruise', bodyPart: 'elbow', side: 'right' },
    ],
    outcome: 'returned_to_class_or_work',
  });
  const me = (await (await page.request.get('/api/v1/me')).json()) as Me;
  return { incident: incident.id, person: pupil!.id, school: schoolId, user: me.user.id };
}

const pagesOf = (ids: Ids) => [
  '/attention',
  '/incidents',
  '/incidents/new',
  `/incidents/${ids.incident}`,
  `/incidents/${ids.incident}/edit`,
  '/incidents/waiting',
  '/people',
  `/people/${ids.person}`,
  '/dashboard',
  '/schools',
  `/schools/${ids.school}`,
  '/schools/new',
  '/users',
  '/users/new',
  `/users/${ids.user}`,
  '/audit',
  '/organisation',
  '/settings/templates',
  '/account',
  // Not the demo mailbox: axe waits without end for the sandboxed frames (no scripts) its emails
  // are shown in. The same frame on an incident's page is checked while it shows a preview.
  '/no-such-page',
];

/** Opens a page and waits until it has its heading and its data. */
async function open(page: Page, path: string): Promise<void> {
  await page.goto(path);
  await expect(page.locator('h1').first()).toBeVisible();
  await page.waitForLoadState('networkidle');
  await expect(page.getByText('Loading…')).toHaveCount(0);
}

async function expectNoSidewaysScroll(page: Page, what: string): Promise<void> {
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow, `${what} scrolls sideways by ${overflow}px`).toBeLessThanOrEqual(0);
}

// In groups, each its own test: about seven pages, axe on each, fit in one test's time on a busy
// machine.
const GROUPS = 3;

for (const size of SIZES) {
  for (let group = 0; group < GROUPS; group++) {
    test(`every page at ${size.name} size, group ${group + 1} of ${GROUPS}: nothing for axe, nothing scrolls sideways`, async ({
      page,
    }) => {
      test.setTimeout(300_000);
      await page.setViewportSize(size);
      await signInAsAdmin(page);
      const pages = pagesOf(await prepare(page));
      const perGroup = Math.ceil(pages.length / GROUPS);
      for (const path of pages.slice(group * perGroup, (group + 1) * perGroup)) {
        const what = `${path} (${size.name})`;
        await open(page, path);
        await expectAccessible(page, what);
        await expectNoSidewaysScroll(page, what);
      }
    });
  }
}

test('the person field with its suggestions open, and the sign-in page, at both sizes', async ({
  page,
}) => {
  await signInAsAdmin(page);
  for (const size of SIZES) {
    await page.setViewportSize(size);
    await openBlankIncidentForm(page);
    await page.getByRole('combobox', { name: 'Affected person' }).fill('Ol');
    await expect(page.getByRole('listbox').getByRole('option').first()).toBeVisible();
    await expectAccessible(page, `the suggestions open (${size.name})`);
    await expectNoSidewaysScroll(page, `the suggestions open (${size.name})`);
    await page.keyboard.press('Escape');
  }

  await page.setViewportSize(SIZES[0]);
  await page.getByRole('button', { name: 'Sign out' }).click();
  for (const size of SIZES) {
    await page.setViewportSize(size);
    await open(page, '/sign-in');
    await expectAccessible(page, `sign-in (${size.name})`);
    await expectNoSidewaysScroll(page, `sign-in (${size.name})`);
  }
});
