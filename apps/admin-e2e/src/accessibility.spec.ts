import type { Page } from '@playwright/test';
import { expect, test } from '@playwright/test';
import { AuditPage } from './support/audit-page';
import { expectNoSeriousViolations } from './support/axe';
import { DashboardPage, SIGN_INS_CAPTION } from './support/dashboard-page';
import { PeoplePage } from './support/people-page';
import { ADA, GRACE, ROSTER } from './support/people';
import {
  ensureAdministrator,
  signInAs,
  signUpQuickly,
} from './support/sign-in';

test.beforeAll(async () => {
  await ensureAdministrator();
  await signUpQuickly(ROSTER);
});

/** Lets transitions (sidenav, ripples, fades) finish, so axe judges colours as shown. */
async function settle(page: Page): Promise<void> {
  await page.evaluate(() => document.fonts.ready);
  await page.waitForTimeout(400);
}

test.describe('signed out', () => {
  test('the sign-in page', async ({ page }) => {
    await page.goto('/login');
    await expect(
      page.getByRole('link', { name: 'Sign in with Google' }),
    ).toBeEnabled();
    await settle(page);
    await expectNoSeriousViolations(page, '/login');
  });

  test('the sign-in page explaining a refused domain', async ({ page }) => {
    await page.goto('/login?error=domain_not_allowed');
    await expect(page.getByRole('alert')).toContainText(
      'not from a domain allowed',
    );
    await settle(page);
    await expectNoSeriousViolations(page, '/login?error=domain_not_allowed');
  });

  test('the sign-in page in dark mode', async ({ page }) => {
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.goto('/login');
    await expect(
      page.getByRole('link', { name: 'Sign in with Google' }),
    ).toBeEnabled();
    await settle(page);
    await expectNoSeriousViolations(page, '/login (dark)');
  });
});

test.describe('administrator', () => {
  test.beforeEach(async ({ page }) => {
    await signInAs(page, ADA);
  });

  test('the dashboard with numbers in it, light and dark', async ({ page }) => {
    // Administrators land here.
    await expect(page).toHaveURL(/\/dashboard$/);
    const dashboard = new DashboardPage(page);
    await dashboard.loaded();
    await expect(dashboard.roleCount('Coordinator')).not.toHaveText('0');
    await expect(dashboard.chart(SIGN_INS_CAPTION).bars).toHaveCount(30);
    await settle(page);
    await expectNoSeriousViolations(page, '/dashboard');

    await page.emulateMedia({ colorScheme: 'dark' });
    await settle(page);
    await expectNoSeriousViolations(page, '/dashboard (dark)');
  });

  test('the audit trail with events in it, light and dark', async ({
    page,
  }) => {
    const audit = new AuditPage(page);
    await audit.goto();
    await expect(audit.rows).not.toHaveCount(0);
    await settle(page);
    await expectNoSeriousViolations(page, '/audit');

    await page.emulateMedia({ colorScheme: 'dark' });
    await settle(page);
    await expectNoSeriousViolations(page, '/audit (dark)');
  });

  test('a person’s activity dialog', async ({ page }) => {
    const people = new PeoplePage(page);
    await people.goto();
    await people.act(GRACE.name, 'Timeline');
    const dialog = page.getByRole('dialog', { name: GRACE.name });
    await expect(
      dialog
        .getByRole('list', { name: 'Activity' })
        .getByRole('listitem')
        .first(),
    ).toBeVisible();
    await settle(page);
    await expectNoSeriousViolations(page, 'the activity dialog');
    await dialog.getByRole('button', { name: 'Close' }).click();
    await expect(dialog).toHaveCount(0);
  });

  test('the People page with people in it', async ({ page }) => {
    const people = new PeoplePage(page);
    await people.goto();
    await expect(people.rows).not.toHaveCount(0);
    await settle(page);
    await expectNoSeriousViolations(page, '/users');
  });

  test('the People page in dark mode', async ({ page }) => {
    await page.emulateMedia({ colorScheme: 'dark' });
    const people = new PeoplePage(page);
    await people.goto();
    await settle(page);
    await expectNoSeriousViolations(page, '/users (dark)');
  });

  test('the People page on a 360 px wide phone, light and dark', async ({
    page,
  }) => {
    await page.setViewportSize({ width: 360, height: 740 });
    const people = new PeoplePage(page);
    await people.goto();
    await expect(
      page.getByRole('button', { name: 'Open navigation' }),
    ).toBeVisible();
    await settle(page);
    await expectNoSeriousViolations(page, '/users at 360 px');

    await page.emulateMedia({ colorScheme: 'dark' });
    await settle(page);
    await expectNoSeriousViolations(page, '/users at 360 px (dark)');

    // The navigation drawer, opened.
    await page.getByRole('button', { name: 'Open navigation' }).click();
    await expect(
      page
        .getByRole('navigation', { name: 'Main' })
        .getByRole('link', { name: 'People' }),
    ).toBeVisible();
    await settle(page);
    await expectNoSeriousViolations(
      page,
      '/users at 360 px with the navigation open',
    );
  });

  test('the delete dialog', async ({ page }) => {
    const people = new PeoplePage(page);
    await people.goto();
    await people.act(GRACE.name, 'Delete');
    const dialog = page.getByRole('dialog', { name: `Delete ${GRACE.name}?` });
    await expect(dialog).toBeVisible();
    await settle(page);
    await expectNoSeriousViolations(page, 'the delete dialog');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect(dialog).toHaveCount(0);
  });

  test('my account', async ({ page }) => {
    await page.goto('/account');
    await expect(
      page.getByRole('heading', { level: 1, name: 'My account' }),
    ).toBeVisible();
    await settle(page);
    await expectNoSeriousViolations(page, '/account');
  });

  test('the page-not-found page', async ({ page }) => {
    await page.goto('/no-such-page');
    await expect(
      page.getByRole('heading', { level: 1, name: 'Page not found' }),
    ).toBeVisible();
    await expect(page).toHaveTitle('Page not found · VIP Coordinator');
    await settle(page);
    await expectNoSeriousViolations(page, 'the 404 page');
  });
});

test.describe('coordinator', () => {
  test('the forbidden page', async ({ page }) => {
    await signInAs(page, GRACE);
    await page.goto('/users');
    await expect(
      page.getByRole('heading', {
        level: 1,
        name: 'You are not allowed to see this page',
      }),
    ).toBeVisible();
    await settle(page);
    await expectNoSeriousViolations(page, 'the forbidden page');
  });

  test('my account, in dark mode', async ({ page }) => {
    await page.emulateMedia({ colorScheme: 'dark' });
    await signInAs(page, GRACE);
    await expect(
      page.getByRole('heading', { level: 1, name: 'My account' }),
    ).toBeVisible();
    await settle(page);
    await expectNoSeriousViolations(page, '/account (dark)');
  });
});
