import type { AccessTokenResponse, User } from '@vip/shared-dto';
import { aGoogleIdentity, encodeIdentity } from '@vip/testing';
import { Browser, followGoogleSignIn, signIn, startTestApp, type TestApp } from './support/test-app';

describe('Google sign-in (through the real OAuth redirect flow)', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  const userCount = async () => (await app.db.query<{ n: number }>('SELECT count(*)::int AS n FROM users')).rows[0].n;

  it('starts with a redirect to the provider carrying state, PKCE S256 and the openid scopes', async () => {
    const browser = new Browser(app.origin);
    const start = await browser.get(`${app.url}/api/auth/google`);
    expect(start.status).toBe(302);
    const location = new URL(start.headers.get('location')!);
    expect(location.href.startsWith(process.env['GOOGLE_AUTHORIZATION_URL']!)).toBe(true);
    expect(location.searchParams.get('response_type')).toBe('code');
    expect(location.searchParams.get('scope')).toBe('openid email profile');
    expect(location.searchParams.get('code_challenge_method')).toBe('S256');
    expect(location.searchParams.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(location.searchParams.get('state')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(location.searchParams.get('redirect_uri')).toBe(app.config.google!.callbackUrl);
    expect(browser.cookie('vip_oauth_state')).toBe(location.searchParams.get('state'));
  });

  it('makes the first account administrator and the second coordinator', async () => {
    const first = await signIn(app, aGoogleIdentity());
    const second = await signIn(app, aGoogleIdentity());
    expect(first.user.role).toBe('administrator');
    expect(second.user.role).toBe('coordinator');
  });

  it('sets an httpOnly, SameSite, path-scoped session cookie and puts no token in any URL', async () => {
    const browser = new Browser(app.origin);
    const callback = await followGoogleSignIn(app, aGoogleIdentity(), browser);
    expect(callback.status).toBe(302);
    expect(callback.headers.get('location')).toBe(app.config.adminUrl);
    const cookie = callback.headers.getSetCookie().find((line) => line.startsWith('vip_session='))!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    expect(cookie).toMatch(/Path=\/api\/auth/);
    expect(callback.headers.get('location')).not.toMatch(/token|code=/i);
    const stored = await app.db.query<{ token_hash: string }>('SELECT token_hash FROM sessions');
    const secret = browser.cookie('vip_session')!.split('.')[1];
    expect(stored.rows.map((row) => row.token_hash)).not.toContain(secret);
  });

  it('identifies people by provider subject and refreshes their profile at each sign-in', async () => {
    const identity = aGoogleIdentity();
    const before = await signIn(app, identity);
    const renamed = { ...identity, email: `Renamed-${identity.email}`, name: 'New Name', picture: 'https://lh3.googleusercontent.com/a/new' };
    const after = await signIn(app, renamed);
    expect(after.user.id).toBe(before.user.id);
    expect(after.user.email).toBe(renamed.email.toLowerCase());
    expect(after.user.name).toBe('New Name');
    expect(after.user.picture).toBe(renamed.picture);
    expect(Date.parse(after.user.lastSignInAt!)).toBeGreaterThanOrEqual(Date.parse(before.user.lastSignInAt!));
  });

  it('answers GET /api/auth/me with the caller, and nothing secret', async () => {
    const { auth, user } = await signIn(app, aGoogleIdentity());
    const me = await new Browser().get<User>(`${app.url}/api/auth/me`, auth);
    expect(me.status).toBe(200);
    expect(me.body).toEqual(user);
    expect(Object.keys(me.body).sort()).toEqual(
      ['createdAt', 'email', 'id', 'lastSignInAt', 'name', 'picture', 'provider', 'role', 'updatedAt'].sort(),
    );
  });

  describe('refuses, creating and changing nobody', () => {
    const refusal = async (callback: { status: number; headers: Headers }) => {
      expect(callback.status).toBe(302);
      expect(callback.headers.getSetCookie().some((line) => line.startsWith('vip_session=') && !line.startsWith('vip_session=;'))).toBe(false);
      return new URL(callback.headers.get('location')!);
    };

    it('a forged state', async () => {
      const before = await userCount();
      const browser = new Browser(app.origin);
      const start = await browser.get(`${app.url}/api/auth/google?login_hint=${encodeIdentity(aGoogleIdentity())}`);
      const authorize = new URL(start.headers.get('location')!);
      authorize.searchParams.set('state', 'forged-state-forged-state-forged-state-abcd');
      browser.setCookie('vip_oauth_state', 'forged-state-forged-state-forged-state-abcd', '/api/auth/google');
      const consent = await browser.get(authorize.href);
      const location = await refusal(await browser.get(consent.headers.get('location')!));
      expect(location.href).toBe(`${app.config.adminUrl}login?error=invalid_state`);
      expect(await userCount()).toBe(before);
    });

    it('a callback from another browser (state cookie missing)', async () => {
      const before = await userCount();
      const starter = new Browser(app.origin);
      const start = await starter.get(`${app.url}/api/auth/google?login_hint=${encodeIdentity(aGoogleIdentity())}`);
      const consent = await starter.get(start.headers.get('location')!);
      const location = await refusal(await new Browser(app.origin).get(consent.headers.get('location')!));
      expect(location.searchParams.get('error')).toBe('invalid_state');
      expect(await userCount()).toBe(before);
    });

    it('a reused state', async () => {
      const browser = new Browser(app.origin);
      const start = await browser.get(`${app.url}/api/auth/google?login_hint=${encodeIdentity(aGoogleIdentity())}`);
      const state = browser.cookie('vip_oauth_state')!;
      const consent = await browser.get(start.headers.get('location')!);
      const callbackUrl = consent.headers.get('location')!;
      expect((await browser.get(callbackUrl)).headers.get('location')).toBe(app.config.adminUrl);
      const before = await userCount();
      browser.setCookie('vip_oauth_state', state, '/api/auth/google');
      const location = await refusal(await browser.get(callbackUrl));
      expect(location.searchParams.get('error')).toBe('invalid_state');
      expect(await userCount()).toBe(before);
    });

    it('a callback without code or state', async () => {
      const location = await refusal(await new Browser().get(`${app.url}/api/auth/google/callback`));
      expect(location.searchParams.get('error')).toBe('invalid_state');
    });

    it('denied consent', async () => {
      const before = await userCount();
      const location = await refusal(await followGoogleSignIn(app, aGoogleIdentity({ deny: true })));
      expect(location.searchParams.get('error')).toBe('access_denied');
      expect(await userCount()).toBe(before);
    });

    it('an unverified email', async () => {
      const before = await userCount();
      const location = await refusal(await followGoogleSignIn(app, aGoogleIdentity({ email_verified: false })));
      expect(location.searchParams.get('error')).toBe('email_unverified');
      expect(await userCount()).toBe(before);
    });

    it('an unverified email of a known person, leaving their profile as it was', async () => {
      const identity = aGoogleIdentity();
      const { user } = await signIn(app, identity);
      await refusal(await followGoogleSignIn(app, { ...identity, name: 'Changed', email_verified: false }));
      const row = await app.db.query('SELECT name, last_sign_in_at FROM users WHERE id = $1', [user.id]);
      expect(row.rows[0].name).toBe(identity.name);
      expect(row.rows[0].last_sign_in_at.toISOString()).toBe(user.lastSignInAt);
    });
  });

  describe('the session', () => {
    it('refresh rotates the cookie: the old one stops working', async () => {
      const { browser } = await signIn(app, aGoogleIdentity());
      const old = browser.cookie('vip_session')!;
      const refreshed = await browser.post<AccessTokenResponse>(`${app.url}/api/auth/refresh`);
      expect(refreshed.status).toBe(200);
      expect(refreshed.body.expiresIn).toBe(900);
      expect(browser.cookie('vip_session')).not.toBe(old);
      const replay = new Browser(app.origin);
      replay.setCookie('vip_session', old, '/api/auth');
      expect((await replay.post(`${app.url}/api/auth/refresh`)).status).toBe(401);
    });

    it('refresh demands the console origin', async () => {
      const { browser } = await signIn(app, aGoogleIdentity());
      const foreign = await browser.post(`${app.url}/api/auth/refresh`, undefined, { origin: 'https://evil.example' });
      expect(foreign.status).toBe(403);
      expect((await browser.request('POST', `${app.url}/api/auth/refresh`, { headers: { origin: '' } })).status).toBe(403);
    });

    it('refresh without a session is 401', async () => {
      expect((await new Browser(app.origin).post(`${app.url}/api/auth/refresh`)).status).toBe(401);
      const garbage = new Browser(app.origin);
      garbage.setCookie('vip_session', "x' OR 1=1 --", '/api/auth');
      expect((await garbage.post(`${app.url}/api/auth/refresh`)).status).toBe(401);
    });

    it('logout revokes the session and clears the cookie', async () => {
      const { browser } = await signIn(app, aGoogleIdentity());
      const cookie = browser.cookie('vip_session')!;
      const logout = await browser.post(`${app.url}/api/auth/logout`);
      expect(logout.status).toBe(204);
      expect(browser.cookie('vip_session')).toBeUndefined();
      const replay = new Browser(app.origin);
      replay.setCookie('vip_session', cookie, '/api/auth');
      expect((await replay.post(`${app.url}/api/auth/refresh`)).status).toBe(401);
    });
  });

  it('has no dev sign-in while Google is configured', async () => {
    const reply = await new Browser(app.origin).post(`${app.url}/api/auth/dev-login`, { email: 'dev@example.com', name: 'Dev' });
    expect(reply.status).toBe(404);
    expect(await app.db.query("SELECT 1 FROM users WHERE email = 'dev@example.com'")).toMatchObject({ rowCount: 0 });
  });
});

describe('Google sign-in limited to domains', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ env: { GOOGLE_ALLOWED_DOMAINS: 'vip.example, partner.example' } });
  });
  afterAll(() => app.close());

  it('refuses other domains on the server and admits listed ones', async () => {
    const refused = await followGoogleSignIn(app, aGoogleIdentity({ email: 'mallory@evil.example' }));
    expect(new URL(refused.headers.get('location')!).searchParams.get('error')).toBe('domain_not_allowed');
    expect((await app.db.query('SELECT count(*)::int AS n FROM users')).rows[0].n).toBe(0);
    const admitted = await signIn(app, aGoogleIdentity({ email: 'ada@Partner.example' }));
    expect(admitted.user.email).toBe('ada@partner.example');
  });
});

describe('dev sign-in', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ env: { GOOGLE_CLIENT_ID: '', GOOGLE_CLIENT_SECRET: '' } });
  });
  afterAll(() => app.close());

  it('works like a Google sign-in when no Google client is configured', async () => {
    const browser = new Browser(app.origin);
    const config = await browser.get(`${app.url}/api/auth/config`);
    expect(config.body).toEqual({ google: false, devLogin: true });
    const login = await browser.post<AccessTokenResponse>(`${app.url}/api/auth/dev-login`, { email: 'Dev@Example.com', name: 'Dev Person' });
    expect(login.status).toBe(200);
    expect(login.body.user).toMatchObject({ email: 'dev@example.com', role: 'administrator', provider: 'dev' });
    expect((await browser.post(`${app.url}/api/auth/refresh`)).status).toBe(200);
    expect((await browser.get(`${app.url}/api/auth/google`)).status).toBe(404);
  });

  it('validates its input', async () => {
    const reply = await new Browser(app.origin).post(`${app.url}/api/auth/dev-login`, { email: 'not-an-email', name: '' });
    expect(reply.status).toBe(400);
  });
});
