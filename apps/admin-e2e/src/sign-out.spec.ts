import { expect, test } from '@playwright/test';
import { HEDY } from './support/people';
import { ensureAdministrator, signInAs } from './support/sign-in';

test.beforeAll(async () => {
  await ensureAdministrator();
});

test('signing out ends the session: back to sign-in, pages closed, no refresh', async ({
  page,
}) => {
  await signInAs(page, HEDY);

  await page.getByRole('button', { name: 'Sign out', exact: true }).click();
  await expect(page).toHaveURL(/\/login$/);
  await expect(
    page.getByRole('heading', { level: 1, name: 'Sign in to VIP Coordinator' }),
  ).toBeVisible();

  await page.goto('/account');
  await expect(page).toHaveURL(/\/login$/);
  await page.goto('/users');
  await expect(page).toHaveURL(/\/login$/);
  await expect(
    page.getByRole('link', { name: 'Sign in with Google' }),
  ).toBeVisible();

  const refresh = await page.evaluate(async () => {
    const response = await fetch('/api/auth/refresh', {
      method: 'POST',
      credentials: 'include',
    });
    return response.status;
  });
  expect(refresh).toBe(401);
});
