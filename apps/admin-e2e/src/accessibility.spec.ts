import { expect, test } from '@playwright/test';
import { callApi } from './support/api';
import { AuditPage } from './support/audit-page';
import { everyWay, expectNoSeriousViolations, settle } from './support/axe';
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

  test('the access requests page, light, dark and at 360 px', async ({
    page,
  }) => {
    await everyWay(page, '/requests', () =>
      expect(
        page.getByRole('table', { name: 'Access requests' }),
      ).toContainText('Nobody is waiting for approval.'),
    );
  });

  test('the invitations page with invitations in it, light, dark and at 360 px', async ({
    page,
  }) => {
    for (const email of ['axe.one@gmail.com', 'axe.two@example.com']) {
      const answer = await callApi(page, 'POST', '/api/invitations', {
        email,
        role: 'driver',
      });
      expect([201, 409]).toContain(answer.status);
    }
    await everyWay(page, '/invitations?search=axe', () =>
      expect(
        page
          .getByRole('table', { name: 'Invitations' })
          .getByRole('row')
          .filter({ hasText: 'axe.one@gmail.com' }),
      ).toContainText('Pending'),
    );
  });

  test('the invite dialog and the import preview', async ({ page }) => {
    await page.goto('/invitations');
    await page.getByRole('button', { name: 'Invite', exact: true }).click();
    const invite = page.getByRole('dialog', { name: 'Invite a person' });
    await expect(invite.getByRole('textbox', { name: 'Email' })).toBeVisible();
    await settle(page);
    await expectNoSeriousViolations(page, 'the invite dialog');
    await invite.getByRole('button', { name: 'Cancel' }).click();
    await expect(invite).toHaveCount(0);

    await page.getByRole('button', { name: 'Import CSV' }).click();
    const roster = page.getByRole('dialog', { name: 'Import a roster' });
    await roster.locator('input[type="file"]').setInputFiles({
      name: 'roster.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(
        'email,role\naxe.three@gmail.com,driver\nnot-an-email,pilot\n',
      ),
    });
    await expect(
      roster.getByRole('table', { name: 'Rows of the file' }).getByRole('row'),
    ).toHaveCount(3);
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await settle(page);
      await expectNoSeriousViolations(page, `the import preview (${scheme})`);
    }
  });

  test('the settings page, light, dark and at 360 px', async ({ page }) => {
    await everyWay(page, '/settings', () =>
      expect(page.getByRole('radio', { name: 'Open' })).toBeChecked(),
    );
  });

  test('my account with its sessions, light, dark and at 360 px', async ({
    page,
  }) => {
    await everyWay(page, '/account', () =>
      expect(page.getByRole('table', { name: 'Sessions' })).toContainText(
        'This device',
      ),
    );
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
