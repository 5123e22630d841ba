import type { ImportResult, Invitation, Page, Settings } from '@vip/shared-dto';
import { aGoogleIdentity } from '@vip/testing';
import { Browser, followGoogleSignIn, signIn, startTestApp, type SignedIn, type TestApp } from './support/test-app';

interface ImportReply extends ImportResult {
  statusCode?: number;
  message?: string;
}

describe('invitations (/api/invitations)', () => {
  let app: TestApp;
  let admin: SignedIn;
  const http = new Browser();

  beforeAll(async () => {
    app = await startTestApp({ env: { GOOGLE_ALLOWED_DOMAINS: 'example.com' } });
    // example.com is a Workspace domain here: Google vouches for its accounts with `hd`.
    admin = await signIn(app, aGoogleIdentity({ email: 'ada@example.com', name: 'Ada Lovelace', hd: 'example.com' }));
  });
  afterAll(() => app.close());

  const url = (path: string) => `${app.url}${path}`;
  const invite = (body: unknown, auth = admin.auth) =>
    http.request<Invitation & { message: string }>('POST', url('/api/invitations'), { headers: auth, body });
  const list = (query = '') => http.get<Page<Invitation>>(url(`/api/invitations${query}`), admin.auth);
  const upload = (csv: string | Buffer, query = '', headers: Record<string, string> = {}) =>
    http.request<ImportReply>('POST', url(`/api/invitations/import${query}`), {
      headers: { ...admin.auth, 'content-type': 'text/csv', ...headers },
      raw: csv,
    });
  const setPolicy = (settings: Settings) =>
    http.request('PUT', url('/api/settings'), { headers: admin.auth, body: settings });
  const tables = async () =>
    (
      await app.db
        .query(`SELECT (SELECT json_agg(i ORDER BY id) FROM invitations i) AS invitations, (SELECT count(*) FROM users) AS users,
      (SELECT count(*) FROM audit_events) AS events`)
    ).rows[0];
  const eventsOf = async (email: string) =>
    (
      await app.db.query<{ action: string; actor_email: string | null; details: Record<string, unknown> }>(
        'SELECT action, actor_email, details FROM audit_events WHERE target_email = $1 ORDER BY id',
        [email],
      )
    ).rows;

  describe('invite one email', () => {
    it('creates a pending invitation (14 days by default) with invitation.created', async () => {
      const reply = await invite({ email: 'Driver.One@Gmail.com', role: 'driver' });
      expect(reply.status).toBe(201);
      expect(reply.body).toMatchObject({
        email: 'driver.one@gmail.com',
        role: 'driver',
        state: 'pending',
        invitedBy: { email: 'ada@example.com', name: 'Ada Lovelace' },
        acceptedAt: null,
        revokedAt: null,
      });
      const days = (Date.parse(reply.body.expiresAt) - Date.parse(reply.body.createdAt)) / 86_400_000;
      expect(days).toBeCloseTo(14, 3);
      const events = await eventsOf('driver.one@gmail.com');
      expect(events.map((e) => [e.action, e.actor_email])).toEqual([['invitation.created', 'ada@example.com']]);
      expect(events[0].details).toMatchObject({ invitationId: reply.body.id, after: { role: 'driver' } });
    });

    it('refuses an email with an account or a live invitation (409), bad input (400), and writes nothing', async () => {
      await invite({ email: 'twice@gmail.com', role: 'driver', expiresInDays: 3 });
      const before = await tables();
      const account = await invite({ email: 'ADA@example.com', role: 'driver' });
      expect(account.status).toBe(409);
      expect(account.body.message).toMatch(/account/);
      const live = await invite({ email: 'twice@gmail.com', role: 'coordinator' });
      expect(live.status).toBe(409);
      expect(live.body.message).toMatch(/live invitation/);
      for (const [body, field] of [
        [{ email: 'not-an-email', role: 'driver' }, 'email'],
        [{ email: 'x@gmail.com', role: 'root' }, 'role'],
        [{ email: 'x@gmail.com', role: 'driver', expiresInDays: 0 }, 'expiresInDays'],
        [{ email: 'x@gmail.com', role: 'driver', expiresInDays: 366 }, 'expiresInDays'],
        [{ email: 'x@gmail.com', role: 'driver', state: 'accepted' }, 'state'],
      ] as const) {
        const reply = await invite(body);
        expect(reply.status).toBe(400);
        expect(reply.body.message).toContain(field);
      }
      expect(await tables()).toEqual(before);
    });

    it('only administrators: 401 without a token, 403 for a coordinator', async () => {
      const coordinator = await signIn(app, aGoogleIdentity({ hd: 'example.com' }));
      expect((await http.get(url('/api/invitations'))).status).toBe(401);
      expect((await http.get(url('/api/invitations'), coordinator.auth)).status).toBe(403);
      expect((await invite({ email: 'c@gmail.com', role: 'driver' }, coordinator.auth)).status).toBe(403);
    });
  });

  describe('signing in with an invitation', () => {
    it('admits the exact invited email outside the allowed domains, active with its role, and marks the invitation accepted', async () => {
      await setPolicy({ signUpPolicy: 'invitation', defaultRole: 'coordinator' });
      const invitation = (await invite({ email: 'outside.driver@gmail.com', role: 'driver' })).body;
      const person = await signIn(app, aGoogleIdentity({ email: 'outside.driver@gmail.com' }));
      expect(person.user).toMatchObject({ role: 'driver', status: 'active' });
      const stored = (await list('?search=outside.driver')).body.items[0];
      expect(stored).toMatchObject({ id: invitation.id, state: 'accepted' });
      expect(stored.acceptedAt).not.toBeNull();
      expect((await eventsOf('outside.driver@gmail.com')).map((e) => e.action)).toEqual([
        'invitation.created',
        'user.signed_in',
        'invitation.accepted',
      ]);
      // Used once: deleting the account does not let the invitation admit the email again.
      await http.request('DELETE', url('/api/auth/users/outside.driver%40gmail.com'), { headers: admin.auth });
      const again = await followGoogleSignIn(app, aGoogleIdentity({ email: 'outside.driver@gmail.com' }));
      expect(new URL(again.headers.get('location')!).searchParams.get('error')).toBe('domain_not_allowed');
      await setPolicy({ signUpPolicy: 'open', defaultRole: 'coordinator' });
    });

    it('a revoked or expired invitation admits nobody; revoking is kept as revoked and recorded; an accepted one cannot be revoked', async () => {
      const revoked = (await invite({ email: 'revoked@gmail.com', role: 'driver' })).body;
      expect(
        (await http.request('DELETE', url(`/api/invitations/${revoked.id}`), { headers: admin.auth })).status,
      ).toBe(204);
      expect(
        (await http.request('DELETE', url(`/api/invitations/${revoked.id}`), { headers: admin.auth })).status,
      ).toBe(204);
      expect((await list('?state=revoked')).body.items.map((i) => i.email)).toContain('revoked@gmail.com');
      expect((await eventsOf('revoked@gmail.com')).map((e) => e.action)).toEqual([
        'invitation.created',
        'invitation.revoked',
      ]);
      const refused = await followGoogleSignIn(app, aGoogleIdentity({ email: 'revoked@gmail.com' }));
      expect(new URL(refused.headers.get('location')!).searchParams.get('error')).toBe('domain_not_allowed');

      await invite({ email: 'expired@gmail.com', role: 'driver' });
      await app.db.query(
        `UPDATE invitations SET expires_at = now() - interval '1 minute' WHERE email = 'expired@gmail.com'`,
      );
      expect((await list('?state=expired')).body.items.map((i) => i.email)).toEqual(['expired@gmail.com']);
      const late = await followGoogleSignIn(app, aGoogleIdentity({ email: 'expired@gmail.com' }));
      expect(new URL(late.headers.get('location')!).searchParams.get('error')).toBe('domain_not_allowed');
      // An expired invitation does not block a new one.
      expect((await invite({ email: 'expired@gmail.com', role: 'coordinator' })).status).toBe(201);

      const accepted = (await invite({ email: 'accepted@example.com', role: 'coordinator' })).body;
      await signIn(app, aGoogleIdentity({ email: 'accepted@example.com' }));
      const conflict = await http.request<{ message: string }>('DELETE', url(`/api/invitations/${accepted.id}`), {
        headers: admin.auth,
      });
      expect(conflict.status).toBe(409);
      expect(
        (
          await http.request('DELETE', url('/api/invitations/00000000-0000-4000-8000-000000000000'), {
            headers: admin.auth,
          })
        ).status,
      ).toBe(404);
      expect((await http.request('DELETE', url('/api/invitations/nope'), { headers: admin.auth })).status).toBe(400);
    });
  });

  describe('list', () => {
    it('pages, searches by email, filters by state and sorts every way', async () => {
      const all = await list('?pageSize=100');
      expect(all.status).toBe(200);
      expect(all.body.total).toBe(all.body.items.length);
      const newestFirst = all.body.items.map((i) => i.createdAt);
      expect(newestFirst).toEqual([...newestFirst].sort().reverse());
      for (const field of ['email', 'createdAt', 'expiresAt'] as const) {
        const ascending = (await list(`?sort=${field}&pageSize=100`)).body.items.map((i) => i[field]);
        expect(ascending).toEqual([...ascending].sort());
        const descending = (await list(`?sort=-${field}&pageSize=100`)).body.items.map((i) => i[field]);
        expect(descending).toEqual([...ascending].reverse());
      }
      const firstPage = (await list('?pageSize=2&sort=email')).body;
      const secondPage = (await list('?pageSize=2&page=2&sort=email')).body;
      expect(firstPage.items).toHaveLength(2);
      expect(new Set([...firstPage.items, ...secondPage.items].map((i) => i.id)).size).toBe(
        firstPage.items.length + secondPage.items.length,
      );
      expect((await list('?search=GMAIL')).body.items.every((i) => i.email.includes('gmail'))).toBe(true);
      expect((await list('?search=%25')).body.total).toBe(0);
      for (const state of ['pending', 'accepted', 'expired', 'revoked'] as const) {
        const items = (await list(`?state=${state}&pageSize=100`)).body.items;
        expect(items.length).toBeGreaterThan(0);
        expect(items.every((i) => i.state === state)).toBe(true);
      }
      for (const query of ['?state=lost', '?sort=name', '?pageSize=1000', '?search=%00'])
        expect((await list(query)).status).toBe(400);
    });
  });

  describe('CSV import', () => {
    it('previews with dryRun (nothing written), then writes every row in one go with one invitation.created each', async () => {
      const csv =
        'email,role,name\r\nroster.one@gmail.com,driver,Roster One\r\n"roster.two@gmail.com",COORDINATOR,"Two, Roster"\r\n\r\n';
      const before = await tables();
      const preview = await upload(csv, '?dryRun=true');
      expect(preview.status).toBe(200);
      expect(preview.body).toEqual({
        rows: [
          { line: 2, email: 'roster.one@gmail.com', role: 'driver' },
          { line: 3, email: 'roster.two@gmail.com', role: 'coordinator' },
        ],
        created: 0,
      });
      expect(await tables()).toEqual(before);

      const imported = await upload(csv);
      expect(imported.status).toBe(200);
      expect(imported.body.created).toBe(2);
      const stored = await app.db.query<{ email: string; role: string; name: string }>(
        "SELECT email, role, name FROM invitations WHERE email LIKE 'roster.%' ORDER BY email",
      );
      expect(stored.rows).toEqual([
        { email: 'roster.one@gmail.com', role: 'driver', name: 'Roster One' },
        { email: 'roster.two@gmail.com', role: 'coordinator', name: 'Two, Roster' },
      ]);
      expect((await eventsOf('roster.one@gmail.com')).map((e) => e.action)).toEqual(['invitation.created']);
      expect((await eventsOf('roster.two@gmail.com')).map((e) => e.action)).toEqual(['invitation.created']);
    });

    it('any bad row: 400 with every row and its line, and nothing written', async () => {
      await invite({ email: 'already.invited@gmail.com', role: 'driver' });
      const csv = [
        'email,role,name',
        'good.one@gmail.com,driver,Good',
        'not-an-email,driver,Bad Email',
        'good.two@gmail.com,pilot,Bad Role',
        'good.one@gmail.com,coordinator,Duplicate',
        '=HYPERLINK("http://evil"),driver,Formula',
        'formula.name@gmail.com,driver,@SUM(A1)',
        'ada@example.com,driver,Has An Account',
        'already.invited@gmail.com,driver,Live Invitation',
        'short@gmail.com',
        '"multi',
        'line"@gmail.com,driver,Quoted Newline',
        'fine@gmail.com,driver,Fine',
      ].join('\n');
      const before = await tables();
      for (const query of ['', '?dryRun=true']) {
        const reply = await upload(csv, query);
        expect(reply.status).toBe(400);
        expect(reply.body.message).toMatch(/9 of 11 rows/);
        expect(reply.body.created).toBe(0);
        expect(reply.body.rows.map((row) => [row.line, row.error ?? null])).toEqual([
          [2, null],
          [3, expect.stringMatching(/email/)],
          [4, expect.stringMatching(/role/)],
          [5, 'duplicate of line 2'],
          [6, expect.stringMatching(/formula/)],
          [7, expect.stringMatching(/formula/)],
          [8, expect.stringMatching(/already has an account/)],
          [9, expect.stringMatching(/live invitation/)],
          [10, expect.stringMatching(/expected 3 cells, found 1/)],
          [11, expect.stringMatching(/email/)],
          [13, null],
        ]);
      }
      expect(await tables()).toEqual(before);
    });

    it.each([
      ['a wrong header', 'mail,role\nx@gmail.com,driver\n', /Line 1 must be the header/],
      ['no header at all', '', /Line 1 must be the header/],
      ['only a header', 'email,role\n', /no rows/],
      ['an unclosed quote', 'email,role\n"x@gmail.com,driver\n', /Line 2: a quoted cell is never closed/],
      [
        'more than 1,000 rows',
        `email,role\n${Array.from({ length: 1001 }, (_, i) => `bulk${i}@gmail.com,driver`).join('\n')}\n`,
        /At most 1,000 rows/,
      ],
    ])('refuses %s with 400 naming the problem, nothing written', async (_case, csv, message) => {
      const before = await tables();
      const reply = await upload(csv);
      expect(reply.status).toBe(400);
      expect(reply.body.message).toMatch(message);
      expect(await tables()).toEqual(before);
    });

    it('refuses a file that is not UTF-8, other content types, a body over the limit, and a bad dryRun', async () => {
      const before = await tables();
      const latin1 = Buffer.from('email,role,name\nzoe@gmail.com,driver,Zo\xe9\n', 'latin1');
      const reply = await upload(latin1);
      expect(reply.status).toBe(400);
      expect(reply.body.message).toMatch(/not UTF-8/);
      const json = await http.request<{ message: string }>('POST', url('/api/invitations/import'), {
        headers: admin.auth,
        body: { email: 'x@gmail.com' },
      });
      expect(json.status).toBe(400);
      expect(json.body.message).toMatch(/text\/csv/);
      const form = await upload('email=x', '', { 'content-type': 'application/x-www-form-urlencoded' });
      expect(form.status).toBe(415);
      const huge = await upload(`email,role,name\n${'a'.repeat(2 * 1024 * 1024)}\n`);
      expect(huge.status).toBe(413);
      expect((await upload('email,role\nx@gmail.com,driver\n', '?dryRun=maybe')).status).toBe(400);
      expect(await tables()).toEqual(before);
    });

    it('imports 1,000 rows (a body above the global limit) in one transaction', async () => {
      const csv = `email,role,name\n${Array.from({ length: 1000 }, (_, i) => `thousand${i}@gmail.com,driver,Person Number ${i}`).join('\n')}\n`;
      expect(Buffer.byteLength(csv)).toBeGreaterThan(16 * 1024);
      const reply = await upload(csv);
      expect(reply.status).toBe(200);
      expect(reply.body.created).toBe(1000);
      expect((await app.db.query("SELECT 1 FROM invitations WHERE email LIKE 'thousand%'")).rowCount).toBe(1000);
      expect(
        (
          await app.db.query(
            "SELECT 1 FROM audit_events WHERE action = 'invitation.created' AND target_email LIKE 'thousand%'",
          )
        ).rowCount,
      ).toBe(1000);
    });
  });
});

describe('plans on 100,000 rows', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
    // GIN indexes take rows one by one (fastupdate off); for seeding, let them collect
    // rows in their pending list and merge them in bulk at VACUUM, then restore them.
    const gin = (
      await app.db.query<{ name: string }>(
        `SELECT indexrelid::regclass::text AS name FROM pg_index JOIN pg_class c ON c.oid = indexrelid JOIN pg_am am ON am.oid = c.relam
          WHERE am.amname = 'gin' AND indrelid IN ('users'::regclass, 'invitations'::regclass)`,
      )
    ).rows.map((row) => row.name);
    for (const index of gin)
      await app.db.query(`ALTER INDEX ${index} SET (fastupdate = on, gin_pending_list_limit = 1048576)`);
    // Set-based seeding: 100,000 people and 100,000 invitations in a few statements.
    await app.db.query(`
      INSERT INTO users (email, name, role, provider, provider_subject, status, created_at)
      SELECT 'person' || i || '@example.com', 'Person ' || i, (ARRAY['coordinator', 'driver'])[1 + i % 2], 'google', 'seed-' || i,
             CASE WHEN i % 100 = 0 THEN 'pending' WHEN i % 50 = 1 THEN 'disabled' ELSE 'active' END,
             now() - make_interval(mins => i)
        FROM generate_series(1, 100000) AS i`);
    await app.db.query(`
      INSERT INTO invitations (email, role, invited_by, created_at, expires_at, accepted_at, revoked_at)
      SELECT 'invitee' || i || '@gmail.com', 'driver', (SELECT id FROM users WHERE email = 'person' || (1 + i % 7) || '@example.com'), now() - make_interval(mins => i), now() + make_interval(days => 14) - make_interval(mins => i * 2),
             CASE WHEN i % 4 = 1 THEN now() END, CASE WHEN i % 4 = 2 THEN now() END
        FROM generate_series(1, 100000) AS i`);
    await app.db.query('VACUUM ANALYZE users');
    await app.db.query('VACUUM ANALYZE invitations');
    for (const index of gin) {
      await app.db.query(`ALTER INDEX ${index} SET (fastupdate = off)`);
      await app.db.query(`ALTER INDEX ${index} RESET (gin_pending_list_limit)`);
    }
  }, 300_000);
  afterAll(() => app.close());

  /** Captures the SQL the API runs for one request, then EXPLAINs each statement with its parameters. */
  async function plansOf(path: string): Promise<string[]> {
    const { Database } = await import('../src/database/database');
    const database = app.app.get(Database);
    const seen: { text: string; values: readonly unknown[] }[] = [];
    const original = database.query.bind(database);
    database.query = (async (text: string, values: readonly unknown[] = []) => {
      // The webhook worker polls the same pool in the background: not this request's.
      if (!/\bwebhook_/.test(text)) seen.push({ text, values });
      return original(text, values);
    }) as typeof database.query;
    try {
      const admin = await app.db.query<{ id: string }>(`SELECT id FROM users LIMIT 1`);
      expect(admin.rowCount).toBe(1);
      const { sign } = await import('jsonwebtoken');
      const { TOKEN_AUDIENCE, TOKEN_ISSUER } = await import('../src/auth/access-tokens');
      const { TEST_JWT_SECRET } = await import('./support/test-app');
      const caller = await app.db.query<{ id: string; sid: string }>(
        `WITH a AS (UPDATE users SET role = 'administrator', status = 'active' WHERE email = 'person2@example.com' RETURNING id)
         INSERT INTO sessions (user_id, token_hash, expires_at) SELECT id, repeat('0', 64), now() + interval '1 day' FROM a RETURNING user_id AS id, id AS sid`,
      );
      const token = sign({ sid: caller.rows[0].sid }, TEST_JWT_SECRET, {
        subject: caller.rows[0].id,
        issuer: TOKEN_ISSUER,
        audience: TOKEN_AUDIENCE,
        expiresIn: 600,
      });
      const reply = await new Browser().get(`${app.url}${path}`, { authorization: `Bearer ${token}` });
      expect(reply.status).toBe(200);
    } finally {
      database.query = original;
    }
    const plans: string[] = [];
    for (const statement of seen) {
      const rows = await app.db.query<{ 'QUERY PLAN': string }>(
        `EXPLAIN ${statement.text}`,
        statement.values as unknown[],
      );
      plans.push(rows.rows.map((row) => row['QUERY PLAN']).join('\n'));
    }
    return plans;
  }

  it.each([
    '/api/auth/users?status=pending',
    '/api/auth/users?status=disabled&sort=-email',
    '/api/auth/users?status=disabled&sort=status',
    '/api/auth/users?status=pending&sort=-status&page=3',
    '/api/invitations',
    '/api/invitations?state=pending',
    '/api/invitations?state=accepted&sort=email',
    '/api/invitations?state=revoked&sort=-expiresAt',
    '/api/invitations?state=expired',
    '/api/invitations?search=invitee123',
    '/api/invitations?sort=expiresAt&page=40',
  ])('%s reads indexes, never the whole table', async (path) => {
    const plans = await plansOf(path);
    expect(plans.length).toBeGreaterThanOrEqual(1);
    if (process.env['VIP_SHOW_PLANS']) process.stdout.write(`\n${path}\n${plans.join('\n--\n')}\n`);
    for (const plan of plans) {
      // A users total comes from user_counts: a row per role and status, read whole.
      const seqScans = plan.split('\n').filter((line) => /Seq Scan/.test(line));
      expect(seqScans.filter((line) => !/Seq Scan on user_counts\b/.test(line))).toEqual([]);
      expect(plan).toMatch(/Index|Bitmap/);
    }
  });
});
