import { TestBed } from '@angular/core/testing';
import { MatCheckboxHarness } from '@angular/material/checkbox/testing';
import { MatInputHarness } from '@angular/material/input/testing';
import { MatPaginatorHarness } from '@angular/material/paginator/testing';
import { MatSlideToggleHarness } from '@angular/material/slide-toggle/testing';
import { Clipboard } from '@angular/cdk/clipboard';
import { MatButtonHarness } from '@angular/material/button/testing';
import { aPage, anApiError } from '../../testing/factories';
import { aDelivery, aWebhook } from '../../testing/integration-factories';
import {
  IntegrationsPageDriver,
  isGet,
} from '../../testing/integrations-page-driver';
import type { CreatedWebhook, Webhook } from '@vip/shared-dto';
import { WEBHOOK_EVENT_TYPES } from '@vip/shared-dto';

// Dialogs driven through harnesses take seconds on a machine shared with other builds.
jest.setTimeout(30_000);
const SECRET = 'whsec_c2VjcmV0LXNpZ25pbmcta2V5LTAxMjM0NTY3ODk=';

const crm = aWebhook({
  url: 'https://crm.example.com/hooks/vip',
  description: 'CRM sync',
  events: ['user.role_changed', 'user.deleted', 'invitation.created'],
});
const broken = aWebhook({
  url: 'https://broken.example.com/in',
  events: [...WEBHOOK_EVENT_TYPES],
  enabled: false,
  disabledReason: 'failing',
  disabledAt: '2026-11-30T08:00:00.000Z',
  failingSince: '2026-11-29T08:00:00.000Z',
});
const paused = aWebhook({
  url: 'https://paused.example.com/in',
  enabled: false,
  disabledReason: 'manual',
  disabledAt: '2026-11-30T08:00:00.000Z',
});

const deliveriesOf = (webhook: Webhook) =>
  isGet(`/api/webhooks/${webhook.id}/deliveries`);

describe('Webhooks', () => {
  const page = new IntegrationsPageDriver();

  afterEach(() => page.backend.verify());

  async function openWebhooks(webhooks: Webhook[] = [crm]) {
    await page.open('/integrations?tab=webhooks', { webhooks });
  }

  it('lists each endpoint with its events and status', async () => {
    await openWebhooks([crm, broken, paused]);
    const rows = await page.table('Webhooks');
    expect(rows['url']).toEqual([
      'https://crm.example.com/hooks/vipCRM sync',
      'https://broken.example.com/in',
      'https://paused.example.com/in',
    ]);
    expect(rows['events']).toEqual([
      'user.role_changed, user.deleted and 1 more',
      'All events',
      'user.role_changed, user.deleted',
    ]);
    expect(rows['status']).toEqual([
      'Active',
      'Turned off: failing',
      'Disabled',
    ]);
    // The list alone: no delivery log is asked for until one is chosen.
    expect(page.backend.match(() => true)).toHaveLength(0);
  });

  it('tells administrators about an endpoint turned off after a day of failures, and turns it on again', async () => {
    await page.open('/integrations', {
      webhooks: [crm, broken, paused],
      tokens: [],
    });
    const banner = (page.harness.routeNativeElement as HTMLElement)
      .querySelector('.banner')
      ?.textContent?.replace(/\s+/g, ' ');
    expect(banner).toContain('A webhook was turned off.');
    expect(banner).toContain(
      'Deliveries to https://broken.example.com/in kept failing for a day, so on Nov 30, 2026',
    );
    // Only the endpoint the API turned off, not one an administrator paused.
    expect(page.text()).not.toContain('https://paused.example.com/in');
    expect(page.text()).not.toContain('https://crm.example.com/hooks/vip');

    await (
      await page.button('[aria-label="Turn on https://broken.example.com/in"]')
    ).click();
    const req = await page.next((r) => r.method === 'PATCH');
    expect(req.request.url).toBe(`/api/webhooks/${broken.id}`);
    expect(req.request.body).toEqual({ enabled: true });
    req.flush({ ...broken, enabled: true, disabledReason: null });
    await page.respond(await page.next(isGet('/api/webhooks')), [
      crm,
      { ...broken, enabled: true, disabledReason: null, disabledAt: null },
    ]);
    expect(page.text()).not.toContain('A webhook was turned off.');
    expect(await page.snackBarMessage()).toBe(
      'The webhook https://broken.example.com/in is on again.',
    );
  });

  it('links the banner to the turned-off endpoint’s deliveries', async () => {
    await page.open('/integrations', { webhooks: [broken], tokens: [] });
    const link = (page.harness.routeNativeElement as HTMLElement).querySelector(
      '.banner a',
    );
    expect(link?.getAttribute('href')).toBe(
      `/integrations?tab=webhooks&webhook=${broken.id}`,
    );
  });

  it('adds an endpoint, shows its signing secret once, then shows its delivery log', async () => {
    await openWebhooks([]);
    expect(page.text()).toContain('No webhooks yet.');
    const copy = jest
      .spyOn(TestBed.inject(Clipboard), 'copy')
      .mockReturnValue(true);
    await (await page.buttonWithText(/Add webhook/)).click();
    const dialog = await page.dialog();
    expect(await dialog.getTitleText()).toBe('Add a webhook');
    const [url, description] = await dialog.getAllHarnesses(MatInputHarness);
    await url.setValue('https://crm.example.com/hooks/vip');
    await description.setValue('CRM sync');
    for (const label of [/Role changed/, /^Deleted/, /^Invited/])
      await (
        await dialog.getHarness(MatCheckboxHarness.with({ label }))
      ).check();
    await (await page.dialogButton('Add webhook')).click();

    const req = await page.next(
      (r) => r.method === 'POST' && r.url === '/api/webhooks',
    );
    expect(req.request.body).toEqual({
      url: 'https://crm.example.com/hooks/vip',
      description: 'CRM sync',
      events: ['user.role_changed', 'user.deleted', 'invitation.created'],
    });
    const created: CreatedWebhook = { webhook: crm, secret: SECRET };
    req.flush(created, { status: 201, statusText: 'Created' });
    await page.harness.fixture.whenStable();

    expect(await dialog.getTitleText()).toBe('Your endpoint’s signing secret');
    expect(await dialog.getContentText()).toContain(SECRET);
    expect(await dialog.getContentText()).toContain(
      'Copy it now: it will not be shown again.',
    );
    await (
      await dialog.getHarness(
        MatButtonHarness.with({
          selector: '[aria-label="Copy the signing secret"]',
        }),
      )
    ).click();
    expect(copy).toHaveBeenCalledWith(SECRET);

    const done = (await page.dialogButton('Done')).click();
    (await page.next(isGet('/api/webhooks'))).flush([crm]);
    await page.act(done, deliveriesOf(crm), aPage([]));
    expect(page.url()).toBe(`/integrations?tab=webhooks&webhook=${crm.id}`);
    expect(page.text()).toContain(
      'Nothing was delivered to this endpoint yet.',
    );
    expect(document.body.textContent).not.toContain(SECRET);
  });

  it('asks for an address and an event before sending anything, and shows the API’s refusal', async () => {
    await openWebhooks([]);
    await (await page.buttonWithText(/Add webhook/)).click();
    const dialog = await page.dialog();
    await (await page.dialogButton('Add webhook')).click();
    expect(await dialog.getText()).toContain('The endpoint URL is required.');
    expect(await dialog.getText()).toContain('Choose at least one event.');
    const [url] = await dialog.getAllHarnesses(MatInputHarness);
    await url.setValue('crm.example.com');
    await (await page.dialogButton('Add webhook')).click();
    expect(await dialog.getText()).toContain(
      'Enter a full address, starting with https://',
    );
    expect(page.backend.match((r) => r.method === 'POST')).toHaveLength(0);

    await url.setValue('https://10.0.0.1/hook');
    await (await page.dialogButton('Select all')).click();
    await (await page.dialogButton('Add webhook')).click();
    const req = await page.next((r) => r.method === 'POST');
    expect(req.request.body.events).toEqual([...WEBHOOK_EVENT_TYPES]);
    req.flush(anApiError(400, 'The URL points to a private network'), {
      status: 400,
      statusText: 'Bad Request',
    });
    await page.harness.fixture.whenStable();
    expect(await dialog.getTitleText()).toBe('Add a webhook');
    expect(await dialog.getContentText()).toContain(
      'The URL points to a private network',
    );
  });

  it('edits an endpoint, sending only what changed', async () => {
    await openWebhooks();
    await (
      await page.button('[aria-label="Edit https://crm.example.com/hooks/vip"]')
    ).click();
    const dialog = await page.dialog();
    expect(await dialog.getTitleText()).toBe('Edit the webhook');
    const [url] = await dialog.getAllHarnesses(MatInputHarness);
    expect(await url.getValue()).toBe('https://crm.example.com/hooks/vip');
    const invited = await dialog.getHarness(
      MatCheckboxHarness.with({ label: /^Invited/ }),
    );
    expect(await invited.isChecked()).toBe(true);
    await invited.uncheck();
    await (await dialog.getHarness(MatSlideToggleHarness)).toggle();
    await (await page.dialogButton('Save')).click();

    const req = await page.next((r) => r.method === 'PATCH');
    expect(req.request.url).toBe(`/api/webhooks/${crm.id}`);
    expect(req.request.body).toEqual({
      enabled: false,
      events: ['user.role_changed', 'user.deleted'],
    });
    const saved = { ...crm, enabled: false };
    req.flush(saved);
    await page.respond(await page.next(isGet('/api/webhooks')), [saved]);
    expect((await page.table('Webhooks'))['status']).toEqual(['Disabled']);
    expect(await page.snackBarMessage()).toBe(
      'The webhook https://crm.example.com/hooks/vip was saved.',
    );
  });

  it('shows why a change was refused', async () => {
    await openWebhooks();
    await (
      await page.button('[aria-label="Edit https://crm.example.com/hooks/vip"]')
    ).click();
    const dialog = await page.dialog();
    const [url] = await dialog.getAllHarnesses(MatInputHarness);
    await url.setValue('http://crm.example.com/hooks/vip');
    await (await page.dialogButton('Save')).click();
    const req = await page.next((r) => r.method === 'PATCH');
    expect(req.request.body).toEqual({
      url: 'http://crm.example.com/hooks/vip',
    });
    req.flush(anApiError(400, 'url must be an HTTPS URL'), {
      status: 400,
      statusText: 'Bad Request',
    });
    await page.harness.fixture.whenStable();
    expect(await dialog.getContentText()).toContain('url must be an HTTPS URL');
  });

  it('removes an endpoint after a confirmation, and leaves its delivery log', async () => {
    await page.open(`/integrations?tab=webhooks&webhook=${crm.id}`, {
      webhooks: [crm],
      deliveries: aPage([]),
    });
    await (
      await page.button(
        '[aria-label="Remove https://crm.example.com/hooks/vip"]',
      )
    ).click();
    const dialog = await page.dialog();
    expect(await dialog.getTitleText()).toBe(
      'Remove the webhook https://crm.example.com/hooks/vip?',
    );
    await (await page.dialogButton('Remove')).click();
    const req = await page.next((r) => r.method === 'DELETE');
    expect(req.request.url).toBe(`/api/webhooks/${crm.id}`);
    req.flush(null, { status: 204, statusText: 'No Content' });
    await page.respond(await page.next(isGet('/api/webhooks')), []);
    expect(page.url()).toBe('/integrations?tab=webhooks');
    expect(page.text()).toContain('No webhooks yet.');
    expect(page.text()).not.toContain('Deliveries to');
  });

  it('sends nothing when the removal is cancelled', async () => {
    await openWebhooks();
    await (
      await page.button(
        '[aria-label="Remove https://crm.example.com/hooks/vip"]',
      )
    ).click();
    await (await page.dialogButton('Cancel')).click();
    expect(page.backend.match((r) => r.method === 'DELETE')).toHaveLength(0);
  });

  describe('the delivery log', () => {
    const failed = aDelivery({
      type: 'user.deleted',
      attempt: 3,
      ok: false,
      statusCode: null,
      durationMs: 10000,
      error: 'timed out',
    });
    const test = aDelivery({
      type: 'webhook.test',
      statusCode: 500,
      ok: false,
    });
    const delivered = aDelivery({
      attempt: 1,
      statusCode: 204,
      durationMs: 87,
    });

    it('opens from the endpoint’s row, on the page in the URL, and pages in the URL', async () => {
      await openWebhooks();
      await page.act(
        (
          await page.button(
            '[aria-label="Deliveries to https://crm.example.com/hooks/vip"]',
          )
        ).click(),
        deliveriesOf(crm),
        aPage([failed, delivered, test], { total: 60 }),
      );
      expect(page.url()).toBe(`/integrations?tab=webhooks&webhook=${crm.id}`);
      const rows = await page.table('Deliveries');
      expect(rows['type']).toEqual([
        'Deleted user.deleted',
        'Role changed user.role_changed',
        'Test event webhook.test',
      ]);
      expect(rows['attempt']).toEqual(['3', '1', '1']);
      expect(rows['result']).toEqual(['Failed', 'Delivered', 'Failed']);
      expect(rows['statusCode']).toEqual(['No answer timed out', '204', '500']);
      expect(rows['durationMs']).toEqual(['10000 ms', '87 ms', '42 ms']);

      const paginator = await page.loader.getHarness(MatPaginatorHarness);
      const req = await page.act(
        paginator.goToNextPage(),
        deliveriesOf(crm),
        aPage([delivered], { total: 60, page: 2 }),
      );
      expect(req.request.params.get('page')).toBe('2');
      expect(req.request.params.get('pageSize')).toBe('25');
      expect(page.url()).toBe(
        `/integrations?tab=webhooks&webhook=${crm.id}&page=2`,
      );
    });

    it('loads the endpoint and page a link names', async () => {
      const req = await page.open(
        `/integrations?tab=webhooks&webhook=${crm.id}&page=3&pageSize=10`,
        {
          webhooks: [crm],
          deliveries: aPage([delivered], { total: 21, page: 3, pageSize: 10 }),
        },
      );
      expect(req?.request.url).toBe(`/api/webhooks/${crm.id}/deliveries`);
      expect(req?.request.params.get('page')).toBe('3');
      expect(req?.request.params.get('pageSize')).toBe('10');
      expect(
        await (
          await page.loader.getHarness(MatPaginatorHarness)
        ).getRangeLabel(),
      ).toBe('21 – 21 of 21');
      expect(page.text()).toContain(
        'Deliveries to https://crm.example.com/hooks/vip',
      );
    });

    it('says so when the endpoint in the URL is gone', async () => {
      await page.open('/integrations?tab=webhooks&webhook=gone', {
        webhooks: [crm],
      });
      expect(page.text()).toContain('That webhook no longer exists.');
      expect(page.backend.match(() => true)).toHaveLength(0);
    });

    async function openLog() {
      await page.open(`/integrations?tab=webhooks&webhook=${crm.id}`, {
        webhooks: [crm],
        deliveries: aPage([failed, delivered]),
      });
    }

    it('sends a test event to the endpoint, then reloads the log', async () => {
      await openLog();
      await (await page.buttonWithText(/Send test event/)).click();
      const req = await page.next((r) => r.method === 'POST');
      expect(req.request.url).toBe(`/api/webhooks/${crm.id}/test`);
      req.flush(null, { status: 202, statusText: 'Accepted' });
      await page.respond(
        await page.next(deliveriesOf(crm)),
        aPage([delivered]),
      );
      expect(await page.snackBarMessage()).toBe(
        'A test event is on its way to https://crm.example.com/hooks/vip.',
      );
    });

    it('says why a test event was refused', async () => {
      await openLog();
      await (await page.buttonWithText(/Send test event/)).click();
      await page.fail(
        await page.next((r) => r.method === 'POST'),
        409,
        'The webhook is disabled',
      );
      expect(await page.snackBarMessage()).toBe(
        'Cannot send a test event: The webhook is disabled',
      );
    });

    it('redelivers the event of one delivery', async () => {
      await openLog();
      await (
        await page.button('[aria-label="Redeliver user.deleted, attempt 3"]')
      ).click();
      const req = await page.next((r) => r.method === 'POST');
      expect(req.request.url).toBe(
        `/api/webhooks/${crm.id}/deliveries/${failed.id}/redeliver`,
      );
      expect(req.request.body).toBeNull();
      req.flush(null, { status: 202, statusText: 'Accepted' });
      await page.respond(
        await page.next(deliveriesOf(crm)),
        aPage([delivered]),
      );
      expect(await page.snackBarMessage()).toBe(
        'The user.deleted event is queued for delivery again.',
      );
    });

    it('says why a redelivery was refused', async () => {
      await openLog();
      await (
        await page.button('[aria-label="Redeliver user.deleted, attempt 3"]')
      ).click();
      await page.fail(
        await page.next((r) => r.method === 'POST'),
        404,
        'Delivery not found',
      );
      expect(await page.snackBarMessage()).toBe(
        'Cannot redeliver: Delivery not found',
      );
    });
  });
});
