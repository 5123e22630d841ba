import type { Page, User } from '@vip/shared-dto';
import { aGoogleIdentity } from '@vip/testing';
import { Browser, signIn, startTestApp, type SignedIn, type TestApp } from './support/test-app';

describe('users administration (/api/auth/users)', () => {
  let app: TestApp;
  let admin: SignedIn;
  let coordinator: SignedIn;
  const http = new Browser();

  beforeAll(async () => {
    app = await startTestApp();
    admin = await signIn(app, aGoogleIdentity({ name: 'Ada Lovelace', email: 'ada@example.com' }));
    coordinator = await signIn(app, aGoogleIdentity({ name: 'Charles Babbage', email: 'charles@example.com' }));
  });
  afterAll(() => app.close());

  const users = (path = '', auth = admin.auth) => http.get<Page<User>>(`${app.url}/api/auth/users${path}`, auth);
  const patchRole = (email: string, body: unknown, auth = admin.auth) =>
    http.request<User>('PATCH', `${app.url}/api/auth/users/${encodeURIComponent(email)}/role`, { headers: auth, body });
  const remove = (email: string, auth = admin.auth) =>
    http.request('DELETE', `${app.url}/api/auth/users/${encodeURIComponent(email)}`, { headers: auth });

  describe('who may call', () => {
    it.each([
      ['GET', '/api/auth/users'],
      ['GET', '/api/auth/users/ada@example.com'],
      ['PATCH', '/api/auth/users/ada@example.com/role'],
      ['DELETE', '/api/auth/users/ada@example.com'],
    ])('%s %s: 401 without a token, 403 for a coordinator', async (method, path) => {
      const body = method === 'PATCH' ? { role: 'driver' } : undefined;
      expect((await http.request(method, `${app.url}${path}`, { body })).status).toBe(401);
      const forbidden = await http.request(method, `${app.url}${path}`, { body, headers: coordinator.auth });
      expect(forbidden.status).toBe(403);
      expect(forbidden.body).toMatchObject({ statusCode: 403, error: 'Forbidden' });
      expect((await users()).body.items.find((u) => u.email === 'ada@example.com')?.role).toBe('administrator');
    });
  });

  describe('list', () => {
    beforeAll(async () => {
      // 30 more people, inserted directly: the list is what is under test here.
      await app.db.query(`
        INSERT INTO users (email, name, role, provider, provider_subject, created_at, last_sign_in_at)
        SELECT 'bulk' || i || '@fleet.example', 'Bulk Person ' || lpad(i::text, 2, '0'),
               CASE WHEN i % 3 = 0 THEN 'driver' ELSE 'coordinator' END, 'google', 'bulk-' || i,
               now() - make_interval(days => i), CASE WHEN i % 2 = 0 THEN now() - make_interval(hours => i) END
        FROM generate_series(1, 30) AS i`);
    });

    it('pages with defaults and reports the total', async () => {
      const reply = await users();
      expect(reply.status).toBe(200);
      expect(reply.body).toMatchObject({ total: 32, page: 1, pageSize: 25 });
      expect(reply.body.items).toHaveLength(25);
      const second = await users('?page=2&pageSize=25');
      expect(second.body.items).toHaveLength(7);
      const ids = new Set([...reply.body.items, ...second.body.items].map((u) => u.id));
      expect(ids.size).toBe(32);
    });

    it('searches name or email, case-insensitively', async () => {
      expect((await users('?search=LOVELACE')).body.items.map((u) => u.email)).toEqual(['ada@example.com']);
      expect((await users('?search=CHARLES@')).body.items.map((u) => u.email)).toEqual(['charles@example.com']);
      expect((await users('?search=fleet.example')).body.total).toBe(30);
    });

    it('treats LIKE wildcards in the search literally', async () => {
      expect((await users('?search=%25')).body.total).toBe(0);
      expect((await users('?search=_')).body.total).toBe(0);
    });

    it('filters by role', async () => {
      const drivers = await users('?role=driver&pageSize=100');
      expect(drivers.body.total).toBe(10);
      expect(drivers.body.items.every((u) => u.role === 'driver')).toBe(true);
    });

    it.each(['email', 'name', 'role', 'createdAt', 'lastSignInAt'] as const)('sorts by %s both ways', async (field) => {
      const ascending = (await users(`?sort=${field}&pageSize=100`)).body.items;
      const descending = (await users(`?sort=-${field}&pageSize=100`)).body.items;
      const values = (items: User[]) => items.map((u) => u[field]).filter((v): v is string => v !== null);
      const sorted = [...values(ascending)].sort((a, b) =>
        field === 'createdAt' || field === 'lastSignInAt' ? Date.parse(a) - Date.parse(b) : a < b ? -1 : a > b ? 1 : 0,
      );
      expect(values(ascending)).toEqual(sorted);
      expect(values(descending)).toEqual([...sorted].reverse());
    });

    it('puts people who never signed in last', async () => {
      const items = (await users('?sort=-lastSignInAt&pageSize=100')).body.items;
      const firstNull = items.findIndex((u) => u.lastSignInAt === null);
      expect(firstNull).toBeGreaterThan(0);
      expect(items.slice(firstNull).every((u) => u.lastSignInAt === null)).toBe(true);
    });

    it.each([
      '?page=0',
      '?page=-1',
      '?page=abc',
      '?pageSize=0',
      '?pageSize=101',
      '?pageSize=1.5',
      '?role=root',
      '?sort=password',
      '?sort=--email',
      '?unknown=1',
    ])('answers 400 to %s', async (query) => {
      const reply = await users(query);
      expect(reply.status).toBe(400);
      expect(reply.body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
    });
  });

  describe('get', () => {
    it('finds a user by email, case-insensitively', async () => {
      const reply = await http.get<User>(`${app.url}/api/auth/users/ADA@Example.COM`, admin.auth);
      expect(reply.status).toBe(200);
      expect(reply.body).toMatchObject({
        email: 'ada@example.com',
        name: 'Ada Lovelace',
        role: 'administrator',
        provider: 'google',
      });
      expect(reply.body).not.toHaveProperty('providerSubject');
    });

    it('answers 404 for nobody', async () => {
      const reply = await http.get(`${app.url}/api/auth/users/nobody@example.com`, admin.auth);
      expect(reply.status).toBe(404);
      expect(reply.body).toMatchObject({ statusCode: 404, error: 'Not Found' });
    });
  });

  describe('role', () => {
    it('changes a role and stamps updatedAt', async () => {
      const before = (await http.get<User>(`${app.url}/api/auth/users/charles@example.com`, admin.auth)).body;
      const reply = await patchRole('Charles@example.com', { role: 'driver' });
      expect(reply.status).toBe(200);
      expect(reply.body).toMatchObject({ email: 'charles@example.com', role: 'driver' });
      expect(Date.parse(reply.body.updatedAt)).toBeGreaterThan(Date.parse(before.updatedAt));
      await patchRole('charles@example.com', { role: 'coordinator' });
    });

    it.each([
      [{ role: 'superuser' }],
      [{ role: 'Administrator' }],
      [{ role: 1 }],
      [{ role: ['driver'] }],
      [{}],
      [{ role: 'driver', isAdmin: true }],
    ])('answers 400 to %j and changes nothing', async (body) => {
      const reply = await patchRole('charles@example.com', body);
      expect(reply.status).toBe(400);
      expect((await http.get<User>(`${app.url}/api/auth/users/charles@example.com`, admin.auth)).body.role).toBe(
        'coordinator',
      );
    });

    it('answers 404 for nobody', async () => {
      expect((await patchRole('nobody@example.com', { role: 'driver' })).status).toBe(404);
    });

    it('refuses with 409 to demote the last administrator', async () => {
      const reply = await patchRole('ada@example.com', { role: 'coordinator' });
      expect(reply.status).toBe(409);
      expect(reply.body).toMatchObject({
        statusCode: 409,
        error: 'Conflict',
        code: 'LAST_ADMINISTRATOR',
        message: expect.stringMatching(/administrator/),
      });
      expect((await http.get<User>(`${app.url}/api/auth/users/ada@example.com`, admin.auth)).body.role).toBe(
        'administrator',
      );
    });

    it('lets an administrator step down once another exists', async () => {
      const grace = await signIn(app, aGoogleIdentity({ email: 'grace@example.com' }));
      expect((await patchRole('grace@example.com', { role: 'administrator' })).status).toBe(200);
      expect((await patchRole('grace@example.com', { role: 'coordinator' }, grace.auth)).status).toBe(200);
      expect((await http.get(`${app.url}/api/auth/users`, grace.auth)).status).toBe(403);
    });
  });

  describe('delete', () => {
    it('deletes a user and their sessions', async () => {
      const temp = await signIn(app, aGoogleIdentity({ email: 'temp@example.com' }));
      expect((await app.db.query('SELECT 1 FROM sessions WHERE user_id = $1', [temp.user.id])).rowCount).toBe(1);
      const reply = await remove('TEMP@example.com');
      expect(reply.status).toBe(204);
      expect(reply.text).toBe('');
      expect((await http.get(`${app.url}/api/auth/users/temp@example.com`, admin.auth)).status).toBe(404);
      expect((await app.db.query('SELECT 1 FROM sessions WHERE user_id = $1', [temp.user.id])).rowCount).toBe(0);
    });

    it('answers 404 for nobody', async () => {
      expect((await remove('nobody@example.com')).status).toBe(404);
    });

    it('refuses with 409 to delete the last administrator', async () => {
      expect((await remove('ada@example.com')).status).toBe(409);
      expect((await http.get(`${app.url}/api/auth/users/ada@example.com`, admin.auth)).status).toBe(200);
    });

    it('lets a person sign in again after deletion, as a new coordinator', async () => {
      const identity = aGoogleIdentity({ email: 'phoenix@example.com' });
      const first = await signIn(app, identity);
      await remove('phoenix@example.com');
      const again = await signIn(app, identity);
      expect(again.user.id).not.toBe(first.user.id);
      expect(again.user.role).toBe('coordinator');
    });
  });
});
