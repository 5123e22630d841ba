import type { Page, Session, Settings, User } from '@vip/shared-dto';
import { aGoogleIdentity, type FakeIdentity } from '@vip/testing';
import { Browser, followGoogleSignIn, signIn, startTestApp, type SignedIn, type TestApp } from './support/test-app';

/** Account status, sessions, settings and the sign-in rules, through the real HTTP API. */
describe('access lifecycle', () => {
  let app: TestApp;
  let admin: SignedIn;
  const http = new Browser();

  beforeAll(async () => {
    app = await startTestApp();
    admin = await signIn(app, aGoogleIdentity({ email: 'ada@example.com', name: 'Ada Lovelace' }));
  });
  afterAll(() => app.close());

  const url = (path: string) => `${app.url}${path}`;
  const user = (email: string) => encodeURIComponent(email);
  const post = <T = unknown>(path: string, body?: unknown, auth = admin.auth) =>
    http.request<T>('POST', url(path), { headers: auth, body });
  const del = (path: string, auth = admin.auth) => http.request('DELETE', url(path), { headers: auth });
  const get = <T = unknown>(path: string, auth = admin.auth) => http.get<T>(url(path), auth);
  const setPolicy = async (settings: Settings) =>
    expect((await http.request('PUT', url('/api/settings'), { headers: admin.auth, body: settings })).status).toBe(200);
  const refusal = async (identity: FakeIdentity) =>
    new URL((await followGoogleSignIn(app, identity)).headers.get('location')!).searchParams.get('error');
  const lastEventId = async () =>
    (await app.db.query<{ id: string }>('SELECT coalesce(max(id), 0)::text AS id FROM audit_events')).rows[0].id;
  const eventsAfter = async (id: string) =>
    (
      await app.db.query<{
        action: string;
        actor_email: string | null;
        target_email: string | null;
        details: Record<string, unknown>;
      }>('SELECT action, actor_email, target_email, details FROM audit_events WHERE id > $1 ORDER BY id', [id])
    ).rows;
  const statusOf = async (email: string) =>
    (await app.db.query<{ status: string }>('SELECT status FROM users WHERE email = $1', [email])).rows[0]?.status;
  const snapshot = async () =>
    (
      await app.db
        .query(`SELECT (SELECT json_agg(u ORDER BY id) FROM users u) AS users, (SELECT json_agg(s ORDER BY id) FROM sessions s) AS sessions,
      (SELECT count(*) FROM audit_events) AS events, (SELECT row_to_json(t) FROM settings t) AS settings`)
    ).rows[0];

  afterEach(async () => setPolicy({ signUpPolicy: 'open', defaultRole: 'coordinator' }));

  describe('status', () => {
    it('every account is active by default, and the list filters and sorts by status', async () => {
      const someone = await signIn(app, aGoogleIdentity());
      expect(someone.user.status).toBe('active');
      await app.db.query(`
        INSERT INTO users (email, name, role, provider, provider_subject, status)
        SELECT 'status' || i || '@fleet.example', 'Status ' || i, 'driver', 'google', 'status-' || i, CASE WHEN i % 2 = 0 THEN 'pending' ELSE 'disabled' END
          FROM generate_series(1, 6) AS i`);
      const pending = await get<Page<User>>('/api/auth/users?status=pending&pageSize=100');
      expect(pending.status).toBe(200);
      expect(pending.body.total).toBe(3);
      expect(pending.body.items.every((u) => u.status === 'pending')).toBe(true);
      const sorted = (await get<Page<User>>('/api/auth/users?sort=status&pageSize=100')).body.items.map(
        (u) => u.status,
      );
      expect(sorted).toEqual([...sorted].sort());
      const descending = (await get<Page<User>>('/api/auth/users?sort=-status&pageSize=100')).body.items.map(
        (u) => u.status,
      );
      expect(descending).toEqual([...sorted].sort().reverse());
      await app.db.query(`DELETE FROM users WHERE email LIKE 'status%@fleet.example'`);
    });

    it('refuses an unknown status filter with 400 naming it', async () => {
      const reply = await get<{ message: string }>('/api/auth/users?status=banned');
      expect(reply.status).toBe(400);
      expect(reply.body.message).toMatch(/status/);
    });
  });

  describe('disable and enable', () => {
    it('disabling ends every session at once: the next request with any token gets 401, refresh too, Google sign-in is refused', async () => {
      const identity = aGoogleIdentity();
      const laptop = await signIn(app, identity);
      const phone = await signIn(app, identity);
      expect((await get('/api/auth/me', phone.auth)).status).toBe(200);
      const from = await lastEventId();

      const reply = await post<User>(`/api/auth/users/${user(identity.email)}/disable`);
      expect(reply.status).toBe(200);
      expect(reply.body.status).toBe('disabled');
      expect((await app.db.query('SELECT 1 FROM sessions WHERE user_id = $1', [laptop.user.id])).rowCount).toBe(0);
      expect((await get('/api/auth/me', laptop.auth)).status).toBe(401);
      expect((await get('/api/auth/me', phone.auth)).status).toBe(401);
      expect((await phone.browser.post(url('/api/auth/refresh'))).status).toBe(401);
      expect(await refusal(identity)).toBe('account_disabled');

      const events = await eventsAfter(from);
      expect(events.map((e) => [e.action, e.actor_email, e.target_email])).toEqual([
        ['user.disabled', 'ada@example.com', identity.email],
        ['user.sign_in_refused', identity.email, null],
      ]);
      expect(events[0].details).toEqual({
        before: { status: 'active' },
        after: { status: 'disabled' },
        sessionsRevoked: 2,
      });
      expect(events[1].details).toEqual({ reason: 'account_disabled', email: identity.email });

      const enabled = await post<User>(`/api/auth/users/${user(identity.email)}/enable`);
      expect(enabled.status).toBe(200);
      expect(enabled.body.status).toBe('active');
      const back = await signIn(app, identity);
      expect((await get('/api/auth/me', back.auth)).status).toBe(200);
      expect((await eventsAfter(from)).map((e) => e.action)).toEqual([
        'user.disabled',
        'user.sign_in_refused',
        'user.enabled',
        'user.signed_in',
      ]);
    });

    it('refuses to disable yourself with 409, and changes nothing', async () => {
      const before = await snapshot();
      const reply = await post<{ message: string }>(`/api/auth/users/${user('ada@example.com')}/disable`);
      expect(reply.status).toBe(409);
      expect(reply.body.message).toMatch(/your own account/);
      expect(await snapshot()).toEqual(before);
    });

    it('answers 404 for an unknown email and 403 for a non-administrator', async () => {
      expect((await post('/api/auth/users/nobody%40example.com/disable')).status).toBe(404);
      expect((await post('/api/auth/users/nobody%40example.com/enable')).status).toBe(404);
      const coordinator = await signIn(app, aGoogleIdentity());
      expect(
        (await post(`/api/auth/users/${user('ada@example.com')}/disable`, undefined, coordinator.auth)).status,
      ).toBe(403);
      expect(await statusOf('ada@example.com')).toBe('active');
    });

    it('the last-administrator rule counts active administrators', async () => {
      const second = await signIn(app, aGoogleIdentity());
      const third = await signIn(app, aGoogleIdentity());
      for (const person of [second, third]) {
        expect(
          (
            await http.request('PATCH', url(`/api/auth/users/${user(person.user.email)}/role`), {
              headers: admin.auth,
              body: { role: 'administrator' },
            })
          ).status,
        ).toBe(200);
      }
      // Ada disables the third and demotes the second (another active one remains each time).
      expect((await post(`/api/auth/users/${user(third.user.email)}/disable`)).status).toBe(200);
      expect(
        (
          await http.request('PATCH', url(`/api/auth/users/${user(second.user.email)}/role`), {
            headers: admin.auth,
            body: { role: 'driver' },
          })
        ).status,
      ).toBe(200);
      // Ada is now the only active administrator; a disabled one does not count.
      const demote = await http.request<{ message: string }>(
        'PATCH',
        url(`/api/auth/users/${user('ada@example.com')}/role`),
        { headers: admin.auth, body: { role: 'driver' } },
      );
      expect(demote.status).toBe(409);
      expect(demote.body.message).toMatch(/administrator/);
      expect((await del(`/api/auth/users/${user('ada@example.com')}`)).status).toBe(409);
      expect(await statusOf('ada@example.com')).toBe('active');
      await del(`/api/auth/users/${user(third.user.email)}`);
      await del(`/api/auth/users/${user(second.user.email)}`);
    });
  });

  describe('sign-up policy: approval', () => {
    it('a new person waits as pending: /me and their own sessions answer, everything else 403; approval lets them in on the next request', async () => {
      await setPolicy({ signUpPolicy: 'approval', defaultRole: 'driver' });
      const identity = aGoogleIdentity();
      const from = await lastEventId();
      const waiting = await signIn(app, identity);
      expect(waiting.user).toMatchObject({ status: 'pending', role: 'driver' });
      expect((await get<User>('/api/auth/me', waiting.auth)).body.status).toBe('pending');
      const sessions = await get<Session[]>('/api/auth/sessions', waiting.auth);
      expect(sessions.status).toBe(200);
      expect(sessions.body).toHaveLength(1);
      expect(sessions.body[0].current).toBe(true);
      const refused = await get<{ message: string }>('/api/audit-events', waiting.auth);
      expect(refused.status).toBe(403);
      expect(refused.body.message).toMatch(/approve/);
      expect((await get('/api/auth/users', waiting.auth)).status).toBe(403);

      const queue = await get<Page<User>>('/api/auth/users?status=pending');
      expect(queue.body.items.map((u) => u.email)).toEqual([identity.email]);

      const approved = await post<User>(`/api/auth/users/${user(identity.email)}/approve`, { role: 'coordinator' });
      expect(approved.status).toBe(200);
      expect(approved.body).toMatchObject({ status: 'active', role: 'coordinator' });
      // The same access token, now judged by the current status.
      expect((await get<User>('/api/auth/me', waiting.auth)).body.status).toBe('active');
      expect((await post(`/api/auth/users/${user(identity.email)}/approve`, { role: 'driver' })).status).toBe(409);

      const events = await eventsAfter(from);
      expect(events.map((e) => [e.action, e.actor_email, e.target_email])).toEqual([
        ['user.signed_in', identity.email, identity.email],
        ['user.access_requested', identity.email, identity.email],
        ['user.approved', 'ada@example.com', identity.email],
      ]);
      expect(events[2].details).toEqual({
        before: { status: 'pending', role: 'driver' },
        after: { status: 'active', role: 'coordinator' },
      });
    });

    it('rejecting removes the pending account (and its sessions); a second reject is 404, rejecting an active account 409', async () => {
      await setPolicy({ signUpPolicy: 'approval', defaultRole: 'coordinator' });
      const waiting = await signIn(app, aGoogleIdentity());
      const from = await lastEventId();
      expect((await post(`/api/auth/users/${user(waiting.user.email)}/reject`)).status).toBe(204);
      expect((await app.db.query('SELECT 1 FROM users WHERE id = $1', [waiting.user.id])).rowCount).toBe(0);
      expect((await get('/api/auth/me', waiting.auth)).status).toBe(401);
      expect((await post(`/api/auth/users/${user(waiting.user.email)}/reject`)).status).toBe(404);
      expect((await eventsAfter(from)).map((e) => e.action)).toEqual(['user.rejected']);
      const before = await snapshot();
      expect((await post(`/api/auth/users/${user('ada@example.com')}/reject`)).status).toBe(409);
      expect((await post(`/api/auth/users/${user('ada@example.com')}/approve`, { role: 'driver' })).status).toBe(409);
      expect(await snapshot()).toEqual(before);
    });

    it('approve refuses an unknown role or extra fields with 400, and writes nothing', async () => {
      await setPolicy({ signUpPolicy: 'approval', defaultRole: 'coordinator' });
      const waiting = await signIn(app, aGoogleIdentity());
      const before = await snapshot();
      expect((await post(`/api/auth/users/${user(waiting.user.email)}/approve`, { role: 'root' })).status).toBe(400);
      expect(
        (await post(`/api/auth/users/${user(waiting.user.email)}/approve`, { role: 'driver', status: 'active' }))
          .status,
      ).toBe(400);
      expect((await post(`/api/auth/users/${user(waiting.user.email)}/approve`)).status).toBe(400);
      expect(await snapshot()).toEqual(before);
      expect((await post(`/api/auth/users/${user(waiting.user.email)}/enable`)).status).toBe(409);
    });
  });

  describe('sign-up policy: invitation and domains', () => {
    it('refuses an uninvited stranger with not_invited, recorded, nothing created', async () => {
      await setPolicy({ signUpPolicy: 'invitation', defaultRole: 'coordinator' });
      const stranger = aGoogleIdentity();
      const from = await lastEventId();
      expect(await refusal(stranger)).toBe('not_invited');
      expect((await app.db.query('SELECT 1 FROM users WHERE email = $1', [stranger.email])).rowCount).toBe(0);
      expect((await eventsAfter(from)).map((e) => [e.action, e.details])).toEqual([
        ['user.sign_in_refused', { reason: 'not_invited', email: stranger.email }],
      ]);
    });

    it('an existing account keeps signing in whatever the policy', async () => {
      const regular = aGoogleIdentity();
      await signIn(app, regular);
      await setPolicy({ signUpPolicy: 'invitation', defaultRole: 'coordinator' });
      expect((await signIn(app, regular)).user.status).toBe('active');
    });

    it('open policy gives new accounts the default role', async () => {
      await setPolicy({ signUpPolicy: 'open', defaultRole: 'driver' });
      expect((await signIn(app, aGoogleIdentity())).user).toMatchObject({ role: 'driver', status: 'active' });
    });
  });

  describe('sessions', () => {
    it('lists my sessions with "this device", ends one (its tokens get 401), and signs out everywhere else', async () => {
      const identity = aGoogleIdentity();
      const one = await signIn(app, identity, new Browser(app.origin));
      const two = await signIn(app, identity, new Browser(app.origin));
      const three = await signIn(app, identity, new Browser(app.origin));
      const mine = await get<Session[]>('/api/auth/sessions', one.auth);
      expect(mine.status).toBe(200);
      expect(mine.body).toHaveLength(3);
      expect(mine.body.filter((s) => s.current)).toHaveLength(1);
      const current = mine.body.find((s) => s.current)!;
      expect(Object.keys(current).sort()).toEqual([
        'createdAt',
        'current',
        'expiresAt',
        'id',
        'ip',
        'lastUsedAt',
        'userAgent',
      ]);

      const twoId = (await get<Session[]>('/api/auth/sessions', two.auth)).body.find((s) => s.current)!.id;
      expect((await del(`/api/auth/sessions/${twoId}`, one.auth)).status).toBe(204);
      expect((await get('/api/auth/me', two.auth)).status).toBe(401);
      expect((await del(`/api/auth/sessions/${twoId}`, one.auth)).status).toBe(404);

      expect((await del('/api/auth/sessions', one.auth)).status).toBe(204);
      expect((await get('/api/auth/me', three.auth)).status).toBe(401);
      expect((await get('/api/auth/me', one.auth)).status).toBe(200);
      expect((await get<Session[]>('/api/auth/sessions', one.auth)).body.map((s) => s.id)).toEqual([current.id]);
    });

    it("nobody ends someone else's session: 404, and it stays alive", async () => {
      const victim = await signIn(app, aGoogleIdentity());
      const other = await signIn(app, aGoogleIdentity());
      const victimSession = (await get<Session[]>('/api/auth/sessions', victim.auth)).body[0].id;
      expect((await del(`/api/auth/sessions/${victimSession}`, other.auth)).status).toBe(404);
      expect((await del('/api/auth/sessions/not-a-uuid', other.auth)).status).toBe(400);
      expect((await get('/api/auth/me', victim.auth)).status).toBe(200);
    });

    it("administrators see a person's sessions and end them all (user.sessions_revoked)", async () => {
      const identity = aGoogleIdentity();
      const a = await signIn(app, identity);
      await signIn(app, identity);
      const listed = await get<Session[]>(`/api/auth/users/${user(identity.email)}/sessions`);
      expect(listed.status).toBe(200);
      expect(listed.body).toHaveLength(2);
      expect(listed.body.every((s) => !s.current)).toBe(true);
      const from = await lastEventId();
      expect((await del(`/api/auth/users/${user(identity.email)}/sessions`)).status).toBe(204);
      expect((await get('/api/auth/me', a.auth)).status).toBe(401);
      const events = await eventsAfter(from);
      expect(events.map((e) => [e.action, e.actor_email, e.target_email, e.details])).toEqual([
        ['user.sessions_revoked', 'ada@example.com', identity.email, { count: 2 }],
      ]);
      expect((await get(`/api/auth/users/${user('nobody@example.com')}/sessions`)).status).toBe(404);
      expect((await del(`/api/auth/users/${user('nobody@example.com')}/sessions`)).status).toBe(404);
      expect((await get(`/api/auth/users/${user(identity.email)}/sessions`, a.auth)).status).toBe(401);
    });

    it('an access token without a session id is refused', async () => {
      const { sign } = await import('jsonwebtoken');
      const { TOKEN_AUDIENCE, TOKEN_ISSUER } = await import('../src/auth/access-tokens');
      const { TEST_JWT_SECRET } = await import('./support/test-app');
      const noSid = sign({ sub: admin.user.id, iss: TOKEN_ISSUER, aud: TOKEN_AUDIENCE }, TEST_JWT_SECRET, {
        expiresIn: 600,
      });
      expect((await get('/api/auth/me', { authorization: `Bearer ${noSid}` })).status).toBe(401);
    });
  });

  describe('settings', () => {
    it('reads the defaults, changes them with settings.changed (before and after), and refuses bad values with 400', async () => {
      expect((await get<Settings>('/api/settings')).body).toEqual({ signUpPolicy: 'open', defaultRole: 'coordinator' });
      const from = await lastEventId();
      const changed = await http.request<Settings>('PUT', url('/api/settings'), {
        headers: admin.auth,
        body: { signUpPolicy: 'approval', defaultRole: 'driver' },
      });
      expect(changed.status).toBe(200);
      expect(changed.body).toEqual({ signUpPolicy: 'approval', defaultRole: 'driver' });
      expect((await get<Settings>('/api/settings')).body).toEqual(changed.body);
      expect((await eventsAfter(from)).map((e) => [e.action, e.actor_email, e.details])).toEqual([
        [
          'settings.changed',
          'ada@example.com',
          {
            before: { signUpPolicy: 'open', defaultRole: 'coordinator' },
            after: { signUpPolicy: 'approval', defaultRole: 'driver' },
          },
        ],
      ]);

      const before = await snapshot();
      for (const body of [
        { signUpPolicy: 'closed', defaultRole: 'driver' },
        { signUpPolicy: 'open', defaultRole: 'administrator' },
        { signUpPolicy: 'open' },
        { signUpPolicy: 'open', defaultRole: 'driver', extra: 1 },
      ]) {
        const reply = await http.request<{ message: string }>('PUT', url('/api/settings'), {
          headers: admin.auth,
          body,
        });
        expect(reply.status).toBe(400);
        expect(reply.body.message).toMatch(/signUpPolicy|defaultRole|extra/);
      }
      expect(await snapshot()).toEqual(before);
      const coordinator = await signIn(app, aGoogleIdentity());
      expect((await get('/api/settings', coordinator.auth)).status).toBe(403);
    });
  });
});

describe('first administrator with BOOTSTRAP_ADMIN_EMAIL', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ env: { BOOTSTRAP_ADMIN_EMAIL: 'Boss@Example.com' } });
  });
  afterAll(() => app.close());

  it('others who arrive first get the default role; only that email becomes administrator', async () => {
    const early = await signIn(app, aGoogleIdentity());
    expect(early.user.role).toBe('coordinator');
    const boss = await signIn(app, aGoogleIdentity({ email: 'boss@example.com' }));
    expect(boss.user).toMatchObject({ role: 'administrator', status: 'active' });
    const actions = (
      await app.db.query<{ action: string }>(
        "SELECT action FROM audit_events WHERE target_email = 'boss@example.com' ORDER BY id",
      )
    ).rows;
    expect(actions.map((row) => row.action)).toEqual(['user.signed_in', 'user.first_administrator']);
  });
});

describe('production start on an open, empty deployment', () => {
  it('refuses to start, naming BOOTSTRAP_ADMIN_EMAIL; starts once it is set', async () => {
    const production = {
      NODE_ENV: 'production',
      GOOGLE_CLIENT_ID: 'id',
      GOOGLE_CLIENT_SECRET: 'secret',
      ADMIN_URL: 'https://vip.example.org/',
      DEV_LOGIN: 'false',
    };
    await expect(startTestApp({ env: production })).rejects.toThrow(/BOOTSTRAP_ADMIN_EMAIL/);
    const app = await startTestApp({ env: { ...production, BOOTSTRAP_ADMIN_EMAIL: 'boss@example.org' } });
    await app.close();
    const limited = await startTestApp({ env: { ...production, GOOGLE_ALLOWED_DOMAINS: 'example.org' } });
    await limited.close();
  });
});
