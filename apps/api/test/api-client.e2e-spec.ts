import { createVipClient, type VipApiError, type VipClient } from '@vip/api-client';
import { aGoogleIdentity } from '@vip/testing';
import { signIn, startTestApp, type TestApp } from './support/test-app';

/**
 * The typed client generated from the OpenAPI document (`@vip/api-client`), used as an
 * integrator would, against the real app: when the document and the API part ways,
 * this stops compiling or fails.
 */
describe('the typed API client (@vip/api-client)', () => {
  let app: TestApp;
  let vip: VipClient;

  beforeAll(async () => {
    app = await startTestApp();
    const ada = await signIn(app, aGoogleIdentity({ name: 'Ada Lovelace', email: 'ada@example.com' }));
    await signIn(app, aGoogleIdentity({ name: 'Grace Hopper', email: 'grace@example.com' }));
    await app.db.query(`
      INSERT INTO users (email, name, role, provider, provider_subject)
      SELECT 'driver' || i || '@fleet.example', 'Driver ' || i, 'driver', 'google', 'driver-' || i
      FROM generate_series(1, 6) AS i`);
    // An administrator makes the integration's credential, with the typed client too: an
    // API token holding the scopes the integration needs, its secret shown this once.
    const administrator = createVipClient({ baseUrl: app.url, token: ada.accessToken });
    const created = await administrator.POST('/api/tokens', {
      body: { name: 'Dispatch sync', scopes: ['users:read', 'users:write'], expiresInDays: 30 },
    });
    expect(created.response.status).toBe(201);
    const token = created.data!.secret;
    expect(token).toMatch(/^vipc_/);
    vip = createVipClient({ baseUrl: app.url, token });
  });
  afterAll(() => app.close());

  it('lists users a page at a time, typed', async () => {
    const { data, error, response } = await vip.GET('/api/auth/users', { params: { query: { pageSize: 5 } } });
    expect(error).toBeUndefined();
    expect(response.status).toBe(200);
    expect(data).toMatchObject({ total: 8, totalExact: true, page: 1, pageSize: 5 });
    expect(data!.items.map((user) => user.email)).toEqual([
      'ada@example.com',
      'driver1@fleet.example',
      'driver2@fleet.example',
      'driver3@fleet.example',
      'driver4@fleet.example',
    ]);
    const ada = data!.items[0];
    expect({ role: ada.role, status: ada.status }).toEqual({ role: 'administrator', status: 'active' });

    const drivers = await vip.GET('/api/auth/users', {
      params: { query: { role: 'driver', sort: '-email', page: 2, pageSize: 5 } },
    });
    expect(drivers.data).toMatchObject({ total: 6, page: 2, items: [{ email: 'driver1@fleet.example' }] });
  });

  it("changes a person's role and reads it back", async () => {
    const grace = { params: { path: { email: 'Grace@Example.com' } } };
    const changed = await vip.PATCH('/api/auth/users/{email}/role', { ...grace, body: { role: 'driver' } });
    expect(changed.response.status).toBe(200);
    expect(changed.data).toMatchObject({ email: 'grace@example.com', name: 'Grace Hopper', role: 'driver' });

    const read = await vip.GET('/api/auth/users/{email}', grace);
    expect(read.data?.role).toBe('driver');
  });

  it('answers a refusal with the documented error body', async () => {
    const lastAdministrator = await vip.PATCH('/api/auth/users/{email}/role', {
      params: { path: { email: 'ada@example.com' } },
      body: { role: 'coordinator' },
    });
    expect(lastAdministrator.data).toBeUndefined();
    expect(lastAdministrator.response.status).toBe(409);
    const error: VipApiError | undefined = lastAdministrator.error;
    expect(error).toEqual({
      statusCode: 409,
      error: 'Conflict',
      message: expect.any(String),
      code: 'LAST_ADMINISTRATOR',
      requestId: lastAdministrator.response.headers.get('x-request-id'),
    });

    const missing = await vip.GET('/api/auth/users/{email}', { params: { path: { email: 'nobody@example.com' } } });
    expect({ status: missing.response.status, code: missing.error?.code }).toEqual({ status: 404, code: 'NOT_FOUND' });
  });

  it('is typed so that what the API refuses does not compile', async () => {
    const refused = await vip.PATCH('/api/auth/users/{email}/role', {
      params: { path: { email: 'grace@example.com' } },
      // @ts-expect-error `pilot` is not a role (and the API says so too)
      body: { role: 'pilot' },
    });
    expect({ status: refused.response.status, code: refused.error?.code }).toEqual({ status: 400, code: 'VALIDATION' });
    // @ts-expect-error no such path
    const unknown = await vip.GET('/api/auth/no-such-thing');
    expect(unknown.response.status).toBe(404);
  });

  it("answers 403 outside the token's scopes, and its actions are audited as the token", async () => {
    const audit = await vip.GET('/api/audit-events');
    expect({ status: audit.response.status, code: audit.error?.code }).toEqual({ status: 403, code: 'FORBIDDEN' });
    const { rows } = await app.db.query<{ actor_token_name: string; actor_email: string | null }>(
      `SELECT actor_token_name, actor_email FROM audit_events WHERE action = 'user.role_changed'`,
    );
    expect(rows).toEqual([{ actor_token_name: 'Dispatch sync', actor_email: null }]);
  });

  it('answers 401 without a token, with the error body', async () => {
    const anonymous = createVipClient({ baseUrl: app.url });
    const { data, error, response } = await anonymous.GET('/api/auth/users');
    expect(data).toBeUndefined();
    expect(response.status).toBe(401);
    expect(error).toMatchObject({ statusCode: 401, code: 'UNAUTHENTICATED' });
  });
});
