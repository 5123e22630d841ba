import {
  COUNT_LIMIT,
  type AccessTokenResponse,
  type AuditEvent,
  type Page,
  type User,
  type UserStats,
} from '@vip/shared-dto';
import { createHash } from 'node:crypto';
import { aGoogleIdentity, encodeIdentity, parseCsv } from '@vip/testing';
import type { AuditEventRow } from '../src/audit/audit-event.mapper';
import { Browser, followGoogleSignIn, signIn, startTestApp, type SignedIn, type TestApp } from './support/test-app';

/** An `audit_events` row as selected below (without `occurred_at`). */
type EventRow = Omit<AuditEventRow, 'occurred_at'>;

const DAY = 86_400_000;
const http = new Browser();

describe('audit trail', () => {
  let app: TestApp;
  let admin: SignedIn;
  let coordinator: SignedIn;

  /** Events written since `afterId`, oldest first. */
  const eventsAfter = async (afterId: string): Promise<EventRow[]> =>
    (
      await app.db.query<EventRow>(
        'SELECT id, action, actor_id, actor_email, target_id, target_email, details, request_id, ip, user_agent FROM audit_events WHERE id > $1 ORDER BY id',
        [afterId],
      )
    ).rows;
  const lastId = async (): Promise<string> =>
    (await app.db.query<{ id: string }>('SELECT coalesce(max(id), 0)::text AS id FROM audit_events')).rows[0].id;
  const patchRole = (email: string, role: string, auth = admin.auth) =>
    http.request<User>('PATCH', `${app.url}/api/auth/users/${encodeURIComponent(email)}/role`, {
      headers: { ...auth, 'user-agent': 'audit-test/1.0' },
      body: { role },
    });
  const remove = (email: string, auth = admin.auth) =>
    http.request('DELETE', `${app.url}/api/auth/users/${encodeURIComponent(email)}`, { headers: auth });

  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  describe('each action writes exactly one event', () => {
    it('the first sign-in: user.signed_in and user.first_administrator, in one go', async () => {
      // The sign-in dance by hand, to keep the cookie the callback set.
      const browser = new Browser(app.origin);
      const callback = await followGoogleSignIn(
        app,
        aGoogleIdentity({ email: 'ada@example.com', name: 'Ada Lovelace' }),
        browser,
      );
      expect(callback.status).toBe(302);
      const cookie = browser.cookie('vip_session')!;
      const refreshed = await browser.post<AccessTokenResponse>(`${app.url}/api/auth/refresh`);
      admin = {
        browser,
        accessToken: refreshed.body.accessToken,
        user: refreshed.body.user,
        auth: { authorization: `Bearer ${refreshed.body.accessToken}` },
      };
      const events = await eventsAfter('0');
      expect(events.map((e) => e.action)).toEqual(['user.signed_in', 'user.first_administrator']);
      for (const event of events) {
        expect(event).toMatchObject({
          actor_id: admin.user.id,
          actor_email: 'ada@example.com',
          target_id: admin.user.id,
          target_email: 'ada@example.com',
        });
        expect(event.request_id).toMatch(/^[\w-]+$/);
        expect(event.ip).toMatch(/127\.0\.0\.1/);
      }
      expect(events[0].details).toMatchObject({
        provider: 'google',
        created: true,
        after: { email: 'ada@example.com', name: 'Ada Lovelace', role: 'administrator' },
      });
      expect(events[1].details).toEqual({ after: { role: 'administrator' } });
      // Nothing secret in any event: not the cookie, its secret or its hash, not the access token.
      const secret = cookie.split('.')[1];
      const recorded = JSON.stringify(events);
      for (const value of [cookie, secret, createHash('sha256').update(secret).digest('hex'), admin.accessToken]) {
        expect(recorded).not.toContain(value);
      }
    });

    it('a later sign-in: user.signed_in only, with before and after when the profile changed', async () => {
      const identity = aGoogleIdentity({ email: 'charles@example.com', name: 'Charles Babbage' });
      const from = await lastId();
      coordinator = await signIn(app, identity);
      expect((await eventsAfter(from)).map((e) => [e.action, e.target_email])).toEqual([
        ['user.signed_in', 'charles@example.com'],
      ]);

      const again = await lastId();
      await signIn(app, { ...identity, name: 'Charles B.' });
      const [event] = await eventsAfter(again);
      expect(event.details).toEqual({
        provider: 'google',
        before: { email: 'charles@example.com', name: 'Charles Babbage' },
        after: { email: 'charles@example.com', name: 'Charles B.' },
      });
      expect(await eventsAfter(again)).toHaveLength(1);
    });

    it('refreshing the session writes nothing', async () => {
      const from = await lastId();
      const refreshed = await coordinator.browser.post(`${app.url}/api/auth/refresh`);
      expect(refreshed.status).toBe(200);
      expect(await eventsAfter(from)).toEqual([]);
    });

    it('a refused sign-in: user.sign_in_refused with the reason and the attempted email; no user', async () => {
      const from = await lastId();
      const identity = aGoogleIdentity({ email: 'Unverified@Example.com', email_verified: false });
      const reply = await followGoogleSignIn(app, identity);
      expect(reply.headers.get('location')).toMatch(/login\?error=email_unverified$/);
      const events = await eventsAfter(from);
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({
        action: 'user.sign_in_refused',
        actor_id: null,
        actor_email: 'unverified@example.com',
        target_id: null,
        details: { reason: 'email_unverified', email: 'unverified@example.com' },
      });
      expect((await app.db.query("SELECT 1 FROM users WHERE email = 'unverified@example.com'")).rowCount).toBe(0);
    });

    it('a denied consent is refused without an email', async () => {
      const from = await lastId();
      await followGoogleSignIn(app, aGoogleIdentity({ deny: true }));
      const events = await eventsAfter(from);
      expect(events.map((e) => [e.action, e.details])).toEqual([
        ['user.sign_in_refused', { reason: 'access_denied', email: null }],
      ]);
    });

    describe('callbacks without a valid state of ours are not sign-in attempts: logged, never written', () => {
      const callback = (query: string, browser = new Browser(app.origin)) =>
        browser.get(`${app.url}/api/auth/google/callback${query}`);

      it.each([
        ['a bare callback', ''],
        ['?error=access_denied without a state', '?error=access_denied'],
        ['?error=x with a made-up state', '?error=server_error&state=made-up-state'],
        ['a code with a made-up state', '?code=abc&state=made-up-state'],
      ])('%s', async (_name, query) => {
        const from = await lastId();
        const reply = await callback(query);
        expect(reply.status).toBe(302);
        expect(reply.headers.get('location')).toMatch(/login\?error=(invalid_state|access_denied|provider_error)$/);
        expect(await eventsAfter(from)).toEqual([]);
      });

      it('a replayed state (denied consent, then the same callback again)', async () => {
        const browser = new Browser(app.origin);
        const start = await browser.get(
          `${app.url}/api/auth/google?login_hint=${encodeIdentity(aGoogleIdentity({ deny: true }))}`,
        );
        const state = browser.cookie('vip_oauth_state')!;
        const consent = await browser.get(start.headers.get('location')!);
        const from = await lastId();
        expect((await browser.get(consent.headers.get('location')!)).headers.get('location')).toMatch(
          /error=access_denied$/,
        );
        expect((await eventsAfter(from)).map((e) => e.action)).toEqual(['user.sign_in_refused']);
        const again = await lastId();
        browser.setCookie('vip_oauth_state', state, '/api/auth/google');
        expect((await browser.get(consent.headers.get('location')!)).headers.get('location')).toMatch(
          /error=access_denied$/,
        );
        expect(await eventsAfter(again)).toEqual([]);
      });
    });

    it('a role change: user.role_changed from → to, by whom, from where', async () => {
      const from = await lastId();
      const reply = await patchRole('charles@example.com', 'driver');
      expect(reply.status).toBe(200);
      const events = await eventsAfter(from);
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({
        action: 'user.role_changed',
        actor_id: admin.user.id,
        actor_email: 'ada@example.com',
        target_id: coordinator.user.id,
        target_email: 'charles@example.com',
        details: { before: { role: 'coordinator' }, after: { role: 'driver' } },
        request_id: reply.headers.get('x-request-id'),
        user_agent: 'audit-test/1.0',
      });
      // The same role again changes nothing, so records nothing.
      const unchanged = await lastId();
      expect((await patchRole('charles@example.com', 'driver')).status).toBe(200);
      expect(await eventsAfter(unchanged)).toEqual([]);
      await patchRole('charles@example.com', 'coordinator');
    });

    it('a deletion: user.deleted with what the person was', async () => {
      const doomed = await signIn(app, aGoogleIdentity({ email: 'doomed@example.com', name: 'Doomed Person' }));
      const from = await lastId();
      expect((await remove('doomed@example.com')).status).toBe(204);
      const events = await eventsAfter(from);
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({
        action: 'user.deleted',
        actor_id: admin.user.id,
        target_id: doomed.user.id,
        target_email: 'doomed@example.com',
        details: {
          before: { email: 'doomed@example.com', name: 'Doomed Person', role: 'coordinator', provider: 'google' },
        },
      });
    });

    it('signing out: user.signed_out by that user, only when a session was revoked', async () => {
      const leaving = await signIn(app, aGoogleIdentity({ email: 'leaving@example.com' }));
      const from = await lastId();
      expect((await leaving.browser.post(`${app.url}/api/auth/logout`)).status).toBe(204);
      const events = await eventsAfter(from);
      expect(events.map((e) => [e.action, e.actor_id, e.target_email])).toEqual([
        ['user.signed_out', leaving.user.id, 'leaving@example.com'],
      ]);
      // No session any more: nothing to revoke, nothing recorded.
      const again = await lastId();
      expect((await leaving.browser.post(`${app.url}/api/auth/logout`)).status).toBe(204);
      expect(await eventsAfter(again)).toEqual([]);
    });
  });

  describe('same transaction', () => {
    it('a refused change (409, last administrator) leaves no event', async () => {
      const from = await lastId();
      expect((await patchRole('ada@example.com', 'driver')).status).toBe(409);
      expect((await remove('ada@example.com')).status).toBe(409);
      expect(await eventsAfter(from)).toEqual([]);
    });

    it('when the event cannot be written, the change does not happen either', async () => {
      const victimIdentity = aGoogleIdentity({ email: 'victim@example.com' });
      const victim = await signIn(app, victimIdentity);
      await app.db.query(
        `ALTER TABLE audit_events ADD CONSTRAINT test_refuse_victim CHECK (target_email IS DISTINCT FROM 'victim@example.com') NOT VALID`,
      );
      try {
        const from = await lastId();
        expect((await patchRole('victim@example.com', 'driver')).status).toBe(500);
        expect((await remove('victim@example.com')).status).toBe(500);
        expect((await victim.browser.post(`${app.url}/api/auth/logout`)).status).toBe(500);
        expect(await eventsAfter(from)).toEqual([]);
        const row = (await app.db.query<{ role: string }>(`SELECT role FROM users WHERE email = 'victim@example.com'`))
          .rows[0];
        expect(row.role).toBe('coordinator');
        expect(
          (await app.db.query(`SELECT 1 FROM sessions WHERE user_id = $1`, [victim.user.id])).rowCount,
        ).toBeGreaterThan(0);
        // A sign-in (of the victim's own Google identity) whose event fails creates no session and changes nobody.
        const before = (await app.db.query(`SELECT name, last_sign_in_at FROM users WHERE id = $1`, [victim.user.id]))
          .rows[0];
        const sessions = (await app.db.query(`SELECT 1 FROM sessions WHERE user_id = $1`, [victim.user.id])).rowCount;
        const reply = await followGoogleSignIn(app, { ...victimIdentity, name: 'Victim Renamed' });
        expect(reply.status).toBe(500);
        expect(
          reply.headers
            .getSetCookie()
            .some((line) => line.startsWith('vip_session=') && !line.startsWith('vip_session=;')),
        ).toBe(false);
        expect((await app.db.query(`SELECT 1 FROM sessions WHERE user_id = $1`, [victim.user.id])).rowCount).toBe(
          sessions,
        );
        expect(
          (await app.db.query(`SELECT name, last_sign_in_at FROM users WHERE id = $1`, [victim.user.id])).rows[0],
        ).toEqual(before);
        expect(await eventsAfter(from)).toEqual([]);
      } finally {
        await app.db.query('ALTER TABLE audit_events DROP CONSTRAINT test_refuse_victim');
      }
    });
  });

  describe('append-only', () => {
    it.each([
      ['UPDATE', `UPDATE audit_events SET action = 'user.deleted'`],
      ['DELETE', 'DELETE FROM audit_events'],
      ['TRUNCATE', 'TRUNCATE audit_events'],
    ])('%s is refused by the database', async (_name, sql) => {
      const before = (await app.db.query('SELECT count(*)::int AS n FROM audit_events')).rows[0].n;
      await expect(app.db.query(sql)).rejects.toThrow(/append-only/);
      expect((await app.db.query('SELECT count(*)::int AS n FROM audit_events')).rows[0].n).toBe(before);
    });
  });

  describe('who may call', () => {
    it.each([
      '/api/audit-events',
      '/api/audit-events.csv',
      '/api/auth/users/stats',
      '/api/auth/users/ada@example.com/activity',
    ])('GET %s: 401 without a token, 403 for a coordinator, 200 for an administrator', async (path) => {
      expect((await http.get(`${app.url}${path}`)).status).toBe(401);
      expect((await http.get(`${app.url}${path}`, coordinator.auth)).status).toBe(403);
      expect((await http.get(`${app.url}${path}`, admin.auth)).status).toBe(200);
    });
  });

  describe('GET /api/audit-events', () => {
    const list = (query = '') => http.get<Page<AuditEvent>>(`${app.url}/api/audit-events${query}`, admin.auth);

    it('lists newest first in the users list envelope', async () => {
      const reply = await list();
      expect(reply.status).toBe(200);
      const total = Number((await app.db.query('SELECT count(*) AS n FROM audit_events')).rows[0].n);
      expect(reply.body).toMatchObject({ total, page: 1, pageSize: 25 });
      const ids = reply.body.items.map((e) => Number(e.id));
      expect(ids).toEqual([...ids].sort((a, b) => b - a));
      expect(reply.body.items[0]).toEqual(
        expect.objectContaining({
          id: expect.any(String),
          occurredAt: expect.stringMatching(/Z$/),
          details: expect.any(Object),
        }),
      );
    });

    it('pages without gaps or repeats', async () => {
      const all = (await list('?pageSize=100')).body;
      const pages = [];
      for (let page = 1; page <= Math.ceil(all.total / 3); page++)
        pages.push(...(await list(`?pageSize=3&page=${page}`)).body.items);
      expect(pages.map((e) => e.id)).toEqual(all.items.map((e) => e.id));
    });

    it('filters by action, actor, target (case-insensitively) and time', async () => {
      const changed = (await list('?action=user.role_changed')).body;
      expect(changed.total).toBe(2);
      expect(changed.items.every((e) => e.action === 'user.role_changed')).toBe(true);
      expect(
        (await list('?actorEmail=ADA@example.com&action=user.deleted')).body.items.map((e) => e.targetEmail),
      ).toEqual(['doomed@example.com']);
      const aboutCharles = (await list('?targetEmail=charles@example.com')).body;
      expect(aboutCharles.items.every((e) => e.targetEmail === 'charles@example.com')).toBe(true);
      expect(aboutCharles.total).toBe(4);
      const future = new Date(Date.now() + DAY).toISOString();
      expect((await list(`?from=${future}`)).body.total).toBe(0);
      expect((await list(`?to=2000-01-01T00:00:00Z`)).body.total).toBe(0);
      const all = (await list()).body.total;
      expect((await list(`?from=2000-01-01T00:00:00Z&to=${future}`)).body.total).toBe(all);
    });

    it.each(['?action=user.hacked', '?from=yesterday', '?pageSize=101', '?page=0', '?actorEmail=a%00b', '?sort=id'])(
      'refuses %s with 400',
      async (query) => {
        expect((await list(query)).status).toBe(400);
      },
    );
  });

  describe('GET /api/auth/users/:email/activity', () => {
    it("is that person's timeline: events where they acted or were acted on, newest first, paged", async () => {
      const reply = await http.get<Page<AuditEvent>>(
        `${app.url}/api/auth/users/CHARLES@example.com/activity?pageSize=100`,
        admin.auth,
      );
      expect(reply.status).toBe(200);
      const expected = (
        await app.db.query<{ id: string }>(
          `SELECT id FROM audit_events WHERE actor_id = $1 OR target_id = $1 ORDER BY occurred_at DESC, id DESC`,
          [coordinator.user.id],
        )
      ).rows.map((r) => r.id);
      expect(reply.body.items.map((e) => e.id)).toEqual(expected);
      expect(reply.body.total).toBe(expected.length);
      const second = await http.get<Page<AuditEvent>>(
        `${app.url}/api/auth/users/charles@example.com/activity?pageSize=2&page=2`,
        admin.auth,
      );
      expect(second.body.items.map((e) => e.id)).toEqual(expected.slice(2, 4));
      expect((await http.get(`${app.url}/api/auth/users/nobody@example.com/activity`, admin.auth)).status).toBe(404);
    });
  });

  describe('GET /api/audit-events.csv', () => {
    const awkward = ['Smith, "Jo"\r\nthe second', '=HYPERLINK("http://evil","x")', '+1', '-2', '@SUM(A1)', 'plain'];

    beforeAll(async () => {
      // People with awkward names, signed in for real; plus user agents spreadsheets would run.
      for (const [i, name] of awkward.entries()) {
        await signIn(app, aGoogleIdentity({ email: `awkward${i}@example.com`, name }), new Browser(app.origin));
      }
      await app.db.query(
        `INSERT INTO audit_events (action, actor_email, target_email, details, user_agent)
         SELECT 'user.role_changed', 'bulk@example.com', '=cmd|calc@example.com', jsonb_build_object('n', i), $1
           FROM generate_series(1, 2500) AS i`,
        ['=2+3, "agent"'],
      );
    });

    it('streams every filtered event, newest first, and round-trips through an RFC 4180 parser', async () => {
      const reply = await http.get(`${app.url}/api/audit-events.csv`, admin.auth);
      expect(reply.status).toBe(200);
      expect(reply.headers.get('content-type')).toBe('text/csv; charset=utf-8');
      expect(reply.headers.get('content-disposition')).toBe('attachment; filename="audit-events.csv"');
      const [header, ...records] = parseCsv(reply.text);
      expect(header).toEqual([
        'id',
        'occurredAt',
        'action',
        'actorId',
        'actorEmail',
        'targetId',
        'targetEmail',
        'details',
        'requestId',
        'ip',
        'userAgent',
        'actorTokenId',
        'actorTokenName',
        'actorTokenPrefix',
      ]);
      const rows = (
        await app.db.query<EventRow & { occurred_at: Date }>(
          'SELECT id, occurred_at, action, actor_id, actor_email, target_id, target_email, details, request_id, ip, user_agent, actor_token_id, actor_token_name, actor_token_prefix FROM audit_events ORDER BY occurred_at DESC, id DESC',
        )
      ).rows;
      expect(records).toHaveLength(rows.length);
      const defuse = (value: string | null) => (value === null ? '' : /^[=+\-@\t\r]/.test(value) ? `'${value}` : value);
      expect(records).toEqual(
        rows.map((r) => [
          r.id,
          r.occurred_at.toISOString(),
          r.action,
          r.actor_id ?? '',
          defuse(r.actor_email),
          r.target_id ?? '',
          defuse(r.target_email),
          JSON.stringify(r.details),
          r.request_id ?? '',
          r.ip ?? '',
          defuse(r.user_agent),
          r.actor_token_id ?? '',
          defuse(r.actor_token_name),
          r.actor_token_prefix ?? '',
        ]),
      );
      // The awkward names survive inside `details`, exactly.
      const names = records
        .filter((r) => r[2] === 'user.signed_in')
        .map((r) => (JSON.parse(r[7]) as { after: { name: string } }).after.name);
      expect(names).toEqual(expect.arrayContaining(awkward));
      expect(records.filter((r) => r[10] === `'=2+3, "agent"`)).toHaveLength(2500);
    });

    it('applies the filters', async () => {
      const reply = await http.get(
        `${app.url}/api/audit-events.csv?action=user.signed_in&actorEmail=awkward1@example.com`,
        admin.auth,
      );
      const [, ...records] = parseCsv(reply.text);
      expect(records).toHaveLength(1);
      expect(records[0][4]).toBe('awkward1@example.com');
      expect(JSON.parse(records[0][7]).after.name).toBe(awkward[1]);
      expect((await http.get(`${app.url}/api/audit-events.csv?action=nope`, admin.auth)).status).toBe(400);
    });
  });
});

describe('GET /api/auth/users/stats', () => {
  let app: TestApp;
  let admin: SignedIn;
  const now = Date.now();
  const utcDay = (t: number) => new Date(t).toISOString().slice(0, 10);
  const monday = (t: number) => {
    const d = new Date(t);
    const midnight = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
    return utcDay(midnight - ((d.getUTCDay() + 6) % 7) * DAY);
  };
  // Seeded people: created over ~100 days, some never signed in, roles cycling.
  const people = Array.from({ length: 40 }, (_, j) => ({
    email: `seed${String(j).padStart(2, '0')}@example.com`,
    name: `Seed ${j}`,
    role: ['coordinator', 'driver', 'coordinator', 'administrator'][j % 4],
    createdAt: now - (j * 2.5 + 0.37) * DAY,
    lastSignInAt: j % 3 === 0 ? null : now - (j * 1.7 + 0.21) * DAY,
  }));
  // Sign-ins spread over 60 days: k sign-ins at various hours of day k.
  const signIns = Array.from({ length: 60 }, (_, k) =>
    Array.from({ length: (k * 7) % 5 }, (_, h) => now - k * DAY - h * 3.3 * 3_600_000),
  ).flat();

  beforeAll(async () => {
    app = await startTestApp();
    admin = await signIn(app, aGoogleIdentity({ email: 'ada@example.com', name: 'Ada' }));
    await app.db.query(
      `INSERT INTO users (email, name, role, provider, provider_subject, created_at, last_sign_in_at)
       SELECT e, n, r, 'google', e, c, l FROM unnest($1::text[], $2::text[], $3::text[], $4::timestamptz[], $5::timestamptz[]) AS t(e, n, r, c, l)`,
      [
        people.map((p) => p.email),
        people.map((p) => p.name),
        people.map((p) => p.role),
        people.map((p) => new Date(p.createdAt)),
        people.map((p) => (p.lastSignInAt === null ? null : new Date(p.lastSignInAt))),
      ],
    );
    await app.db.query(
      `INSERT INTO audit_events (action, occurred_at, actor_email, target_email)
       SELECT 'user.signed_in', t, 'seed@example.com', 'seed@example.com' FROM unnest($1::timestamptz[]) AS t`,
      [signIns.map((t) => new Date(t))],
    );
    // Other actions never count as sign-ins.
    await app.db.query(
      `INSERT INTO audit_events (action, actor_email) SELECT 'user.sign_in_refused', 'x@example.com' FROM generate_series(1, 7)`,
    );
  });
  afterAll(() => app.close());

  it('matches hand-computed counts', async () => {
    const reply = await http.get<UserStats>(`${app.url}/api/auth/users/stats`, admin.auth);
    expect(reply.status).toBe(200);
    const stats = reply.body;

    const everyone = [...people.map((p) => p.role), 'administrator'];
    expect(stats.roles).toEqual(
      ['administrator', 'coordinator', 'driver'].map((role) => ({
        role,
        count: everyone.filter((r) => r === role).length,
      })),
    );

    const days = Array.from({ length: 30 }, (_, i) => utcDay(now - (29 - i) * DAY));
    const allSignIns = [...signIns, now]; // plus the administrator's own, just now
    expect(stats.signInsPerDay).toEqual(
      days.map((date) => ({ date, count: allSignIns.filter((t) => utcDay(t) === date).length })),
    );
    expect(stats.signInsPerDay.reduce((sum, d) => sum + d.count, 0)).toBeLessThan(allSignIns.length);

    const weeks = Array.from({ length: 12 }, (_, i) => monday(now - (11 - i) * 7 * DAY));
    const created = [...people.map((p) => p.createdAt), now];
    expect(stats.newAccountsPerWeek).toEqual(
      weeks.map((weekStart) => ({ weekStart, count: created.filter((t) => monday(t) === weekStart).length })),
    );

    const cutoff = now - 30 * DAY;
    const dormant = people
      .filter((p) => (p.lastSignInAt ?? p.createdAt) < cutoff && (p.lastSignInAt !== null || p.createdAt < cutoff))
      .sort(
        (a, b) =>
          (a.lastSignInAt ?? -Infinity) - (b.lastSignInAt ?? -Infinity) ||
          a.createdAt - b.createdAt ||
          a.email.localeCompare(b.email),
      );
    expect(stats.dormant.count).toBe(dormant.length);
    expect(stats.dormant.items).toEqual(
      dormant.slice(0, 20).map((p) => ({
        email: p.email,
        name: p.name,
        lastSignInAt: p.lastSignInAt === null ? null : new Date(p.lastSignInAt).toISOString(),
      })),
    );
  });

  it('is not mistaken for a person called "stats"', async () => {
    const reply = await http.get<UserStats>(`${app.url}/api/auth/users/stats`, admin.auth);
    expect(reply.body).toHaveProperty('roles');
  });
});

describe('GET /api/audit-events on a long trail', () => {
  let app: TestApp;
  let admin: SignedIn;

  beforeAll(async () => {
    app = await startTestApp();
    admin = await signIn(app, aGoogleIdentity({ name: 'Ada Lovelace', email: 'ada@example.com' }));
    // More events than the count limit, set-based: sign-ins of people who no longer exist.
    await app.db.query(
      `INSERT INTO audit_events (occurred_at, action, target_email, details)
       SELECT now() - make_interval(secs => i), 'user.signed_in', 'gone' || i || '@example.com', '{}'
         FROM generate_series(1, $1::int) AS i`,
      [COUNT_LIMIT + 50],
    );
  });
  afterAll(() => app.close());

  const events = (query: string) => http.get<Page<AuditEvent>>(`${app.url}/api/audit-events${query}`, admin.auth);

  it('bounds the count beyond 10,000 events ("10,000+"), pages still answer', async () => {
    const first = await events('');
    expect(first.body).toMatchObject({ total: COUNT_LIMIT, totalExact: false, page: 1 });
    expect(first.body.items).toHaveLength(25);
    const deep = await events('?page=402&pageSize=25');
    expect(deep.body).toMatchObject({ total: COUNT_LIMIT, totalExact: false });
    expect(deep.body.items.length).toBeGreaterThan(0);
  });

  it('counts a filter matching fewer exactly', async () => {
    const mine = await events(`?actorEmail=${encodeURIComponent('ada@example.com')}`);
    const [{ count }] = (
      await app.db.query<{ count: number }>(`SELECT count(*)::int AS count FROM audit_events WHERE actor_email = $1`, [
        'ada@example.com',
      ])
    ).rows;
    expect(count).toBeGreaterThan(0);
    expect(mine.body).toMatchObject({ total: count, totalExact: true });
  });
});
