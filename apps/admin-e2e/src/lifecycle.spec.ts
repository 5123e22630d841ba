import type { Browser, Page } from '@playwright/test';
import { expect, test } from '@playwright/test';
import { callApi, putSettings, setRole } from './support/api';
import { expectNoSeriousViolations } from './support/axe';
import { PeoplePage } from './support/people-page';
import type { Person } from './support/people';
import { ADA, NORA, OTTO, PAT, SAM, WENDY } from './support/people';
import {
  ensureAdministrator,
  queueIdentity,
  signInAs,
  signUpQuickly,
} from './support/sign-in';

test.beforeAll(async () => {
  await ensureAdministrator();
});

/** A second person at a second computer: a browser context of their own. */
async function anotherBrowser(browser: Browser): Promise<Page> {
  return (await browser.newContext()).newPage();
}

/** Presses "Sign in with Google" as `person`, wherever that leads. */
async function pressGoogle(page: Page, person: Person): Promise<void> {
  await page.goto('/login');
  const google = page.getByRole('link', { name: 'Sign in with Google' });
  await expect(google).toBeEnabled();
  await queueIdentity(person);
  await google.click();
}

test('an administrator imports a roster; an invited Gmail driver signs in and lands active as driver', async ({
  page,
  browser,
}) => {
  await signInAs(page, ADA);
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Invitations' })
    .click();
  await expect(
    page.getByRole('heading', { level: 1, name: 'Invitations' }),
  ).toBeVisible();

  await page.getByRole('button', { name: 'Import CSV' }).click();
  const dialog = page.getByRole('dialog', { name: 'Import a roster' });
  // A bad row first: nothing can be imported, and the preview says which line.
  await dialog.locator('input[type="file"]').setInputFiles({
    name: 'roster.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(
      `email,role,name\n${PAT.email},driver,${PAT.name}\nnot-an-email,pilot,Nobody\n`,
    ),
  });
  const preview = dialog.getByRole('table', { name: 'Rows of the file' });
  await expect(preview.getByRole('row')).toHaveCount(3);
  await expect(dialog.getByRole('status')).toHaveText(
    /1 of 2 rows have a problem/,
  );
  await expect(dialog.getByRole('button', { name: /^Import/ })).toBeDisabled();

  await dialog.locator('input[type="file"]').setInputFiles({
    name: 'roster.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(
      `email,role,name\n${PAT.email},driver,${PAT.name}\n${SAM.email},coordinator,${SAM.name}\n`,
    ),
  });
  await expect(dialog.getByRole('status')).toHaveText(
    '2 rows ready to import.',
  );
  await dialog.getByRole('button', { name: 'Import 2 invitations' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(page.locator('mat-snack-bar-container')).toContainText(
    '2 invitations imported.',
  );
  const table = page.getByRole('table', { name: 'Invitations' });
  const patRow = table.getByRole('row').filter({ hasText: PAT.email });
  await expect(patRow).toContainText('Pending');
  await expect(patRow).toContainText('Driver');

  // The sign-in link to share carries the email as Google's login hint.
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await patRow
    .getByRole('button', { name: `Copy sign-in link for ${PAT.email}` })
    .click();
  const link = await page.evaluate(() => navigator.clipboard.readText());
  expect(link).toBe(
    `${new URL(page.url()).origin}/login?email=${encodeURIComponent(PAT.email)}`,
  );

  // Pat, at home: the link's page asks Google for Pat's account, and Pat gets in.
  const pat = await anotherBrowser(browser);
  await pat.goto(link);
  await expect(
    pat.getByRole('link', { name: 'Sign in with Google' }),
  ).toHaveAttribute(
    'href',
    `/api/auth/google?login_hint=${encodeURIComponent(PAT.email)}`,
  );
  await signInAs(pat, PAT);
  await expect(pat).toHaveURL(/\/account$/);
  await expect(
    pat.getByRole('banner').getByText('Driver', { exact: true }),
  ).toBeVisible();
  await pat.context().close();

  await page.reload();
  await expect(
    table.getByRole('row').filter({ hasText: PAT.email }),
  ).toContainText('Accepted');
  const people = new PeoplePage(page);
  await people.goto(`?search=${encodeURIComponent(PAT.name)}`);
  await expect(people.roleOf(PAT.name)).toContainText('Driver');
  await expect(people.row(PAT.name)).toContainText('Active');
});

test('under approval a new person waits, is approved, and gets in on reload', async ({
  page,
  browser,
}) => {
  await signInAs(page, ADA);
  await page.goto('/settings');
  await page.getByRole('radio', { name: 'Approval' }).check();
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.locator('mat-snack-bar-container')).toContainText(
    'Settings saved.',
  );

  const nora = await anotherBrowser(browser);
  try {
    await pressGoogle(nora, NORA);
    await expect(nora).toHaveURL(/\/waiting$/);
    await expect(
      nora.getByRole('heading', { level: 1, name: 'Waiting for approval' }),
    ).toBeVisible();
    await expect(nora.getByRole('main')).toContainText(
      'ask one of your administrators',
    );
    // Nothing else is open to her.
    await nora.goto('/account');
    await expect(nora).toHaveURL(/\/waiting$/);
    for (const scheme of ['light', 'dark'] as const) {
      await nora.emulateMedia({ colorScheme: scheme });
      await expectNoSeriousViolations(nora, `/waiting (${scheme})`);
    }
    await nora.setViewportSize({ width: 360, height: 740 });
    await expectNoSeriousViolations(nora, '/waiting at 360 px');
    await nora.setViewportSize({ width: 1280, height: 800 });

    // Ada sees her in the queue, with the count in the navigation.
    await page.goto('/requests');
    const nav = page.getByRole('navigation', { name: 'Main' });
    await expect(
      nav.getByRole('link', { name: /Access requests 1 waiting/ }),
    ).toBeVisible();
    const row = page
      .getByRole('table', { name: 'Access requests' })
      .getByRole('row')
      .filter({ hasText: NORA.email });
    await row.getByRole('combobox', { name: `Role for ${NORA.name}` }).click();
    await page.getByRole('option', { name: 'Driver', exact: true }).click();
    await row.getByRole('button', { name: `Approve ${NORA.name}` }).click();
    await expect(page.locator('mat-snack-bar-container')).toContainText(
      `${NORA.name} was approved as driver.`,
    );
    await expect(row).toHaveCount(0);
    await expect(
      nav.getByRole('link', { name: 'Access requests', exact: true }),
    ).toBeVisible();

    await nora.reload();
    await expect(nora).toHaveURL(/\/account$/);
    await expect(
      nora.getByRole('banner').getByText('Driver', { exact: true }),
    ).toBeVisible();
  } finally {
    await nora.context().close();
    await putSettings(page, {
      signUpPolicy: 'open',
      defaultRole: 'coordinator',
    });
  }
});

test('a disabled person is thrown out on their next click and cannot sign in again', async ({
  page,
  browser,
}) => {
  await signUpQuickly([OTTO]);
  await signInAs(page, ADA);
  await setRole(page, OTTO.email, 'administrator');

  const otto = await anotherBrowser(browser);
  await signInAs(otto, OTTO);
  await expect(otto).toHaveURL(/\/dashboard$/);

  const people = new PeoplePage(page);
  await people.goto(`?search=${encodeURIComponent(OTTO.name)}`);
  await people.act(OTTO.name, 'Disable');
  const dialog = page.getByRole('dialog', { name: `Disable ${OTTO.name}?` });
  await expect(dialog).toContainText(OTTO.email);
  await dialog.getByRole('button', { name: 'Disable', exact: true }).click();
  await expect(people.row(OTTO.name)).toContainText('Disabled');

  // Otto's next click asks the API, which refuses his token and his session.
  await otto
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'People' })
    .click();
  await expect(otto).toHaveURL(/\/login\?session=ended$/);
  await expect(otto.getByRole('alert')).toContainText('You were signed out');

  await pressGoogle(otto, OTTO);
  await expect(otto).toHaveURL(/\/login\?error=account_disabled$/);
  await expect(otto.getByRole('alert')).toContainText(
    'Your account is disabled.',
  );
  await otto.context().close();
});

test('"sign out everywhere else" ends the other browser’s session', async ({
  page,
  browser,
}) => {
  const other = await anotherBrowser(browser);
  await signInAs(other, WENDY);
  await signInAs(page, WENDY);

  const sessions = page.getByRole('table', { name: 'Sessions' });
  await expect(sessions.getByRole('row')).toHaveCount(3);
  await expect(sessions).toContainText('This device');
  await page.getByRole('button', { name: 'Sign out everywhere else' }).click();
  const dialog = page.getByRole('dialog', {
    name: 'Sign out everywhere else?',
  });
  await dialog
    .getByRole('button', { name: 'Sign out everywhere else' })
    .click();
  await expect(page.locator('mat-snack-bar-container')).toContainText(
    'You were signed out everywhere else.',
  );
  await expect(sessions.getByRole('row')).toHaveCount(2);

  // The other browser's session is gone: its next load finds no session.
  await other.reload();
  await expect(other).toHaveURL(/\/login/);
  const refresh = await other.evaluate(async () => {
    const response = await fetch('/api/auth/refresh', {
      method: 'POST',
      credentials: 'include',
    });
    return response.status;
  });
  expect(refresh).toBe(401);
  // This browser is still in.
  await page.reload();
  await expect(page).toHaveURL(/\/account$/);
  await other.context().close();
  expect((await callApi(page, 'GET', '/api/auth/sessions')).status).toBe(200);
});
