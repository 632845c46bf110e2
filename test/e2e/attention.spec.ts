import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import type { Incident } from '../../src/shared/incidents-api';
import { apiPost as post, expectAccessible, signIn, signInAsAdmin } from './helpers';

// Each role starts where its work is: a manager on what needs them, a reporter on the form.

const unique = () => Date.now().toString(36);
const PASSWORD = 'a long enough passphrase for tests';

async function firstSchoolId(page: Page): Promise<string> {
  const { schools } = (await (await page.request.get('/api/v1/schools')).json()) as {
    schools: Array<{ id: string }>;
  };
  return schools[0]!.id;
}

const visitorIncident = (schoolId: string, name: string, extra: Record<string, unknown>) => ({
  schoolId,
  occurredAt: new Date(Date.now() - 60 * 60_000).toISOString(),
  locationDetail: 'Front steps',
  category: 'accident_injury',
  person: { kind: 'manual', personType: 'visitor', name },
  description: `${name} slipped on the front steps.`,
  outcome: 'returned_to_class_or_work',
  ...extra,
});

test('a manager lands on Needs attention, acts on each item, and a reporter lands on the form', async ({
  page,
  browser,
}) => {
  test.setTimeout(90_000);
  await signInAsAdmin(page);
  await expect(page.getByRole('heading', { name: 'Needs attention', level: 1 })).toBeVisible();

  const tag = unique();
  const schoolId = await firstSchoolId(page);
  const manager = { email: `manager-${tag}@oakfield.example`, name: `Morgan Manager ${tag}` };
  const reporter = { email: `reporter-${tag}@oakfield.example`, name: `Riley Reporter ${tag}` };
  for (const [user, role] of [
    [manager, 'manager'],
    [reporter, 'reporter'],
  ] as const) {
    await post(page, '/api/v1/users', { ...user, role, allSchools: true, password: PASSWORD });
  }
  const headInjury = await post<Incident>(
    page,
    '/api/v1/incidents',
    visitorIncident(schoolId, `Hana Head ${tag}`, {
      headInjury: true,
      injuries: [{ type: 'bump', bodyPart: 'forehead', side: 'centre' }],
    }),
  );
  const overdue = await post<Incident>(
    page,
    '/api/v1/incidents',
    visitorIncident(schoolId, `Olu Overdue ${tag}`, {
      occurredAt: new Date(Date.now() - 20 * 24 * 60 * 60_000).toISOString(),
      outcome: 'hospital',
      riddor: {
        workRelated: true,
        workRelatedReason: 'The steps were icy and not gritted.',
        takenDirectlyToHospital: true,
      },
    }),
  );
  expect(overdue.riddor.assessment).toMatchObject({ suggestion: 'reportable', overdue: true });

  const managerContext = await browser.newContext();
  const managerPage = await managerContext.newPage();
  await signIn(managerPage, manager.email, PASSWORD);
  await expect(
    managerPage.getByRole('heading', { name: 'Needs attention', level: 1 }),
  ).toBeVisible();
  const overdueSection = managerPage.getByRole('region', { name: /RIDDOR reports overdue/ });
  const untoldSection = managerPage.getByRole('region', { name: /Head injuries: family not told/ });
  await expect(
    overdueSection.getByRole('link', { name: new RegExp(`Olu Overdue ${tag}`) }),
  ).toBeVisible();
  const untold = untoldSection.getByRole('link', { name: new RegExp(`Hana Head ${tag}`) });
  await expect(untold).toBeVisible();
  await expectAccessible(managerPage, 'Needs attention');
  // The menu says how much is waiting.
  await expect(
    managerPage
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: /Needs attention \d+ waiting/ }),
  ).toBeVisible();

  await test.step('the RIDDOR link leads to the incident, where the report is recorded', async () => {
    await overdueSection.getByRole('link', { name: new RegExp(`Olu Overdue ${tag}`) }).click();
    await expect(
      managerPage.getByRole('heading', { name: `Incident ${overdue.number}`, level: 1 }),
    ).toBeVisible();
    await managerPage.goBack();
  });

  await test.step('once the family is emailed the item goes, and the banner says who told them', async () => {
    await untold.click();
    await expect(
      managerPage.getByRole('heading', { name: `Incident ${headInjury.number}`, level: 1 }),
    ).toBeVisible();
    await expect(managerPage.getByText('Parents or carers should be told today')).toBeVisible();
    await post(managerPage, `/api/v1/incidents/${headInjury.id}/notifications`, {
      recipients: [{ name: `Hana's parent`, email: `parent-${tag}@family.example` }],
      subject: 'A bump to the head at school today',
      text: 'Hana bumped their forehead on the steps; watch for headaches or sickness.',
      idempotencyKey: crypto.randomUUID(),
    });
    await managerPage.reload();
    await expect(
      managerPage.getByText(new RegExp(`Hana's parent (was|is being) emailed by ${manager.name}`)),
    ).toBeVisible();
    await expect(managerPage.getByText('Parents or carers should be told today')).toHaveCount(0);
    await managerPage
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: /Needs attention/ })
      .click();
    await expect(
      untoldSection.getByRole('link', { name: new RegExp(`Hana Head ${tag}`) }),
    ).toHaveCount(0);
    await expect(
      overdueSection.getByRole('link', { name: new RegExp(`Olu Overdue ${tag}`) }),
    ).toBeVisible();
  });
  await managerContext.close();

  const reporterContext = await browser.newContext();
  const reporterPage = await reporterContext.newPage();
  await signIn(reporterPage, reporter.email, PASSWORD);
  await expect(
    reporterPage.getByRole('heading', { name: 'Log an incident', level: 1 }),
  ).toBeVisible();
  await expect(
    reporterPage
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: /Needs attention/ }),
  ).toHaveCount(0);
  // What they logged lately is under the form.
  await post(
    reporterPage,
    '/api/v1/incidents',
    visitorIncident(schoolId, `Remy Recent ${tag}`, {}),
  );
  await reporterPage.reload();
  await expect(
    reporterPage
      .getByRole('region', { name: 'Your recent incidents' })
      .getByRole('link', { name: new RegExp(`Remy Recent ${tag}`) }),
  ).toBeVisible();
  await reporterContext.close();
});
