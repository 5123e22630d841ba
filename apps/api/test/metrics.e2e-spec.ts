import { aGoogleIdentity } from '@vip/testing';
import { Browser, followGoogleSignIn, signIn, startTestApp, type TestApp } from './support/test-app';

const http = new Browser();
const TOKEN = 'metrics-token-0123456789abcdef';

describe('metrics (/api/metrics)', () => {
  describe('in development, without METRICS_TOKEN', () => {
    let app: TestApp;
    beforeAll(async () => {
      app = await startTestApp();
    });
    afterAll(() => app.close());

    it('serves Prometheus text: request durations by route pattern, pool, sign-ins, process', async () => {
      const ada = await signIn(app, aGoogleIdentity({ email: 'metered@example.com' }));
      const refused = await followGoogleSignIn(app, aGoogleIdentity({ deny: true }));
      expect(refused.headers.get('location')).toContain('error=access_denied');
      expect((await http.get(`${app.url}/api/auth/users/metered%40example.com`, ada.auth)).status).toBe(200);

      const reply = await http.get<string>(`${app.url}/api/metrics`);
      expect(reply.status).toBe(200);
      expect(reply.headers.get('content-type')).toMatch(/^text\/plain/);
      const text = reply.text;
      expect(text).toMatch(
        /^http_request_duration_seconds_bucket\{le="[\d.]+",method="GET",route="\/api\/auth\/users\/:email",status_code="200"\} 1$/m,
      );
      expect(text).toMatch(
        /^http_request_duration_seconds_count\{method="GET",route="\/api\/auth\/google\/callback",status_code="302"\} 2$/m,
      );
      expect(text).not.toContain('metered');
      expect(text).toMatch(/^db_pool_connections\{state="total"\} [1-9]\d*$/m);
      expect(text).toMatch(/^db_pool_connections\{state="idle"\} \d+$/m);
      expect(text).toMatch(/^db_pool_connections\{state="waiting"\} 0$/m);
      expect(text).toMatch(/^auth_sign_ins_total\{outcome="success"\} 1$/m);
      expect(text).toMatch(/^auth_sign_ins_total\{outcome="access_denied"\} 1$/m);
      expect(text).toContain('# TYPE rate_limited_requests_total counter');
      expect(text).toMatch(/^process_cpu_user_seconds_total \d/m);
      expect(text).toMatch(/^nodejs_eventloop_lag_seconds \d/m);
    });
  });

  it('with METRICS_TOKEN: 401 without it or with another, 200 with it', async () => {
    const app = await startTestApp({ env: { METRICS_TOKEN: TOKEN } });
    try {
      const url = `${app.url}/api/metrics`;
      expect((await http.get(url)).status).toBe(401);
      expect((await http.get(url, { authorization: `Bearer ${TOKEN}x` })).status).toBe(401);
      expect((await http.get(url, { authorization: TOKEN })).status).toBe(401);
      const ok = await http.get<string>(url, { authorization: `Bearer ${TOKEN}` });
      expect(ok.status).toBe(200);
      expect(ok.text).toContain('http_request_duration_seconds');
    } finally {
      await app.close();
    }
  });

  it('in production: 404 while METRICS_TOKEN is unset', async () => {
    const app = await startTestApp({ env: { NODE_ENV: 'production', BOOTSTRAP_ADMIN_EMAIL: 'first@example.com' } });
    try {
      const reply = await http.get(`${app.url}/api/metrics`);
      expect(reply.status).toBe(404);
      expect(reply.text).not.toContain('http_request_duration_seconds');
    } finally {
      await app.close();
    }
  });
});
