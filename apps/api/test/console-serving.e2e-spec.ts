import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Browser, startTestApp, type TestApp } from './support/test-app';

describe('serving the admin console', () => {
  let app: TestApp;
  const http = new Browser();

  beforeAll(async () => {
    const dist = mkdtempSync(join(tmpdir(), 'vip-console-'));
    writeFileSync(
      join(dist, 'index.html'),
      '<!doctype html><title>VIP Coordinator</title><script src="main-ABCD1234.js"></script>',
    );
    writeFileSync(join(dist, 'main-ABCD1234.js'), 'console.log("hi")');
    writeFileSync(join(dist, 'favicon.ico'), 'icon');
    mkdirSync(join(dist, 'media'));
    writeFileSync(join(dist, 'media', 'roboto-XYZW5678.woff2'), 'font');
    app = await startTestApp({ env: { ADMIN_DIST_DIR: dist } });
  });
  afterAll(() => app.close());

  it.each(['/', '/users', '/users?page=2&sort=-createdAt', '/account', '/some/deep/link'])(
    'answers %s with index.html, never cached',
    async (path) => {
      const reply = await http.get(`${app.url}${path}`);
      expect(reply.status).toBe(200);
      expect(reply.headers.get('content-type')).toMatch(/text\/html/);
      expect(reply.headers.get('cache-control')).toBe('no-cache');
      expect(reply.text).toContain('<title>VIP Coordinator</title>');
    },
  );

  it('caches hashed assets for a year', async () => {
    for (const path of ['/main-ABCD1234.js', '/media/roboto-XYZW5678.woff2']) {
      const reply = await http.get(`${app.url}${path}`);
      expect(reply.status).toBe(200);
      expect(reply.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    }
    expect((await http.get(`${app.url}/favicon.ico`)).headers.get('cache-control')).toBe('no-cache');
  });

  it('answers missing files and unknown API paths with 404, not the console', async () => {
    expect((await http.get(`${app.url}/main-00000000.js`)).status).toBe(404);
    const api = await http.get(`${app.url}/api/unknown/path`);
    expect(api.status).toBe(404);
    expect(api.body).toMatchObject({ statusCode: 404, error: 'Not Found' });
  });

  it('does not serve files outside the console folder', async () => {
    for (const path of ['/../package.json', '/%2e%2e/package.json', '/..%2fpackage.json']) {
      const reply = await http.get(`${app.url}${path}`);
      expect(reply.status).toBeGreaterThanOrEqual(400);
      expect(reply.status).toBeLessThan(500);
      expect(reply.text).not.toContain('@vip-coordinator/source');
    }
  });

  it('has a content security policy that allows the console and nothing more', async () => {
    const csp = (await http.get(`${app.url}/users`)).headers.get('content-security-policy')!;
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe/);
  });
});
