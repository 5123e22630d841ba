import type { Browser, Page } from '@playwright/test';
import { expect, request } from '@playwright/test';
import { baseUrl, fakeGoogleUrl } from './environment';
import type { Person } from './people';
import { ADA } from './people';

/** Tells the fake Google who signs in at the next authorize request. */
export async function queueIdentity(person: Person): Promise<void> {
  const response = await fetch(`${fakeGoogleUrl()}/__next-identity`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(person),
  });
  expect(response.status, 'the fake Google takes the next identity').toBe(204);
}

/**
 * What a person does: open the sign-in page, press "Sign in with Google", come back signed in.
 * The identity is queued just before the click, so a failure elsewhere cannot leave it
 * waiting for somebody else's sign-in.
 */
export async function signInAs(page: Page, person: Person): Promise<void> {
  await page.goto('/login');
  const google = page.getByRole('link', { name: 'Sign in with Google' });
  await expect(google).toBeEnabled();
  await queueIdentity(person);
  await google.click();
  await page.waitForURL(/\/(dashboard|users|account)(\?|$)/);
  await expect(
    page.getByRole('banner').getByText(person.name, { exact: true }),
  ).toBeVisible();
}

/** Signs a person in through the UI in a browser context of their own, then closes it. */
export async function signInElsewhere(
  browser: Browser,
  person: Person,
): Promise<void> {
  const context = await browser.newContext();
  try {
    await signInAs(await context.newPage(), person);
  } finally {
    await context.close();
  }
}

/**
 * Signs people up quickly without a browser: the same redirect dance (API → fake Google →
 * callback), with the identity passed as `login_hint`. For specs that need people to exist
 * but are not about signing in.
 */
export async function signUpQuickly(people: readonly Person[]): Promise<void> {
  for (const person of people) {
    const context = await request.newContext({ baseURL: baseUrl() });
    try {
      const hint = Buffer.from(JSON.stringify(person)).toString('base64url');
      const response = await context.get(`/api/auth/google?login_hint=${hint}`);
      expect(
        response.url(),
        `${person.name} comes back signed in`,
      ).not.toContain('error=');
      expect(response.ok()).toBe(true);
      const { cookies } = await context.storageState();
      expect(
        cookies.length,
        `${person.name} holds a session cookie`,
      ).toBeGreaterThan(0);
    } finally {
      await context.dispose();
    }
  }
}

/**
 * Makes sure Ada signed up before anybody else. Every spec starts with it, so in whatever
 * order the specs run, she is the run's administrator and everyone else a coordinator.
 */
export async function ensureAdministrator(): Promise<void> {
  await signUpQuickly([ADA]);
}
