import type { BrowserContext, Page } from '@playwright/test';
import { expect, test } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import type { Role, UserStats } from '@vip/shared-dto';
import { callApi, listUsers, setRole } from './support/api';
import { AuditPage } from './support/audit-page';
import { csvObjects, parseCsv } from '@vip/testing';
import {
  DashboardPage,
  NEW_ACCOUNTS_CAPTION,
  SIGN_INS_CAPTION,
} from './support/dashboard-page';
import { PeoplePage } from './support/people-page';
import { ADA, BARBARA, ROSTER } from './support/people';
import {
  ensureAdministrator,
  signInAs,
  signUpQuickly,
} from './support/sign-in';

// One administrator session: a role change, then where it shows up.
test.describe.configure({ mode: 'serial' });

const CSV_HEADER = [
  'id',
  'occurredAt',
  'action',
  'actorId',
  'actorEmail',
  'targetId',
  'targetEmail',
  'details',
  'requestId',
  'ip',
  'userAgent',
  'actorTokenId',
  'actorTokenName',
  'actorTokenPrefix',
];
const ROLE_LABELS: Record<Role, string> = {
  administrator: 'Administrator',
  coordinator: 'Coordinator',
  driver: 'Driver',
};

let context: BrowserContext;
let page: Page;

test.beforeAll(async ({ browser }) => {
  await ensureAdministrator();
  await signUpQuickly(ROSTER);
  context = await browser.newContext();
  page = await context.newPage();
  await signInAs(page, ADA);
});

test.afterAll(async () => {
  // Put her back, so specs that count drivers find what they expect.
  await setRole(page, BARBARA.email, 'coordinator');
  await context.close();
});

test('an administrator changes a role, and the audit trail shows who changed whose role, from what to what', async () => {
  const people = new PeoplePage(page);
  await people.goto(`?search=${encodeURIComponent(BARBARA.name)}`);
  await expect(people.roleOf(BARBARA.name)).toContainText('Coordinator');
  await people.choose(people.roleOf(BARBARA.name), 'Driver');
  await expect(people.snackBar).toContainText(`${BARBARA.name} is now driver.`);

  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Audit trail' })
    .click();
  await expect(page).toHaveURL(/\/audit$/);
  await expect(page).toHaveTitle('Audit trail · VIP Coordinator');
  const audit = new AuditPage(page);
  await audit.loaded();

  await audit.filterByAction('Role changed');
  await expect(audit.rows).not.toHaveCount(0);
  const roleChanges = await audit.rows.count();
  await expect(audit.cells('action')).toHaveText(
    Array(roleChanges).fill('Role changed'),
  );

  await audit.filterBy(audit.targetEmail, BARBARA.email);
  await expect(audit.rows).toHaveCount(1);
  await expect(audit.range).toHaveText(/of 1\s*$/);
  const row = audit.rows.first();
  await expect(row.locator('td.mat-column-action')).toHaveText('Role changed');
  await expect(row.locator('td.mat-column-actor')).toHaveText(ADA.email);
  await expect(row.locator('td.mat-column-target')).toHaveText(BARBARA.email);
  await expect(row.locator('td.mat-column-change')).toHaveText(
    'Coordinator → Driver',
  );

  // Filters combine: nobody else changed her role.
  await audit.filterBy(audit.actorEmail, 'nobody@example.com');
  await expect(audit.rows).toHaveCount(0);
  await expect(audit.emptyState).toHaveText('No events match these filters.');

  await audit.clearFilters.click();
  await audit.loaded();
  await expect(audit.action).not.toContainText('Role changed');
  await expect(audit.targetEmail).toHaveValue('');
});

test('the person’s timeline lists the role change', async () => {
  const people = new PeoplePage(page);
  await people.goto(`?search=${encodeURIComponent(BARBARA.name)}`);

  // Her name opens her details and timeline.
  await people
    .row(BARBARA.name)
    .getByRole('button', { name: BARBARA.name, exact: true })
    .click();
  let dialog = page.getByRole('dialog', { name: BARBARA.name });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText(BARBARA.email);
  let timeline = dialog.getByRole('list', { name: 'Activity' });
  let change = timeline
    .getByRole('listitem')
    .filter({ hasText: 'Role changed' });
  await expect(change).toHaveCount(1);
  await expect(change).toContainText(`Coordinator → Driver by ${ADA.email}`);
  // Her own sign-up is there too.
  await expect(
    timeline
      .getByRole('listitem')
      .filter({ hasText: 'first sign-in: account created' }),
  ).toHaveCount(1);
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(dialog).toHaveCount(0);

  // So does the timeline entry of her row's menu.
  await people.act(BARBARA.name, 'Timeline');
  dialog = page.getByRole('dialog', { name: BARBARA.name });
  timeline = dialog.getByRole('list', { name: 'Activity' });
  change = timeline.getByRole('listitem').filter({ hasText: 'Role changed' });
  await expect(change).toContainText('Coordinator → Driver');
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
});

test('the dashboard draws its charts from the people in the database', async () => {
  const dashboard = new DashboardPage(page);
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Dashboard' })
    .click();
  await expect(page).toHaveURL(/\/dashboard$/);
  await dashboard.loaded();

  // People by role: what the API counts, role by role.
  let everyone = 0;
  for (const role of ['administrator', 'coordinator', 'driver'] as const) {
    const { total } = await listUsers(page, `role=${role}&pageSize=1`);
    everyone += total;
    await expect(dashboard.roleCount(ROLE_LABELS[role]), `${role}s`).toHaveText(
      String(total),
    );
  }
  expect(everyone).toBeGreaterThanOrEqual(ROSTER.length);
  await expect(dashboard.roleCount('Driver')).not.toHaveText('0');
  await expect(dashboard.roleCount('Administrator')).not.toHaveText('0');

  // Sign-ins per day: 30 days, and this run's sign-ins drawn as at least one real bar.
  const signIns = await dashboard.chartValues(SIGN_INS_CAPTION);
  expect(signIns).toHaveLength(30);
  expect(signIns.at(-1)?.label).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  expect(
    signIns.reduce((sum, day) => sum + day.value, 0),
  ).toBeGreaterThanOrEqual(ROSTER.length + 1);
  const busiest = Math.max(...signIns.map((day) => day.value));
  expect(busiest).toBeGreaterThan(0);
  const signInBars = await dashboard.barHeights(SIGN_INS_CAPTION);
  expect(signInBars).toHaveLength(30);
  expect(Math.max(...signInBars), 'the busiest day is drawn full height').toBe(
    100,
  );
  await expect(dashboard.chart(SIGN_INS_CAPTION).figure).toContainText(
    `max ${busiest}`,
  );

  // New accounts per week: 12 weeks, and everyone signed up this run (so within them).
  const weeks = await dashboard.chartValues(NEW_ACCOUNTS_CAPTION);
  expect(weeks).toHaveLength(12);
  expect(weeks.reduce((sum, week) => sum + week.value, 0)).toBe(everyone);
  const weekBars = await dashboard.barHeights(NEW_ACCOUNTS_CAPTION);
  expect(weekBars).toHaveLength(12);
  expect(Math.max(...weekBars)).toBe(100);

  // Dormant accounts: the list, or the empty state when everyone signed in lately.
  const stats = (await callApi<UserStats>(page, 'GET', '/api/auth/users/stats'))
    .body;
  await expect(dashboard.dormantTitle).toHaveText(
    `Dormant accounts (${stats.dormant.count})`,
  );
  if (stats.dormant.items.length === 0) {
    await expect(dashboard.dormantEmpty).toBeVisible();
  } else {
    await expect(dashboard.dormantList.getByRole('listitem')).toHaveCount(
      stats.dormant.items.length,
    );
  }
});

test('the CSV download holds exactly the filtered events', async () => {
  const audit = new AuditPage(page);
  await audit.goto();

  const download = async (): Promise<Record<string, string>[]> => {
    const [file] = await Promise.all([
      page.waitForEvent('download'),
      audit.download.click(),
    ]);
    expect(file.suggestedFilename()).toBe('audit-events.csv');
    const records = parseCsv(await readFile(await file.path(), 'utf8'));
    expect(records[0]).toEqual(CSV_HEADER);
    return csvObjects(records);
  };

  // Every sign-in: in a full run more than fit on one page of the table, all in the file.
  await audit.filterByAction('Signed in');
  const signIns = await eventCount('action=user.signed_in');
  expect(signIns).toBeGreaterThanOrEqual(ROSTER.length + 1);
  await expect(audit.range).toHaveText(new RegExp(`of ${signIns}\\s*$`));
  await expect(audit.cells('action').first()).toHaveText('Signed in');
  let rows = await download();
  expect(rows).toHaveLength(await audit.total());
  for (const row of rows) expect(row['action']).toBe('user.signed_in');
  expect(new Set(rows.map((row) => row['id'])).size).toBe(rows.length);
  expect(rows.map((row) => row['actorEmail'])).toContain(BARBARA.email);

  // Narrowed to one person: only her sign-ins, as many as the table counts.
  await audit.filterBy(audit.targetEmail, BARBARA.email);
  const hers = await eventCount(
    `action=user.signed_in&targetEmail=${encodeURIComponent(BARBARA.email)}`,
  );
  expect(hers).toBeGreaterThanOrEqual(1);
  expect(hers).toBeLessThan(signIns);
  await expect(audit.range).toHaveText(new RegExp(`of ${hers}\\s*$`));
  await expect(audit.cells('target')).toHaveText(
    Array(hers).fill(BARBARA.email),
  );
  rows = await download();
  expect(rows).toHaveLength(await audit.total());
  for (const row of rows) {
    expect(row['action']).toBe('user.signed_in');
    expect(row['targetEmail']).toBe(BARBARA.email);
    expect(row['actorEmail']).toBe(BARBARA.email);
    expect(Number.isNaN(Date.parse(row['occurredAt']))).toBe(false);
    expect(JSON.parse(row['details'])).toEqual(expect.any(Object));
  }
});

/** How many events the API holds for a filter, asked as the signed-in administrator. */
async function eventCount(query: string): Promise<number> {
  const answer = await callApi<{ total: number }>(
    page,
    'GET',
    `/api/audit-events?${query}&pageSize=1`,
  );
  expect(answer.status).toBe(200);
  return answer.body.total;
}
