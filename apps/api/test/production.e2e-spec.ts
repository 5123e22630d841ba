import type { AccessTokenResponse } from '@vip/shared-dto';
import { AppConfig, ConfigError } from '../src/config/app-config';
import { aGoogleIdentity, encodeIdentity } from '@vip/testing';
import { Browser, startTestApp, TEST_JWT_SECRET, type TestApp } from './support/test-app';

/** The app as `npm run start:prod` runs it: NODE_ENV=production and only what production requires. */
describe('production mode', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp({ env: { NODE_ENV: 'production', BOOTSTRAP_ADMIN_EMAIL: 'boss@example.com' } });
  });
  afterAll(() => app.close());

  /** The Google dance by hand, so each step's headers can be looked at. */
  const signInSteps = async (headers: Record<string, string> = {}) => {
    const browser = new Browser(app.origin);
    const start = await browser.get(
      `${app.url}/api/auth/google?login_hint=${encodeIdentity(aGoogleIdentity())}`,
      headers,
    );
    const consent = await browser.get(start.headers.get('location')!);
    const callback = await browser.get(consent.headers.get('location')!, headers);
    return { browser, start, callback };
  };
  const cookieLine = (reply: { headers: Headers }, name: string) =>
    reply.headers.getSetCookie().find((line) => line.startsWith(`${name}=`));

  it('runs in production mode', () => {
    expect(app.config.production).toBe(true);
  });

  it('marks every cookie Secure: the sign-in state, the session, and its rotation', async () => {
    const { browser, start, callback } = await signInSteps();
    expect(cookieLine(start, 'vip_oauth_state')).toMatch(/; Secure(;|$)/);
    expect(callback.status).toBe(302);
    expect(callback.headers.get('location')).toBe(app.config.adminUrl);
    expect(cookieLine(callback, 'vip_session')).toMatch(/; Secure(;|$)/);
    const refreshed = await browser.post<AccessTokenResponse>(`${app.url}/api/auth/refresh`);
    expect(refreshed.status).toBe(200);
    expect(cookieLine(refreshed, 'vip_session')).toMatch(/; Secure(;|$)/);
    const logout = await browser.post(`${app.url}/api/auth/logout`);
    expect(cookieLine(logout, 'vip_session')).toMatch(/; Secure(;|$)/);
  });

  it('has no dev sign-in, and refuses to be configured with one', async () => {
    expect((await new Browser(app.origin).get(`${app.url}/api/auth/config`)).body).toEqual({
      google: true,
      devLogin: false,
    });
    const reply = await new Browser(app.origin).post(`${app.url}/api/auth/dev-login`, {
      email: 'dev@example.com',
      name: 'Dev',
    });
    expect(reply.status).toBe(404);
    expect((await app.db.query(`SELECT 1 FROM users WHERE email = 'dev@example.com'`)).rowCount).toBe(0);
    const env = {
      NODE_ENV: 'production',
      DATABASE_URL: app.databaseUrl,
      JWT_SECRET: TEST_JWT_SECRET,
      GOOGLE_CLIENT_ID: 'id',
      GOOGLE_CLIENT_SECRET: 'secret',
    };
    expect(() => new AppConfig({ ...env, DEV_LOGIN: 'true' })).toThrow(
      new ConfigError('DEV_LOGIN cannot be enabled when NODE_ENV=production'),
    );
  });

  it('asks browsers to upgrade insecure requests', async () => {
    const reply = await new Browser().get(`${app.url}/api/health`);
    expect(reply.headers.get('content-security-policy')).toContain('upgrade-insecure-requests');
  });

  // No proxy is trusted unless TRUST_PROXY says so: a forged X-Forwarded-For is ignored
  // (rate-limit.e2e-spec.ts covers a trusted proxy).
  it('records the socket address, not what X-Forwarded-For claims', async () => {
    const { callback } = await signInSteps({ 'x-forwarded-for': '198.51.100.1, 203.0.113.7' });
    expect(callback.status).toBe(302);
    const event = await app.db.query<{ ip: string }>(
      `SELECT ip FROM audit_events WHERE action = 'user.signed_in' ORDER BY id DESC LIMIT 1`,
    );
    expect(event.rows[0].ip).toBe('127.0.0.1');
  });
});
