import { request as httpRequest } from 'node:http';
import { aGoogleIdentity } from '@vip/testing';
import { Browser, signIn, startTestApp, type SignedIn, type TestApp } from './support/test-app';

/** Whatever arrives, the answer is a clear 4xx (or a normal answer), never a 5xx, and nothing changes. */
describe('hostile input', () => {
  let app: TestApp;
  let admin: SignedIn;
  const http = new Browser();
  let snapshot: string;

  const tableState = async () =>
    JSON.stringify((await app.db.query('SELECT id, email, name, role, updated_at FROM users ORDER BY id')).rows);

  beforeAll(async () => {
    app = await startTestApp();
    admin = await signIn(app, aGoogleIdentity({ email: 'admin@example.com' }));
    await signIn(app, aGoogleIdentity({ email: 'target@example.com' }));
    snapshot = await tableState();
  });
  afterEach(async () => {
    expect(await tableState()).toBe(snapshot);
  });
  afterAll(() => app.close());

  const expectSafe = (reply: { status: number; text: string }) => {
    expect(reply.status).toBeGreaterThanOrEqual(200);
    expect(reply.status).toBeLessThan(500);
    expect(reply.text).not.toMatch(
      /at .+\.(js|ts):\d+|QueryFailedError|syntax error|SELECT |INSERT |UPDATE |DELETE FROM|Bearer ey/i,
    );
  };

  const sqlFragments = [
    "' OR '1'='1",
    "'; DROP TABLE users; --",
    '" OR ""="',
    '1; SELECT pg_sleep(5)',
    '\\',
    "admin@example.com' --",
    '%00',
    '${jndi:ldap://x}',
  ];

  it.each(sqlFragments)('search=%s', async (fragment) => {
    const reply = await http.get(`${app.url}/api/auth/users?search=${encodeURIComponent(fragment)}`, admin.auth);
    expectSafe(reply);
  });

  it.each(sqlFragments)('email path parameter %s on get, role and delete', async (fragment) => {
    const email = encodeURIComponent(fragment);
    expectSafe(await http.get(`${app.url}/api/auth/users/${email}`, admin.auth));
    expectSafe(
      await http.request('PATCH', `${app.url}/api/auth/users/${email}/role`, {
        headers: admin.auth,
        body: { role: 'driver' },
      }),
    );
    expectSafe(await http.request('DELETE', `${app.url}/api/auth/users/${email}`, { headers: admin.auth }));
  });

  it.each([
    ['role as SQL', { role: "driver'; UPDATE users SET role='administrator' --" }],
    ['role as object', { role: { $ne: null } }],
    ['role as null', { role: null }],
    ['prototype pollution', JSON.parse('{"__proto__": {"role": "administrator"}, "role": "superuser"}')],
    ['constructor pollution', { constructor: { prototype: { isAdmin: true } } }],
    ['a JSON array body', ['driver']],
    ['a JSON string body', 'driver'],
    ['a number body', 42],
  ])('PATCH role with %s', async (_name, body) => {
    const reply = await http.request('PATCH', `${app.url}/api/auth/users/target@example.com/role`, {
      headers: admin.auth,
      body,
    });
    expectSafe(reply);
    expect(reply.status).toBe(400);
  });

  it.each([
    ['malformed JSON', '{"role": '],
    ['invalid UTF-8', Buffer.from([0x7b, 0x22, 0x72, 0x6f, 0x6c, 0x65, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d])],
    ['a NUL byte', '{"role":"dri\u0000ver"}'],
    ['an empty body', ''],
  ])('PATCH role with %s', async (_name, raw) => {
    const reply = await http.request('PATCH', `${app.url}/api/auth/users/target@example.com/role`, {
      headers: { ...admin.auth, 'content-type': 'application/json' },
      raw,
    });
    expectSafe(reply);
    expect(reply.status).toBe(400);
  });

  it('a huge body is refused with 413', async () => {
    const raw = JSON.stringify({ role: 'driver', padding: 'x'.repeat(2 * 1024 * 1024) });
    const reply = await http.request('PATCH', `${app.url}/api/auth/users/target@example.com/role`, {
      headers: { ...admin.auth, 'content-type': 'application/json' },
      raw,
    });
    expectSafe(reply);
    expect(reply.status).toBe(413);
  });

  it.each([
    ['objects', '{"a":', '}'],
    ['arrays', '[', ']'],
  ])(
    'a deeply nested body (%s, small enough to pass the size limit) is refused with 400',
    async (_name, open, close) => {
      const raw = `${open.repeat(2500)}1${close.repeat(2500)}`;
      expect(raw.length).toBeLessThan(16 * 1024);
      const reply = await http.request('PATCH', `${app.url}/api/auth/users/target@example.com/role`, {
        headers: { ...admin.auth, 'content-type': 'application/json' },
        raw,
      });
      expectSafe(reply);
      expect(reply.status).toBe(400);
    },
  );

  it.each(['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x'])(
    'content type %s',
    async (type) => {
      const reply = await http.request('PATCH', `${app.url}/api/auth/users/target@example.com/role`, {
        headers: { ...admin.auth, 'content-type': type },
        raw: 'role=administrator',
      });
      expectSafe(reply);
      expect(reply.status).toBeGreaterThanOrEqual(400);
    },
  );

  it.each([
    ['?page[]=1', 400],
    ['?page=1&page=2', 400],
    ['?role[]=driver', 400],
    ['?search[$ne]=x', 400],
    // 1e2 is the number 100: a valid page size.
    ['?pageSize=1e2', 200],
    ['?page=99999999999999999999', 400],
    ['?search=<5000 characters>', 400],
    ['?search=%00', 400],
    // A broken escape is kept as text: a search that finds nobody.
    ['?search=%E0%A4%A', 200],
    ['?sort=email;DROP%20TABLE%20users', 400],
  ])('list query %s', async (query, status) => {
    const reply = await rawGet(`/api/auth/users${query.replace('<5000 characters>', 'a'.repeat(5000))}`, admin.auth);
    expectSafe(reply);
    expect(reply.status).toBe(status);
    if (status === 200) expect(JSON.parse(reply.text)).toMatchObject({ page: 1 });
  });

  it.each([
    '/api/auth/users/%E0%A4%A',
    '/api/auth/users/%',
    '/api/auth/users/a%00b',
    `/api/auth/users/${'a'.repeat(3000)}@x.com`,
  ])('odd path %s', async (path) => {
    expectSafe(await rawGet(path, admin.auth));
  });

  it('an absurd Authorization header', async () => {
    expectSafe(await rawGet('/api/auth/me', { authorization: `Bearer ${'a'.repeat(8000)}` }));
    expectSafe(await rawGet('/api/auth/me', { authorization: 'Bearer \u00ff\u00fe' }));
  });

  it('an absurd session cookie and state', async () => {
    const browser = new Browser(app.origin);
    browser.setCookie('vip_session', `${'%'.repeat(100)}.${'x'.repeat(4000)}`, '/api/auth');
    expectSafe(await browser.post(`${app.url}/api/auth/refresh`));
    expectSafe(await rawGet(`/api/auth/google/callback?code=x&state=${'%27'.repeat(50)}`, {}));
    expectSafe(await rawGet('/api/auth/google/callback?code[]=x&state[]=y', {}));
  });

  /** node:http, so that malformed URLs reach the server untouched. */
  function rawGet(path: string, headers: Record<string, string>): Promise<{ status: number; text: string }> {
    const url = new URL(app.url);
    return new Promise((resolve, reject) => {
      const request = httpRequest({ host: url.hostname, port: url.port, path, method: 'GET', headers }, (response) => {
        let text = '';
        response.on('data', (chunk) => (text += chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, text }));
      });
      request.on('error', reject);
      request.end();
    });
  }
});
