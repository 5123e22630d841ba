import type { AccessTokenResponse, User } from '@vip/shared-dto';
import { createHash } from 'node:crypto';
import { OAuthStatePruner } from '../src/auth/oauth-state.pruner';
import { MAX_PENDING_STATES } from '../src/auth/oauth-state.store';
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
    const [id, secret] = browser.cookie('vip_session')!.split('.');
    const stored = await app.db.query<{ token_hash: string }>('SELECT token_hash FROM sessions WHERE id = $1', [id]);
    // Only the SHA-256 of the secret: the plaintext would come back space-padded from char(64).
    expect(stored.rows).toEqual([{ token_hash: createHash('sha256').update(secret).digest('hex') }]);
    expect(stored.rows[0].token_hash).not.toContain(secret);
  });

  it('identifies people by provider subject and refreshes their profile at each sign-in', async () => {
    const identity = aGoogleIdentity();
    const before = await signIn(app, identity);
    const renamed = {
      ...identity,
      email: `Renamed-${identity.email}`,
      name: 'New Name',
      picture: 'https://lh3.googleusercontent.com/a/new',
    };
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
      ['createdAt', 'email', 'id', 'lastSignInAt', 'name', 'picture', 'provider', 'role', 'status', 'updatedAt'].sort(),
    );
  });

  describe('refuses, creating and changing nobody', () => {
    const refusal = async (callback: { status: number; headers: Headers }) => {
      expect(callback.status).toBe(302);
      expect(
        callback.headers
          .getSetCookie()
          .some((line) => line.startsWith('vip_session=') && !line.startsWith('vip_session=;')),
      ).toBe(false);
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

    it('an email another account holds: email_conflict, recorded, nobody changed', async () => {
      const holder = await signIn(app, aGoogleIdentity());
      const before = await userCount();
      const profile = async () =>
        (await app.db.query('SELECT email, name, last_sign_in_at FROM users WHERE id = $1', [holder.user.id])).rows[0];
      const held = await profile();
      const location = await refusal(
        await followGoogleSignIn(app, aGoogleIdentity({ email: holder.user.email.toUpperCase(), name: 'Impostor' })),
      );
      expect(location.href).toBe(`${app.config.adminUrl}login?error=email_conflict`);
      expect(await userCount()).toBe(before);
      expect(await profile()).toEqual(held);
      const recorded = await app.db.query(
        `SELECT details FROM audit_events WHERE action = 'user.sign_in_refused' ORDER BY id DESC LIMIT 1`,
      );
      expect(recorded.rows[0].details).toEqual({ reason: 'email_conflict', email: holder.user.email });
    });

    it('a known person whose new Google email another account holds: email_conflict, profile kept', async () => {
      const holder = await signIn(app, aGoogleIdentity());
      const identity = aGoogleIdentity();
      const { user } = await signIn(app, identity);
      const location = await refusal(await followGoogleSignIn(app, { ...identity, email: holder.user.email }));
      expect(location.searchParams.get('error')).toBe('email_conflict');
      expect((await app.db.query('SELECT email FROM users WHERE id = $1', [user.id])).rows[0].email).toBe(user.email);
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
    it('refresh rotates the cookie: the old one is only the previous secret now, and rotates nothing', async () => {
      const { browser } = await signIn(app, aGoogleIdentity());
      const old = browser.cookie('vip_session')!;
      const refreshed = await browser.post<AccessTokenResponse>(`${app.url}/api/auth/refresh`);
      expect(refreshed.status).toBe(200);
      expect(refreshed.body.expiresIn).toBe(900);
      expect(browser.cookie('vip_session')).not.toBe(old);
      expect(browser.cookie('vip_session')!.split('.')[0]).toBe(old.split('.')[0]);
      const replay = new Browser(app.origin);
      replay.setCookie('vip_session', old, '/api/auth');
      expect((await replay.post(`${app.url}/api/auth/refresh`)).headers.getSetCookie()).toEqual([]);
      expect(replay.cookie('vip_session')).toBe(old);
    });

    const sessionOf = async (cookie: string) =>
      (await app.db.query<{ id: string }>('SELECT id FROM sessions WHERE id = $1', [cookie.split('.')[0]])).rows[0];
    const sessionCookies = (reply: { headers: Headers }) =>
      reply.headers.getSetCookie().filter((line) => line.startsWith('vip_session='));
    const withCookie = (cookie: string) => {
      const tab = new Browser(app.origin);
      tab.setCookie('vip_session', cookie, '/api/auth');
      return tab;
    };

    it('two tabs refreshing at once both get a token, one new cookie wins, and the person stays signed in', async () => {
      const { browser } = await signIn(app, aGoogleIdentity());
      const replies = await Promise.all(
        [1, 2, 3].map(() => browser.post<AccessTokenResponse>(`${app.url}/api/auth/refresh`)),
      );
      expect(replies.map((reply) => reply.status)).toEqual([200, 200, 200]);
      for (const reply of replies) expect(reply.body.accessToken).toEqual(expect.any(String));
      // The winner rotates the cookie; the others ride the grace window and set nothing, not even a clearing cookie.
      expect(replies.map((reply) => sessionCookies(reply).length).sort()).toEqual([0, 0, 1]);
      expect((await browser.post(`${app.url}/api/auth/refresh`)).status).toBe(200);
    });

    it('the previous cookie within 30 s of its rotation: a token, no Set-Cookie, the session lives on', async () => {
      const { browser } = await signIn(app, aGoogleIdentity());
      const previous = browser.cookie('vip_session')!;
      expect((await browser.post(`${app.url}/api/auth/refresh`)).status).toBe(200);
      const late = await withCookie(previous).post<AccessTokenResponse>(`${app.url}/api/auth/refresh`);
      expect(late.status).toBe(200);
      expect(late.headers.getSetCookie()).toEqual([]);
      expect(
        (await new Browser().get(`${app.url}/api/auth/me`, { authorization: `Bearer ${late.body.accessToken}` }))
          .status,
      ).toBe(200);
      expect((await browser.post(`${app.url}/api/auth/refresh`)).status).toBe(200);
    });

    it('the previous cookie after the grace window: session revoked, session.reuse_detected recorded, 401', async () => {
      const { browser, user } = await signIn(app, aGoogleIdentity());
      const stolen = browser.cookie('vip_session')!;
      expect((await browser.post(`${app.url}/api/auth/refresh`)).status).toBe(200);
      // 31 s later, without waiting: move the rotation back in time.
      await app.db.query(`UPDATE sessions SET rotated_at = rotated_at - interval '31 seconds' WHERE id = $1`, [
        stolen.split('.')[0],
      ]);
      const from = (await app.db.query<{ id: string }>('SELECT coalesce(max(id), 0)::text AS id FROM audit_events'))
        .rows[0].id;
      const replay = await withCookie(stolen).post(`${app.url}/api/auth/refresh`);
      expect(replay.status).toBe(401);
      expect(replay.headers.getSetCookie()).toEqual([]);
      expect(await sessionOf(stolen)).toBeUndefined();
      const events = await app.db.query(
        'SELECT action, actor_id, target_id, target_email, details FROM audit_events WHERE id > $1',
        [from],
      );
      expect(events.rows).toEqual([
        {
          action: 'session.reuse_detected',
          actor_id: null,
          target_id: user.id,
          target_email: user.email,
          details: { sessionId: stolen.split('.')[0] },
        },
      ]);
      // The person's own, newer cookie belonged to the same session: it is revoked too.
      expect((await browser.post(`${app.url}/api/auth/refresh`)).status).toBe(401);
    });

    it('a wrong secret for a real session id is refused without revoking anything', async () => {
      const { browser } = await signIn(app, aGoogleIdentity());
      const [id] = browser.cookie('vip_session')!.split('.');
      const guess = await withCookie(`${id}.${'A'.repeat(43)}`).post(`${app.url}/api/auth/refresh`);
      expect(guess.status).toBe(401);
      expect(await sessionOf(browser.cookie('vip_session')!)).toBeDefined();
      expect((await browser.post(`${app.url}/api/auth/refresh`)).status).toBe(200);
    });

    it('a refused refresh never clears the cookie: the browser may hold a newer session', async () => {
      // Signed out in one tab and in again in another: the old tab's refresh must not sign the person out.
      const identity = aGoogleIdentity();
      const { browser } = await signIn(app, identity);
      const old = browser.cookie('vip_session')!;
      await browser.post(`${app.url}/api/auth/logout`);
      await signIn(app, identity, browser);
      const stale = await withCookie(old).post(`${app.url}/api/auth/refresh`);
      expect(stale.status).toBe(401);
      expect(stale.headers.getSetCookie()).toEqual([]);
      expect((await browser.post(`${app.url}/api/auth/refresh`)).status).toBe(200);
    });

    it('refresh demands the console origin', async () => {
      const { browser } = await signIn(app, aGoogleIdentity());
      const foreign = await browser.post(`${app.url}/api/auth/refresh`, undefined, { origin: 'https://evil.example' });
      expect(foreign.status).toBe(403);
      expect((await browser.request('POST', `${app.url}/api/auth/refresh`, { headers: { origin: '' } })).status).toBe(
        403,
      );
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

  describe('pending sign-in states', () => {
    const states = async () =>
      (await app.db.query<{ n: number }>('SELECT count(*)::int AS n FROM oauth_states')).rows[0].n;
    const expired = async () =>
      (await app.db.query<{ n: number }>('SELECT count(*)::int AS n FROM oauth_states WHERE expires_at < now()'))
        .rows[0].n;

    it('starting a sign-in adds one state and prunes nothing; the periodic job removes expired ones only', async () => {
      await app.db.query(
        `INSERT INTO oauth_states SELECT md5(i::text) || md5(i::text), 'v', now() - interval '1 minute' FROM generate_series(1, 5) AS i`,
      );
      const before = await states();
      expect((await new Browser(app.origin).get(`${app.url}/api/auth/google`)).status).toBe(302);
      expect(await states()).toBe(before + 1);
      expect(await expired()).toBe(5);
      expect(await app.app.get(OAuthStatePruner).prune()).toBe(5);
      expect(await expired()).toBe(0);
      expect(await states()).toBe(before - 4);
    });

    it(`stops at ${MAX_PENDING_STATES} pending states: the next start is sent back to the sign-in page`, async () => {
      await app.db.query(
        `INSERT INTO oauth_states SELECT encode(sha256(('cap' || i)::bytea), 'hex'), 'v', now() + interval '10 minutes' FROM generate_series(1, $1::int) AS i`,
        [MAX_PENDING_STATES],
      );
      try {
        const before = await states();
        const start = await new Browser(app.origin).get(`${app.url}/api/auth/google`);
        expect(start.status).toBe(302);
        expect(start.headers.get('location')).toBe(`${app.config.adminUrl}login?error=provider_error`);
        expect(
          start.headers
            .getSetCookie()
            .some((line) => line.startsWith('vip_oauth_state=') && !line.startsWith('vip_oauth_state=;')),
        ).toBe(false);
        expect(await states()).toBe(before);
      } finally {
        await app.db.query(`DELETE FROM oauth_states WHERE code_verifier = 'v'`);
      }
    });
  });

  it('has no dev sign-in while Google is configured', async () => {
    const reply = await new Browser(app.origin).post(`${app.url}/api/auth/dev-login`, {
      email: 'dev@example.com',
      name: 'Dev',
    });
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

  const errorOf = (reply: { headers: Headers }) => new URL(reply.headers.get('location')!).searchParams.get('error');

  it('refuses other domains on the server and admits listed ones', async () => {
    const refused = await followGoogleSignIn(
      app,
      aGoogleIdentity({ email: 'mallory@evil.example', hd: 'evil.example' }),
    );
    expect(errorOf(refused)).toBe('domain_not_allowed');
    expect((await app.db.query('SELECT count(*)::int AS n FROM users')).rows[0].n).toBe(0);
    const admitted = await signIn(app, aGoogleIdentity({ email: 'ada@Partner.example', hd: 'Partner.example' }));
    expect(admitted.user.email).toBe('ada@partner.example');
  });

  it("demands Google's hd claim to match: a consumer account with a listed domain's address is refused", async () => {
    expect(errorOf(await followGoogleSignIn(app, aGoogleIdentity({ email: 'eve@vip.example' })))).toBe(
      'domain_not_allowed',
    );
    expect(
      errorOf(await followGoogleSignIn(app, aGoogleIdentity({ email: 'eve@vip.example', hd: 'partner.example' }))),
    ).toBe('domain_not_allowed');
    expect((await app.db.query(`SELECT 1 FROM users WHERE email = 'eve@vip.example'`)).rowCount).toBe(0);
    const refusals = await app.db.query(
      `SELECT details FROM audit_events WHERE action = 'user.sign_in_refused' AND actor_email = 'eve@vip.example'`,
    );
    expect(refusals.rows.map((row) => row.details.reason)).toEqual(['domain_not_allowed', 'domain_not_allowed']);
  });
});

describe('Google sign-in limited to a consumer domain', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ env: { GOOGLE_ALLOWED_DOMAINS: 'gmail.com' } });
  });
  afterAll(() => app.close());

  it('admits it on the domain alone (Google sets no hd for consumer accounts), and nothing else', async () => {
    expect((await signIn(app, aGoogleIdentity({ email: 'grace@gmail.com' }))).user.email).toBe('grace@gmail.com');
    const other = await followGoogleSignIn(app, aGoogleIdentity({ email: 'eve@vip.example', hd: 'vip.example' }));
    expect(new URL(other.headers.get('location')!).searchParams.get('error')).toBe('domain_not_allowed');
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
    const login = await browser.post<AccessTokenResponse>(`${app.url}/api/auth/dev-login`, {
      email: 'Dev@Example.com',
      name: 'Dev Person',
    });
    expect(login.status).toBe(200);
    expect(login.body.user).toMatchObject({ email: 'dev@example.com', role: 'administrator', provider: 'dev' });
    expect((await browser.post(`${app.url}/api/auth/refresh`)).status).toBe(200);
    expect((await browser.get(`${app.url}/api/auth/google`)).status).toBe(404);
  });

  it('refuses an email another account holds with 409, changing nobody', async () => {
    await app.db.query(
      `INSERT INTO users (email, name, provider, provider_subject) VALUES ('held@example.com', 'Holder', 'google', 'google-held')`,
    );
    const reply = await new Browser(app.origin).post(`${app.url}/api/auth/dev-login`, {
      email: 'Held@example.com',
      name: 'Dev',
    });
    expect(reply.status).toBe(409);
    expect(reply.body).toMatchObject({ statusCode: 409, message: 'Another account already uses this email address' });
    expect((await app.db.query(`SELECT name FROM users WHERE email = 'held@example.com'`)).rows).toEqual([
      { name: 'Holder' },
    ]);
  });

  it('validates its input', async () => {
    const reply = await new Browser(app.origin).post(`${app.url}/api/auth/dev-login`, {
      email: 'not-an-email',
      name: '',
    });
    expect(reply.status).toBe(400);
  });
});
