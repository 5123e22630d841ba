import { sign } from 'jsonwebtoken';
import { aGoogleIdentity } from '@vip/testing';
import { TOKEN_AUDIENCE, TOKEN_ISSUER } from '../src/auth/access-tokens';
import { Browser, signIn, startTestApp, TEST_JWT_SECRET, type SignedIn, type TestApp } from './support/test-app';

describe('access tokens', () => {
  let app: TestApp;
  let admin: SignedIn;
  const http = new Browser();

  beforeAll(async () => {
    app = await startTestApp();
    admin = await signIn(app, aGoogleIdentity());
  });
  afterAll(() => app.close());

  const me = (authorization?: string) =>
    http.get(`${app.url}/api/auth/me`, authorization === undefined ? {} : { authorization });
  const base64url = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const claims = () => ({ sub: admin.user.id, iss: TOKEN_ISSUER, aud: TOKEN_AUDIENCE });

  it('admits a valid token', async () => {
    expect((await me(`Bearer ${admin.accessToken}`)).status).toBe(200);
  });

  it.each([
    ['no header', undefined],
    ['an empty header', ''],
    ['another scheme', `Basic ${Buffer.from('a:b').toString('base64')}`],
    ['a malformed token', 'Bearer not.a.jwt'],
    ['a token with garbage appended', 'Bearer x'],
  ])('refuses %s with 401', async (_name, header) => {
    const reply = await me(header === 'Bearer x' ? `Bearer ${admin.accessToken}x` : header);
    expect(reply.status).toBe(401);
    expect(reply.body).toMatchObject({ statusCode: 401, error: 'Unauthorized' });
  });

  it('refuses a forged signature', async () => {
    const forged = sign(claims(), 'another-secret-that-is-long-enough-0123456789', { expiresIn: 600 });
    expect((await me(`Bearer ${forged}`)).status).toBe(401);
  });

  it('refuses an expired token', async () => {
    const expired = sign({ ...claims(), exp: Math.floor(Date.now() / 1000) - 10 }, TEST_JWT_SECRET);
    expect((await me(`Bearer ${expired}`)).status).toBe(401);
  });

  it('refuses a token without exp', async () => {
    const eternal = sign(claims(), TEST_JWT_SECRET);
    expect((await me(`Bearer ${eternal}`)).status).toBe(401);
  });

  it('refuses alg "none"', async () => {
    const unsigned = `${base64url({ alg: 'none', typ: 'JWT' })}.${base64url({ ...claims(), exp: Math.floor(Date.now() / 1000) + 600 })}.`;
    expect((await me(`Bearer ${unsigned}`)).status).toBe(401);
  });

  it('refuses another algorithm, even with the right secret', async () => {
    const hs512 = sign(claims(), TEST_JWT_SECRET, { algorithm: 'HS512', expiresIn: 600 });
    expect((await me(`Bearer ${hs512}`)).status).toBe(401);
  });

  it('refuses the wrong issuer or audience', async () => {
    const wrongIssuer = sign({ ...claims(), iss: 'someone-else' }, TEST_JWT_SECRET, { expiresIn: 600 });
    const wrongAudience = sign({ ...claims(), aud: 'another-api' }, TEST_JWT_SECRET, { expiresIn: 600 });
    expect((await me(`Bearer ${wrongIssuer}`)).status).toBe(401);
    expect((await me(`Bearer ${wrongAudience}`)).status).toBe(401);
  });

  it('refuses a well-signed token whose subject is not a user id', async () => {
    const odd = sign({ ...claims(), sub: "1' OR '1'='1" }, TEST_JWT_SECRET, { expiresIn: 600 });
    const reply = await me(`Bearer ${odd}`);
    expect(reply.status).toBe(401);
    expect(reply.text).not.toMatch(/select|syntax|stack/i);
  });

  it('judges an old token by the current role: a demoted administrator gets 403 next request', async () => {
    const second = await signIn(app, aGoogleIdentity());
    const promote = await http.request('PATCH', `${app.url}/api/auth/users/${second.user.email}/role`, {
      headers: admin.auth,
      body: { role: 'administrator' },
    });
    expect(promote.status).toBe(200);
    expect((await http.get(`${app.url}/api/auth/users`, second.auth)).status).toBe(200);
    await http.request('PATCH', `${app.url}/api/auth/users/${second.user.email}/role`, {
      headers: admin.auth,
      body: { role: 'driver' },
    });
    expect((await http.get(`${app.url}/api/auth/users`, second.auth)).status).toBe(403);
    expect((await http.get<{ role: string }>(`${app.url}/api/auth/me`, second.auth)).body.role).toBe('driver');
  });

  it('judges an old token by the current state: a deleted user gets 401 and cannot refresh', async () => {
    const doomed = await signIn(app, aGoogleIdentity());
    expect(
      (await http.request('DELETE', `${app.url}/api/auth/users/${doomed.user.email}`, { headers: admin.auth })).status,
    ).toBe(204);
    expect((await http.get(`${app.url}/api/auth/me`, doomed.auth)).status).toBe(401);
    expect((await doomed.browser.post(`${app.url}/api/auth/refresh`)).status).toBe(401);
    expect((await app.db.query('SELECT 1 FROM sessions WHERE user_id = $1', [doomed.user.id])).rowCount).toBe(0);
  });
});
