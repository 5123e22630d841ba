import type { BrowserContext, Page } from '@playwright/test';
import { expect, test } from '@playwright/test';
import { callApi, listUsers } from './support/api';
import { PeoplePage } from './support/people-page';
import { ADA, CLAUDE, GRACE, MARGARET, ROSTER } from './support/people';
import { signInAs, signInElsewhere, signUpQuickly } from './support/sign-in';

// One administrator session walks through the page; each step builds on the last.
test.describe.configure({ mode: 'serial' });

let context: BrowserContext;
let page: Page;
let people: PeoplePage;

test.beforeAll(async ({ browser }) => {
  context = await browser.newContext();
  page = await context.newPage();
  people = new PeoplePage(page);
});

test.afterAll(async () => {
  await context.close();
});

test('the first person to sign in becomes the administrator, lands on the dashboard and opens People', async () => {
  await signInAs(page, ADA);

  await expect(page).toHaveURL(/\/dashboard$/);
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'People' })
    .click();
  await expect(page).toHaveURL(/\/users$/);
  const toolbar = page.getByRole('banner');
  await expect(
    toolbar.getByText('Ada Lovelace', { exact: true }),
  ).toBeVisible();
  await expect(
    toolbar.getByText('Administrator', { exact: true }),
  ).toBeVisible();
  await expect(
    page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'People' }),
  ).toHaveAttribute('aria-current', 'page');
  await people.loaded();
  await expect(people.roleOf(ADA.name)).toContainText('Administrator');
});

test('people who sign in with Google appear in the table as coordinators', async ({
  browser,
}) => {
  // A few click through the sign-in page in browsers of their own; the rest take the same
  // redirect dance without a browser, which is ten times faster.
  for (const person of ROSTER.slice(0, 4))
    await signInElsewhere(browser, person);
  await signUpQuickly(ROSTER.slice(4));

  await people.goto('?sort=createdAt');
  await expect(people.range).toHaveText(
    `1 – ${ROSTER.length + 1} of ${ROSTER.length + 1}`,
  );
  // Ada signed up before anyone else, so she is the administrator the rule made.
  await expect(people.names.first()).toHaveText(ADA.name);
  await expect(people.roleOf(GRACE.name)).toContainText('Coordinator');
  await expect(people.row(ADA.name)).toContainText(ADA.email);
});

test('search narrows the table to matching names and emails, and goes into the URL', async () => {
  await people.goto();
  const everyone = await people.rows.count();

  await people.searchFor('son');
  await expect(people.rows).toHaveCount(2);
  expect((await people.visibleNames()).sort()).toEqual([
    'Katherine Johnson',
    'Mary Jackson',
  ]);
  await expect(people.search).toHaveValue('son');

  // Emails are searched too, case-insensitively.
  await people.searchFor('EXAMPLE.ORG');
  const orgPeople = [ADA, ...ROSTER].filter((p) =>
    p.email.endsWith('@example.org'),
  );
  await expect(people.rows).toHaveCount(orgPeople.length);

  await people.searchFor('nobody-is-called-this');
  await expect(people.rows).toHaveCount(0);
  await expect(people.emptyState).toHaveText(
    'No people match “nobody-is-called-this”.',
  );

  await people.clearSearch();
  await expect(people.rows).toHaveCount(everyone);
});

test('the sort headers order the table and go into the URL', async () => {
  await people.goto();

  await people.sortHeader('Name').click();
  await expect(page).toHaveURL(/[?&]sort=name(&|$)/);
  await expect(people.columnHeader('Name')).toHaveAttribute(
    'aria-sort',
    'ascending',
  );
  await people.loaded();
  await expect(people.names.first()).toHaveText(ADA.name);
  const ascending = await people.visibleNames();
  expect(ascending).toEqual(
    (await listUsers(page, 'sort=name')).items.map((u) => u.name),
  );

  await people.sortHeader('Name').click();
  await expect(page).toHaveURL(/[?&]sort=-name(&|$)/);
  await expect(people.columnHeader('Name')).toHaveAttribute(
    'aria-sort',
    'descending',
  );
  await expect(people.names.first()).not.toHaveText(ADA.name);
  await people.loaded();
  expect(await people.visibleNames()).toEqual([...ascending].reverse());

  await people.sortHeader('Email').click();
  await expect(page).toHaveURL(/[?&]sort=email(&|$)/);
  await expect(people.columnHeader('Email')).toHaveAttribute(
    'aria-sort',
    'ascending',
  );
  await expect(people.columnHeader('Name')).toHaveAttribute(
    'aria-sort',
    'none',
  );
  await people.loaded();
  const emails = (
    await people.rows.locator('td.mat-column-email').allTextContents()
  ).map((e) => e.trim());
  expect(emails).toEqual(
    (await listUsers(page, 'sort=email')).items.map((u) => u.email),
  );
});

test('the paginator changes page size and page, and both go into the URL', async () => {
  const total = ROSTER.length + 1;
  await people.goto('?sort=name');

  await people.choose(people.pageSize, '10', { force: true });
  await expect(page).toHaveURL(/[?&]pageSize=10(&|$)/);
  await expect(people.rows).toHaveCount(10);
  await expect(people.range).toHaveText(`1 – 10 of ${total}`);
  const firstPage = await people.visibleNames();

  await page.getByRole('button', { name: 'Next page' }).click();
  await expect(page).toHaveURL(/[?&]page=2(&|$)/);
  await expect(people.range).toHaveText(`11 – ${total} of ${total}`);
  await expect(people.rows).toHaveCount(total - 10);
  const secondPage = await people.visibleNames();
  expect(secondPage.filter((name) => firstPage.includes(name))).toEqual([]);
  await expect(page.getByRole('button', { name: 'Next page' })).toBeDisabled();

  await page.getByRole('button', { name: 'Previous page' }).click();
  await expect(page).not.toHaveURL(/[?&]page=/);
  await expect(people.names.first()).toHaveText(firstPage[0]);
});

test('an administrator makes someone a driver, and it stays after a reload', async () => {
  await people.goto();
  await people.searchFor('Margaret');
  await expect(people.roleOf(MARGARET.name)).toContainText('Coordinator');

  await people.choose(people.roleOf(MARGARET.name), 'Driver');
  await expect(people.snackBar).toContainText(
    'Margaret Hamilton is now driver.',
  );
  await expect(people.roleOf(MARGARET.name)).toContainText('Driver');

  await page.reload();
  await people.loaded();
  await expect(people.search).toHaveValue('Margaret');
  await expect(people.roleOf(MARGARET.name)).toContainText('Driver');

  // The role filter finds her among the drivers.
  await people.clearSearch();
  await people.choose(people.roleFilter, 'Driver');
  await expect(page).toHaveURL(/[?&]role=driver(&|$)/);
  await expect(people.rows).toHaveCount(1);
  await expect(people.names).toHaveText([MARGARET.name]);
});

test('the only administrator cannot demote themselves: the role goes back and they are told why', async () => {
  await people.goto('?search=Ada');
  await expect(people.roleOf(ADA.name)).toContainText('Administrator');

  await people.choose(people.roleOf(ADA.name), 'Coordinator');
  await expect(people.snackBar).toContainText(/administrator/i);
  await expect(people.snackBar).toContainText("Cannot change Ada's role");
  await expect(people.roleOf(ADA.name)).toContainText('Administrator');

  await page.reload();
  await expect(page).toHaveURL(/\/users\?search=Ada$/);
  await people.loaded();
  await expect(people.roleOf(ADA.name)).toContainText('Administrator');
  await expect(
    page.getByRole('banner').getByText('Administrator', { exact: true }),
  ).toBeVisible();
});

test('deleting asks first, names the person, and removes them for good', async () => {
  await people.goto('?search=Claude');
  await expect(people.rows).toHaveCount(1);
  // Cancelling keeps them.
  await people.act(CLAUDE.name, 'Delete');
  let dialog = page.getByRole('dialog', { name: `Delete ${CLAUDE.name}?` });
  await expect(dialog).toContainText(CLAUDE.email);
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(people.rows).toHaveCount(1);

  await people.act(CLAUDE.name, 'Delete');
  dialog = page.getByRole('dialog', { name: `Delete ${CLAUDE.name}?` });
  await expect(dialog).toContainText(
    `Delete ${CLAUDE.name} (${CLAUDE.email})?`,
  );
  await dialog.getByRole('button', { name: 'Delete', exact: true }).click();
  await expect(dialog).toHaveCount(0);
  await expect(people.snackBar).toContainText(`${CLAUDE.name} was deleted.`);
  await expect(people.rows).toHaveCount(0);
  await expect(people.emptyState).toHaveText('No people match “Claude”.');

  await people.clearSearch();
  await expect(people.range).toHaveText(
    `1 – ${ROSTER.length} of ${ROSTER.length}`,
  );
  await expect(people.row(CLAUDE.name)).toHaveCount(0);
  const lookup = await callApi(
    page,
    'GET',
    `/api/auth/users/${encodeURIComponent(CLAUDE.email)}`,
  );
  expect(lookup.status).toBe(404);
});
