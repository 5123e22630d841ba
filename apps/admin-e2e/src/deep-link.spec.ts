import type { Page } from '@playwright/test';
import { expect, test } from '@playwright/test';
import { listUsers } from './support/api';
import { AuditPage } from './support/audit-page';
import { PeoplePage } from './support/people-page';
import { ADA, ROSTER } from './support/people';
import {
  ensureAdministrator,
  signInAs,
  signUpQuickly,
} from './support/sign-in';

const SEARCH = 'an';
const QUERY = `search=${SEARCH}&sort=-createdAt&pageSize=10`;

test.beforeAll(async () => {
  await ensureAdministrator();
  await signUpQuickly(ROSTER);
});

async function expectTheLinkedView(
  page: Page,
  people: PeoplePage,
): Promise<void> {
  await people.loaded();
  const url = new URL(page.url());
  expect(url.pathname).toBe('/users');
  expect(Object.fromEntries(url.searchParams)).toEqual({
    search: SEARCH,
    sort: '-createdAt',
    pageSize: '10',
  });
  await expect(people.search).toHaveValue(SEARCH);
  await expect(people.columnHeader('Created')).toHaveAttribute(
    'aria-sort',
    'descending',
  );

  const expected = await listUsers(page, QUERY);
  const everyone = await listUsers(page, 'pageSize=1');
  expect(expected.total, 'the search leaves some people out').toBeLessThan(
    everyone.total,
  );
  await expect(people.names).toHaveText(
    expected.items.map((user) => user.name),
  );
  await expect(people.range).toHaveText(
    `1 – ${Math.min(10, expected.total)} of ${expected.total}`,
  );
  for (const name of await people.visibleNames()) {
    const email =
      (await people.row(name).locator('td.mat-column-email').textContent()) ??
      '';
    expect(`${name} ${email}`.toLowerCase()).toContain(SEARCH);
  }
}

test('a link to a searched, sorted, sized list opens that view, and a reload keeps it', async ({
  page,
}) => {
  await signInAs(page, ADA);
  const people = new PeoplePage(page);

  await page.goto(`/users?${QUERY}`);
  await expectTheLinkedView(page, people);

  await page.reload();
  await expectTheLinkedView(page, people);
});

test('an audit trail filtered by action and person keeps its filters in the URL, through a reload', async ({
  page,
}) => {
  await signInAs(page, ADA);
  const audit = new AuditPage(page);
  await audit.goto();
  await audit.filterByAction('Signed in');
  await audit.filterBy(audit.targetEmail, ADA.email);
  expect(Object.fromEntries(new URL(page.url()).searchParams)).toEqual({
    action: 'user.signed_in',
    targetEmail: ADA.email,
  });
  const total = await audit.total();
  expect(total).toBeGreaterThanOrEqual(1);

  await page.reload();
  await audit.loaded();
  await expect(audit.action).toContainText('Signed in');
  await expect(audit.targetEmail).toHaveValue(ADA.email);
  expect(await audit.total()).toBe(total);
  const shown = await audit.rows.count();
  await expect(audit.cells('action')).toHaveText(
    Array(shown).fill('Signed in'),
  );
  await expect(audit.cells('target')).toHaveText(Array(shown).fill(ADA.email));
});
