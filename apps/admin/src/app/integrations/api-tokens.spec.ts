import { Clipboard } from '@angular/cdk/clipboard';
import { TestBed } from '@angular/core/testing';
import { MatButtonHarness } from '@angular/material/button/testing';
import { MatCheckboxHarness } from '@angular/material/checkbox/testing';
import { MatDialogHarness } from '@angular/material/dialog/testing';
import { MatInputHarness } from '@angular/material/input/testing';
import { MatSelectHarness } from '@angular/material/select/testing';
import { MatTabNavBarHarness } from '@angular/material/tabs/testing';
import { anApiError } from '../../testing/factories';
import { anApiToken, aWebhook } from '../../testing/integration-factories';
import {
  IntegrationsPageDriver,
  isGet,
} from '../../testing/integrations-page-driver';
import type { CreatedApiToken } from '@vip/shared-dto';

// Dialogs driven through harnesses take seconds on a machine shared with other builds.
jest.setTimeout(30_000);
const SECRET = 'vipc_AbCdEfG_the-rest-of-the-secret-0123456789';

const ci = anApiToken({
  name: 'CI sync',
  prefix: 'vipc_AbCdEfG',
  scopes: ['users:read', 'audit:read'],
  lastUsedAt: new Date(Date.now() - 2 * 3600 * 1000).toISOString(),
  expiresAt: '2099-03-01T10:00:00.000Z',
});
const old = anApiToken({
  name: 'Old report',
  createdBy: null,
  revokedAt: '2026-11-21T10:00:00.000Z',
});
const lapsed = anApiToken({
  name: 'Lapsed',
  expiresAt: '2020-01-01T00:00:00.000Z',
});

describe('API tokens', () => {
  const page = new IntegrationsPageDriver();
  const isCreate = (req: { method: string; url: string }) =>
    req.method === 'POST' && req.url === '/api/tokens';

  afterEach(() => page.backend.verify());

  async function openDialog() {
    await (await page.buttonWithText(/Create token/)).click();
    return page.dialog();
  }

  async function fillIn(name: string, scopes: RegExp[], expiry?: string) {
    const dialog = await page.dialog();
    await (await dialog.getHarness(MatInputHarness)).setValue(name);
    for (const label of scopes)
      await (
        await dialog.getHarness(MatCheckboxHarness.with({ label }))
      ).check();
    if (expiry)
      await (
        await dialog.getHarness(MatSelectHarness)
      ).clickOptions({ text: expiry });
  }

  it('is the default tab and lists every token with its prefix, scopes, creator, use and expiry', async () => {
    await page.open('/integrations', {
      webhooks: [],
      tokens: [ci, old, lapsed],
    });
    const rows = await page.table('API tokens');
    expect(rows['name']).toEqual(['CI sync', 'Old report', 'Lapsed']);
    expect(rows['prefix']).toEqual([
      'vipc_AbCdEfG…',
      expect.stringMatching(/^vipc_\w{7}…$/),
      expect.stringMatching(/^vipc_\w{7}…$/),
    ]);
    expect(rows['scopes'][0]).toMatch(/^users:read\s*audit:read$/);
    expect(rows['createdBy']).toEqual(['Ada Lovelace', '—', 'Ada Lovelace']);
    expect(rows['lastUsedAt']).toEqual(['2 hours ago', 'Never', 'Never']);
    expect(rows['expiresAt']).toEqual(['Mar 1, 2099', 'Revoked', 'Expired']);
    // Revoked tokens cannot be revoked again; expired ones can, so they are gone for good.
    expect(rows['actions']).toEqual(['Revoke', '', 'Revoke']);
    expect(page.url()).toBe('/integrations');
  });

  it('says there are none yet, and why the list failed with a Retry', async () => {
    await page.open('/integrations', { webhooks: [], tokens: 'fail' });
    expect(page.text()).toContain(
      'The API tokens could not be loaded. Database unavailable',
    );
    await page.act(
      (await page.buttonWithText('Retry')).click(),
      isGet('/api/tokens'),
      [],
    );
    expect(page.text()).toContain('No API tokens yet.');
  });

  it('creates a token and shows its secret once, with a copy button and a warning, then lists it', async () => {
    await page.open('/integrations', { webhooks: [], tokens: [] });
    const copy = jest
      .spyOn(TestBed.inject(Clipboard), 'copy')
      .mockReturnValue(true);
    const dialog = await openDialog();
    expect(await dialog.getTitleText()).toBe('Create an API token');
    await fillIn('  CI sync ', [/Read people/, /audit trail/], 'In 30 days');
    await (await page.dialogButton('Create token')).click();

    const req = await page.next(isCreate);
    expect(req.request.body).toEqual({
      name: 'CI sync',
      scopes: ['users:read', 'audit:read'],
      expiresInDays: 30,
    });
    const created: CreatedApiToken = { token: ci, secret: SECRET };
    req.flush(created, { status: 201, statusText: 'Created' });
    await page.harness.fixture.whenStable();

    expect(await dialog.getTitleText()).toBe('Your new token');
    const content = await dialog.getContentText();
    expect(content).toContain(SECRET);
    expect(content).toContain('Copy it now: it will not be shown again.');
    await (
      await dialog.getHarness(
        MatButtonHarness.with({ selector: '[aria-label="Copy the token"]' }),
      )
    ).click();
    expect(copy).toHaveBeenCalledWith(SECRET);
    expect(await dialog.getContentText()).toContain('Copied to the clipboard.');

    // Escape does not throw the only copy away.
    await dialog.close();
    expect(
      await page.documentLoader.getAllHarnesses(MatDialogHarness),
    ).toHaveLength(1);

    await page.act(
      (await page.dialogButton('Done')).click(),
      isGet('/api/tokens'),
      [ci],
    );
    expect(await page.snackBarMessage()).toBe(
      'The token “CI sync” was created.',
    );
    expect((await page.table('API tokens'))['name']).toEqual(['CI sync']);
    // The secret went with the dialog.
    expect(document.body.textContent).not.toContain(SECRET);
  });

  it('lasts 90 days unless told otherwise', async () => {
    await page.open('/integrations', { webhooks: [], tokens: [] });
    await openDialog();
    await fillIn('Report', [/audit trail/]);
    await (await page.dialogButton('Create token')).click();
    const req = await page.next(isCreate);
    expect(req.request.body).toEqual({
      name: 'Report',
      scopes: ['audit:read'],
      expiresInDays: 90,
    });
    req.flush({ token: anApiToken(), secret: SECRET });
  });

  it('leaves the expiry out for a token that never expires', async () => {
    await page.open('/integrations', { webhooks: [], tokens: [] });
    await openDialog();
    await fillIn('Forever', [/Change people/], 'Never');
    await (await page.dialogButton('Create token')).click();
    const req = await page.next(isCreate);
    expect(req.request.body).toEqual({
      name: 'Forever',
      scopes: ['users:write'],
    });
    req.flush({ token: anApiToken(), secret: SECRET });
  });

  it('asks for a name and a scope before sending anything', async () => {
    await page.open('/integrations', { webhooks: [], tokens: [] });
    const dialog = await openDialog();
    await (await page.dialogButton('Create token')).click();
    const text = await dialog.getText();
    expect(text).toContain('A name is required.');
    expect(text).toContain('Choose at least one.');
    expect(page.backend.match(isCreate)).toHaveLength(0);
  });

  it('shows why the API refused the token and keeps the dialog open', async () => {
    await page.open('/integrations', { webhooks: [], tokens: [] });
    const dialog = await openDialog();
    await fillIn('CI sync', [/Read people/]);
    await (await page.dialogButton('Create token')).click();
    await page.fail(
      await page.next(isCreate),
      400,
      'name must be shorter than or equal to 100 characters',
    );
    expect(await dialog.getTitleText()).toBe('Create an API token');
    expect(await dialog.getContentText()).toContain(
      'name must be shorter than or equal to 100 characters',
    );
  });

  it('revokes a token after a confirmation naming it, then reloads', async () => {
    await page.open('/integrations', { webhooks: [], tokens: [ci] });
    await (await page.button('[aria-label="Revoke CI sync"]')).click();
    const dialog = await page.dialog();
    expect(await dialog.getTitleText()).toBe('Revoke the token “CI sync”?');
    expect(await dialog.getContentText()).toContain('vipc_AbCdEfG…');
    await (await page.dialogButton('Revoke')).click();
    const req = await page.next(
      (r) => r.method === 'DELETE' && r.url === `/api/tokens/${ci.id}`,
    );
    req.flush(null, { status: 204, statusText: 'No Content' });
    await page.respond(await page.next(isGet('/api/tokens')), [
      { ...ci, revokedAt: new Date().toISOString() },
    ]);
    expect(await page.snackBarMessage()).toBe(
      'The token “CI sync” was revoked.',
    );
    expect((await page.table('API tokens'))['expiresAt']).toEqual(['Revoked']);
  });

  it('sends nothing when the revocation is cancelled', async () => {
    await page.open('/integrations', { webhooks: [], tokens: [ci] });
    await (await page.button('[aria-label="Revoke CI sync"]')).click();
    await (await page.dialogButton('Cancel')).click();
    expect(page.backend.match((r) => r.method === 'DELETE')).toHaveLength(0);
  });

  it('says why a revocation failed', async () => {
    await page.open('/integrations', { webhooks: [], tokens: [ci] });
    await (await page.button('[aria-label="Revoke CI sync"]')).click();
    await (await page.dialogButton('Revoke')).click();
    const req = await page.next((r) => r.method === 'DELETE');
    req.flush(anApiError(404, 'Not found'), {
      status: 404,
      statusText: 'Not Found',
    });
    await page.respond(await page.next(isGet('/api/tokens')), []);
    expect(await page.snackBarMessage()).toBe(
      'The token “CI sync” no longer exists.',
    );
  });
});

describe('the Integrations tabs', () => {
  const page = new IntegrationsPageDriver();
  afterEach(() => page.backend.verify());

  it('keeps the tab in the URL', async () => {
    await page.open('/integrations?tab=webhooks', {
      webhooks: [aWebhook({ url: 'https://crm.example.com/in' })],
    });
    expect(page.text()).toContain('https://crm.example.com/in');
    const tabs = await page.loader.getHarness(MatTabNavBarHarness);
    expect(await (await tabs.getActiveLink()).getLabel()).toBe('Webhooks');
    await page.act(
      tabs.clickLink({ label: 'API tokens' }),
      isGet('/api/tokens'),
      [],
    );
    expect(page.url()).toBe('/integrations');
    expect(await (await tabs.getActiveLink()).getLabel()).toBe('API tokens');
    await tabs.clickLink({ label: 'Webhooks' });
    expect(page.url()).toBe('/integrations?tab=webhooks');
  });
});
