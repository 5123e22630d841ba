import { expect, test } from '@playwright/test';
import { callApi } from './support/api';
import { GRACE } from './support/people';
import { ensureAdministrator, signInAs } from './support/sign-in';

test.beforeAll(async () => {
  await ensureAdministrator();
});

test('a coordinator lands on their account and sees who they are', async ({
  page,
}) => {
  await signInAs(page, GRACE);

  await expect(page).toHaveURL(/\/account$/);
  await expect(page).toHaveTitle('My account · VIP Coordinator');
  await expect(
    page.getByRole('heading', { level: 1, name: 'My account' }),
  ).toBeVisible();
  const details = page.getByRole('region', { name: 'Your details' });
  await expect(details.getByText(GRACE.name, { exact: true })).toBeVisible();
  await expect(details.getByText(GRACE.email, { exact: true })).toBeVisible();
  await expect(details.getByRole('definition').first()).toHaveText(
    'Coordinator',
  );
  await expect(details).toContainText('google');

  const toolbar = page.getByRole('banner');
  await expect(toolbar.getByText(GRACE.name, { exact: true })).toBeVisible();
  await expect(toolbar.getByText('Coordinator', { exact: true })).toBeVisible();
});

test('a coordinator has no People link and cannot open the People page', async ({
  page,
}) => {
  await signInAs(page, GRACE);

  const nav = page.getByRole('navigation', { name: 'Main' });
  await expect(nav.getByRole('link', { name: 'My account' })).toBeVisible();
  await expect(nav.getByRole('link', { name: 'People' })).toHaveCount(0);

  await page.goto('/users');
  await expect(page).toHaveURL(/\/forbidden$/);
  await expect(
    page.getByRole('heading', {
      level: 1,
      name: 'You are not allowed to see this page',
    }),
  ).toBeVisible();
  await expect(page.getByRole('table')).toHaveCount(0);

  // The server agrees: the list is for administrators only. (The body tells the list's 403
  // from a refused refresh, whose body is empty.)
  expect(await callApi(page, 'GET', '/api/auth/users')).toEqual({
    status: 403,
    body: expect.objectContaining({
      statusCode: 403,
      message: 'This needs the role administrator',
    }),
  });

  await page.getByRole('link', { name: 'Go to your start page' }).click();
  await expect(page).toHaveURL(/\/account$/);
});
