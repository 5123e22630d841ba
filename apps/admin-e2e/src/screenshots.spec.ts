import type { Page } from '@playwright/test';
import { expect, test } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { callApi, listUsers, putSettings, setRole } from './support/api';
import { AuditPage } from './support/audit-page';
import { DashboardPage, SIGN_INS_CAPTION } from './support/dashboard-page';
import { PeoplePage } from './support/people-page';
import {
  ADA,
  DOROTHY,
  EMMY,
  GRACE,
  KATHERINE,
  LISE,
  ROSTER,
} from './support/people';
import {
  ensureAdministrator,
  queueIdentity,
  signInAs,
  signUpQuickly,
} from './support/sign-in';

// Pictures of the console. Test runs write them under dist/; to refresh the README's
// pictures run with UPDATE_SCREENSHOTS=1 (they then go to docs/screenshots/).
const DIR = process.env['UPDATE_SCREENSHOTS']
  ? resolve(__dirname, '../../../docs/screenshots')
  : resolve(__dirname, '../../../dist/screenshots');
const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };

test.beforeAll(async () => {
  mkdirSync(DIR, { recursive: true });
  await ensureAdministrator();
  await signUpQuickly(ROSTER);
});

async function shoot(page: Page, file: string): Promise<void> {
  await page.evaluate(async () => {
    await document.fonts.load('24px "Material Symbols Outlined"', 'search');
    await document.fonts.ready;
  });
  await page.mouse.move(0, 0);
  await page.waitForTimeout(400);
  await page.screenshot({
    path: join(DIR, file),
    animations: 'disabled',
    caret: 'hide',
  });
}

test('the People page, desktop and phone, light and dark', async ({ page }) => {
  await page.setViewportSize(DESKTOP);
  await signInAs(page, ADA);
  // Every role in the picture.
  await setRole(page, KATHERINE.email, 'driver');
  await setRole(page, DOROTHY.email, 'driver');
  const people = new PeoplePage(page);
  await people.goto('?sort=name');
  await expect(people.roleOf(KATHERINE.name)).toContainText('Driver');
  // Everyone (the roster, Ada, and whoever the other specs signed up) fits on the first page of 25.
  const { total } = await listUsers(page, 'pageSize=1');
  expect(total).toBeGreaterThanOrEqual(ROSTER.length + 1);
  expect(total).toBeLessThanOrEqual(25);
  await expect(people.rows).toHaveCount(total);

  await shoot(page, 'users-desktop-light.png');
  await page.emulateMedia({ colorScheme: 'dark' });
  await shoot(page, 'users-desktop-dark.png');

  await page.setViewportSize(PHONE);
  await expect(
    page.getByRole('button', { name: 'Open navigation' }),
  ).toBeVisible();
  await page.emulateMedia({ colorScheme: 'light' });
  await shoot(page, 'users-phone-light.png');
  await page.emulateMedia({ colorScheme: 'dark' });
  await shoot(page, 'users-phone-dark.png');
});

test('the dashboard, with numbers', async ({ page }) => {
  await page.setViewportSize(DESKTOP);
  await signInAs(page, ADA);
  // Every role counted (the People test, or this one when run alone, made the drivers).
  await setRole(page, KATHERINE.email, 'driver');
  await setRole(page, DOROTHY.email, 'driver');
  const dashboard = new DashboardPage(page);
  await dashboard.goto();
  await expect(dashboard.roleCount('Driver')).not.toHaveText('0');
  await expect(dashboard.chart(SIGN_INS_CAPTION).bars).toHaveCount(30);
  await expect(dashboard.dormantTitle).toBeVisible();
  await shoot(page, 'dashboard.png');
});

test('the audit trail, with events', async ({ page }) => {
  await page.setViewportSize(DESKTOP);
  await signInAs(page, ADA);
  const audit = new AuditPage(page);
  await audit.goto();
  // Sign-ups, role changes and sign-ins of this run.
  await expect(audit.rows).not.toHaveCount(0);
  await expect(
    audit.cells('action').filter({ hasText: 'Role changed' }).first(),
  ).toBeVisible();
  await shoot(page, 'audit.png');
});

test('my account, as a coordinator', async ({ page }) => {
  await page.setViewportSize(DESKTOP);
  await signInAs(page, GRACE);
  await expect(
    page.getByRole('region', { name: 'Your details' }),
  ).toContainText('Coordinator');
  await expect(page.getByRole('table', { name: 'Sessions' })).toContainText(
    'This device',
  );
  await shoot(page, 'account.png');
});

test('access requests, with people waiting', async ({ page, browser }) => {
  await page.setViewportSize(DESKTOP);
  await signInAs(page, ADA);
  await putSettings(page, { signUpPolicy: 'approval', defaultRole: 'driver' });
  try {
    await signUpQuickly([LISE, EMMY]);
    await page.goto('/requests');
    await expect(
      page
        .getByRole('table', { name: 'Access requests' })
        .getByRole('button', { name: `Approve ${EMMY.name}` }),
    ).toBeVisible();
    await shoot(page, 'requests.png');

    // What Lise sees meanwhile.
    const lise = await (
      await browser.newContext({ viewport: DESKTOP })
    ).newPage();
    await lise.goto('/login');
    await expect(
      lise.getByRole('link', { name: 'Sign in with Google' }),
    ).toBeEnabled();
    await queueIdentity(LISE);
    await lise.getByRole('link', { name: 'Sign in with Google' }).click();
    await expect(
      lise.getByRole('heading', { level: 1, name: 'Waiting for approval' }),
    ).toBeVisible();
    await shoot(lise, 'waiting.png');
    await lise.context().close();
  } finally {
    await putSettings(page, {
      signUpPolicy: 'open',
      defaultRole: 'coordinator',
    });
  }
});

test('invitations, and the preview of a roster with bad rows', async ({
  page,
}) => {
  await page.setViewportSize(DESKTOP);
  await signInAs(page, ADA);
  for (const [email, role] of [
    ['jo.marsh@gmail.com', 'driver'],
    ['lee.chen@gmail.com', 'driver'],
    ['morgan.blake@example.com', 'coordinator'],
  ] as const)
    await callApi(page, 'POST', '/api/invitations', { email, role });
  await page.goto('/invitations');
  await expect(
    page.getByRole('table', { name: 'Invitations' }).getByRole('row'),
  ).not.toHaveCount(1);
  await shoot(page, 'invitations.png');

  await page.getByRole('button', { name: 'Import CSV' }).click();
  const roster = page.getByRole('dialog', { name: 'Import a roster' });
  await roster.locator('input[type="file"]').setInputFiles({
    name: 'roster.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(
      'email,role,name\nalex.kim@gmail.com,driver,Alex Kim\nsasha@example.com,pilot,Sasha\n=cmd@example.com,driver,Formula\n',
    ),
  });
  await expect(
    roster.getByRole('table', { name: 'Rows of the file' }).getByRole('row'),
  ).toHaveCount(4);
  await shoot(page, 'invitations-import.png');
});

test('sign-up settings', async ({ page }) => {
  await page.setViewportSize(DESKTOP);
  await signInAs(page, ADA);
  await page.goto('/settings');
  await expect(page.getByRole('radio', { name: 'Open' })).toBeChecked();
  await shoot(page, 'settings.png');
});

test('the sign-in page', async ({ page }) => {
  await page.setViewportSize(DESKTOP);
  await page.goto('/login');
  await expect(
    page.getByRole('link', { name: 'Sign in with Google' }),
  ).toBeEnabled();
  await shoot(page, 'login.png');
});
