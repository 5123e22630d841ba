import type { Page } from '@playwright/test';
import { expect, request, test } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { callApi } from './support/api';
import { everyWay, expectNoSeriousViolations, settle } from './support/axe';
import { baseUrl } from './support/environment';
import { ADA } from './support/people';
import { ensureAdministrator, signInAs } from './support/sign-in';
import { signedWith, WebhookReceiver } from './support/webhook-receiver';

// Pictures of the page go where screenshots.spec.ts puts them: dist/ on test runs,
// docs/screenshots/ (the README's) with UPDATE_SCREENSHOTS=1.
const SCREENSHOTS = process.env['UPDATE_SCREENSHOTS']
  ? resolve(__dirname, '../../../docs/screenshots')
  : resolve(__dirname, '../../../dist/screenshots');
const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };

interface Webhook {
  id: string;
  url: string;
}

let receiver: WebhookReceiver;

test.beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await ensureAdministrator();
  receiver = await WebhookReceiver.start();
});

test.afterAll(async () => {
  await receiver.stop();
});

test.beforeEach(async ({ page }) => {
  await page.setViewportSize(DESKTOP);
  await signInAs(page, ADA);
});

/** Calls the API with an API token instead of a session. */
async function withToken(secret: string, path: string): Promise<number> {
  const api = await request.newContext({
    baseURL: baseUrl(),
    extraHTTPHeaders: { authorization: `Bearer ${secret}` },
  });
  try {
    return (await api.get(path)).status();
  } finally {
    await api.dispose();
  }
}

async function addWebhook(
  page: Page,
  description: string,
  events = ['user.role_changed'],
): Promise<Webhook> {
  const answer = await callApi<{ webhook: Webhook }>(
    page,
    'POST',
    '/api/webhooks',
    { url: receiver.url, events, description },
  );
  expect(answer.status, 'the webhook is added').toBe(201);
  return answer.body.webhook;
}

/** Removes the endpoint, so nothing is delivered to the receiver once this spec is over. */
async function removeWebhook(page: Page, webhook: Webhook): Promise<void> {
  const answer = await callApi(page, 'DELETE', `/api/webhooks/${webhook.id}`);
  expect([204, 404]).toContain(answer.status);
}

async function addToken(page: Page, name: string, scopes: string[]) {
  const answer = await callApi<{ token: { id: string }; secret: string }>(
    page,
    'POST',
    '/api/tokens',
    { name, scopes, expiresInDays: 90 },
  );
  expect(answer.status, 'the token is created').toBe(201);
  return answer.body;
}

/** Sends a test event through the API and waits until the receiver has it. */
async function deliverTestEvent(page: Page, webhook: Webhook): Promise<void> {
  const before = receiver.ofType('webhook.test').length;
  const answer = await callApi(
    page,
    'POST',
    `/api/webhooks/${webhook.id}/test`,
  );
  expect(answer.status).toBe(202);
  await expect
    .poll(() => receiver.ofType('webhook.test').length, { timeout: 20_000 })
    .toBeGreaterThan(before);
}

async function shoot(page: Page, file: string): Promise<void> {
  await page.evaluate(async () => {
    await document.fonts.load('24px "Material Symbols Outlined"', 'search');
    await document.fonts.ready;
  });
  await page.mouse.move(0, 0);
  await page.waitForTimeout(400);
  await page.screenshot({
    path: join(SCREENSHOTS, file),
    animations: 'disabled',
    caret: 'hide',
  });
}

test('an administrator creates an API token, sees its secret once, and revokes it', async ({
  page,
}) => {
  await page.goto('/');
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Integrations' })
    .click();
  await expect(page).toHaveURL(/\/integrations$/);
  await expect(
    page.getByRole('tab', { name: 'API tokens', selected: true }),
  ).toBeVisible();

  await page.getByRole('button', { name: 'Create token' }).click();
  const form = page.getByRole('dialog', { name: 'Create an API token' });
  await form.getByRole('textbox', { name: 'Name' }).fill('Nightly export');
  await form.getByRole('checkbox', { name: /Read people/ }).check();
  await form.getByRole('combobox', { name: 'Expires' }).click();
  await page.getByRole('option', { name: 'In 30 days' }).click();
  await form.getByRole('button', { name: 'Create token' }).click();

  const shown = page.getByRole('dialog', { name: 'Your new token' });
  await expect(shown).toContainText('Copy it now: it will not be shown again.');
  const secret = (await shown.locator('code.value').textContent())?.trim();
  expect(secret).toMatch(/^vipc_\S{20,}$/);
  if (!secret) throw new Error('no secret shown');
  await expect(
    shown.getByRole('button', { name: 'Copy the token' }),
  ).toBeVisible();
  // The secret is real: it reads people, and only that.
  expect(await withToken(secret, '/api/auth/users')).toBe(200);
  expect(await withToken(secret, '/api/audit-events')).toBe(403);

  // Escape does not lose it; Done does, for good.
  await page.keyboard.press('Escape');
  await expect(shown).toBeVisible();
  await shown.getByRole('button', { name: 'Done' }).click();
  await expect(shown).toHaveCount(0);

  const row = page
    .getByRole('table', { name: 'API tokens' })
    .getByRole('row')
    .filter({ hasText: 'Nightly export' });
  await expect(row).toContainText(`${secret.slice(0, 12)}…`);
  await expect(row).toContainText('users:read');
  await expect(row).toContainText(ADA.name);
  // Used once above, to prove the secret; it lasts the 30 days chosen.
  await expect(row.locator('.mat-column-lastUsedAt')).toHaveText('just now');
  const in30Days = new Date(Date.now() + 30 * 24 * 3600 * 1000);
  await expect(row.locator('.mat-column-expiresAt')).toHaveText(
    in30Days.toLocaleDateString('en-US', {
      month: 'short',
      day: 'numeric',
      year: 'numeric',
    }),
  );
  await expect(page.locator('body')).not.toContainText(secret);
  await page.reload();
  await expect(row).toBeVisible();
  await expect(page.locator('body')).not.toContainText(secret);

  await row.getByRole('button', { name: 'Revoke Nightly export' }).click();
  const confirm = page.getByRole('dialog', {
    name: 'Revoke the token “Nightly export”?',
  });
  await confirm.getByRole('button', { name: 'Revoke' }).click();
  await expect(row).toContainText('Revoked');
  await expect(
    row.getByRole('button', { name: 'Revoke Nightly export' }),
  ).toHaveCount(0);
  expect(await withToken(secret, '/api/auth/users')).toBe(401);
});

test('an administrator adds a webhook, sees its signing secret once, sends a test event and reads the delivery log', async ({
  page,
}) => {
  await page.goto('/integrations');
  await page.getByRole('tab', { name: 'Webhooks' }).click();
  await expect(page).toHaveURL(/\/integrations\?tab=webhooks$/);

  await page.getByRole('button', { name: 'Add webhook' }).click();
  const form = page.getByRole('dialog', { name: 'Add a webhook' });
  await form.getByRole('textbox', { name: 'Endpoint URL' }).fill(receiver.url);
  await form
    .getByRole('textbox', { name: 'Description' })
    .fill('Browser test receiver');
  await form.getByRole('checkbox', { name: /Role changed/ }).check();
  await form.getByRole('button', { name: 'Add webhook' }).click();

  const shown = page.getByRole('dialog', {
    name: 'Your endpoint’s signing secret',
  });
  await expect(shown).toContainText('Copy it now: it will not be shown again.');
  const secret = (await shown.locator('code.value').textContent())?.trim();
  expect(secret).toMatch(/^whsec_\S{20,}$/);
  if (!secret) throw new Error('no secret shown');
  await shown.getByRole('button', { name: 'Done' }).click();
  await expect(shown).toHaveCount(0);

  // The new endpoint's delivery log opens, in the URL.
  await expect(page).toHaveURL(/tab=webhooks&webhook=[0-9a-f-]{36}$/);
  const webhookId = new URL(page.url()).searchParams.get('webhook') ?? '';
  try {
    const endpoints = page.getByRole('table', { name: 'Webhooks' });
    await expect(
      endpoints.getByRole('row').filter({ hasText: receiver.url }),
    ).toContainText('Active');
    await expect(
      page.getByRole('heading', { name: `Deliveries to ${receiver.url}` }),
    ).toBeVisible();
    const log = page.getByRole('table', { name: 'Deliveries' });
    await expect(log).toContainText(
      'Nothing was delivered to this endpoint yet.',
    );

    await page.getByRole('button', { name: 'Send test event' }).click();
    await expect(page.getByText(/A test event is on its way/)).toBeVisible();
    await expect
      .poll(() => receiver.ofType('webhook.test').length, { timeout: 20_000 })
      .toBe(1);
    const [test] = receiver.ofType('webhook.test');
    // Signed with the secret the page showed.
    expect(signedWith(secret, test)).toBe(true);

    const delivered = log.getByRole('row').filter({ hasText: 'Test event' });
    await expect(async () => {
      await page.getByRole('button', { name: 'Refresh' }).click();
      await expect(delivered).toHaveCount(1, { timeout: 1000 });
    }).toPass({ timeout: 20_000 });
    await expect(delivered).toContainText('Delivered');
    await expect(delivered).toContainText('204');
    await expect(delivered).toContainText(/\d+ ms/);

    // Redelivery sends the same event (same webhook-id) again.
    await delivered
      .getByRole('button', { name: 'Redeliver webhook.test, attempt 1' })
      .click();
    await expect
      .poll(() => receiver.ofType('webhook.test').length, { timeout: 20_000 })
      .toBe(2);
    const [first, again] = receiver.ofType('webhook.test');
    expect(again.headers['webhook-id']).toBe(first.headers['webhook-id']);
    await expect(async () => {
      await page.getByRole('button', { name: 'Refresh' }).click();
      await expect(delivered).toHaveCount(2, { timeout: 1000 });
    }).toPass({ timeout: 20_000 });

    // Edit: turn it off, and the list says so.
    await endpoints
      .getByRole('button', { name: `Edit ${receiver.url}` })
      .click();
    const edit = page.getByRole('dialog', { name: 'Edit the webhook' });
    await edit
      .getByRole('switch', { name: 'Send events to this endpoint' })
      .click();
    await edit.getByRole('button', { name: 'Save' }).click();
    await expect(edit).toHaveCount(0);
    await expect(
      endpoints.getByRole('row').filter({ hasText: receiver.url }),
    ).toContainText('Disabled');

    // Remove, after confirming.
    await endpoints
      .getByRole('button', { name: `Remove ${receiver.url}` })
      .click();
    await page
      .getByRole('dialog', { name: `Remove the webhook ${receiver.url}?` })
      .getByRole('button', { name: 'Remove' })
      .click();
    await expect(page.getByText('No webhooks yet.')).toBeVisible();
    await expect(page).toHaveURL(/\/integrations\?tab=webhooks$/);
  } finally {
    await removeWebhook(page, { id: webhookId, url: receiver.url });
  }
});

test('screenshots of the Integrations page', async ({ page }) => {
  await addToken(page, 'Payroll sync', ['users:read']);
  await addToken(page, 'Security reports', ['audit:read']);
  const webhook = await addWebhook(page, 'CRM: role changes and deletions', [
    'user.role_changed',
    'user.deleted',
    'invitation.created',
  ]);
  try {
    await page.goto('/integrations');
    await expect(page.getByRole('table', { name: 'API tokens' })).toContainText(
      'Security reports',
    );
    await shoot(page, 'integrations-tokens.png');

    await deliverTestEvent(page, webhook);
    await deliverTestEvent(page, webhook);
    await page.goto(`/integrations?tab=webhooks&webhook=${webhook.id}`);
    const log = page.getByRole('table', { name: 'Deliveries' });
    await expect(async () => {
      await page.reload();
      await expect(log.getByRole('row')).toHaveCount(3, { timeout: 1000 });
    }).toPass({ timeout: 20_000 });
    await shoot(page, 'integrations-webhooks.png');

    await page.setViewportSize(PHONE);
    await page.emulateMedia({ colorScheme: 'dark' });
    await expect(
      page.getByRole('button', { name: 'Open navigation' }),
    ).toBeVisible();
    await shoot(page, 'integrations-phone-dark.png');

    await page.setViewportSize(DESKTOP);
    await page.emulateMedia({ colorScheme: 'light' });
    await page.goto('/integrations');
    await page.getByRole('button', { name: 'Create token' }).click();
    const form = page.getByRole('dialog', { name: 'Create an API token' });
    await form.getByRole('textbox', { name: 'Name' }).fill('Data warehouse');
    await form.getByRole('checkbox', { name: /Read people/ }).check();
    await form.getByRole('button', { name: 'Create token' }).click();
    const shown = page.getByRole('dialog', { name: 'Your new token' });
    await expect(shown).toContainText('vipc_');
    await shoot(page, 'integrations-token-secret.png');
    await shown.getByRole('button', { name: 'Done' }).click();
  } finally {
    await removeWebhook(page, webhook);
  }
});

test.describe('accessibility', () => {
  test('the API tokens tab with tokens in it, light, dark and at 360 px', async ({
    page,
  }) => {
    await addToken(page, 'Axe reporting', ['users:read', 'audit:read']);
    await everyWay(page, '/integrations', () =>
      expect(page.getByRole('table', { name: 'API tokens' })).toContainText(
        'Axe reporting',
      ),
    );
  });

  test('the webhooks tab with a delivery log, light, dark and at 360 px', async ({
    page,
  }) => {
    const webhook = await addWebhook(page, 'Axe receiver');
    try {
      await deliverTestEvent(page, webhook);
      const log = page.getByRole('table', { name: 'Deliveries' });
      await everyWay(
        page,
        `/integrations?tab=webhooks&webhook=${webhook.id}`,
        async () => {
          await expect(async () => {
            await page.reload();
            await expect(log).toContainText('Delivered', { timeout: 1000 });
          }).toPass({ timeout: 20_000 });
        },
      );
    } finally {
      await removeWebhook(page, webhook);
    }
  });

  test('the token and webhook dialogs, with their secrets, light and dark', async ({
    page,
  }) => {
    await page.goto('/integrations');
    await page.getByRole('button', { name: 'Create token' }).click();
    const form = page.getByRole('dialog', { name: 'Create an API token' });
    await form.getByRole('button', { name: 'Create token' }).click();
    await expect(form).toContainText('Choose at least one.');
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await settle(page);
      await expectNoSeriousViolations(page, `the token form (${scheme})`);
    }
    await form.getByRole('textbox', { name: 'Name' }).fill('Axe dialog');
    await form.getByRole('checkbox', { name: /Read the audit trail/ }).check();
    await form.getByRole('button', { name: 'Create token' }).click();
    const shown = page.getByRole('dialog', { name: 'Your new token' });
    await expect(shown).toContainText('vipc_');
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await settle(page);
      await expectNoSeriousViolations(page, `the token secret (${scheme})`);
    }
    await shown.getByRole('button', { name: 'Done' }).click();

    await page.goto('/integrations?tab=webhooks');
    await page.getByRole('button', { name: 'Add webhook' }).click();
    const webhook = page.getByRole('dialog', { name: 'Add a webhook' });
    await expect(
      webhook.getByRole('textbox', { name: 'Endpoint URL' }),
    ).toBeVisible();
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await settle(page);
      await expectNoSeriousViolations(page, `the webhook form (${scheme})`);
    }
    await page.setViewportSize({ width: 360, height: 740 });
    await settle(page);
    await expectNoSeriousViolations(page, 'the webhook form at 360 px (dark)');
    await webhook.getByRole('button', { name: 'Cancel' }).click();
  });
});
