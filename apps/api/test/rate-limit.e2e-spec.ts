import { randomBytes } from 'node:crypto';
import { aGoogleIdentity } from '@vip/testing';
import { Browser, signIn, startTestApp, type TestApp } from './support/test-app';

const http = new Browser();
const limited = { RATE_LIMIT_AUTH: '3', RATE_LIMIT_API: '4' };

async function hammer(url: string, times: number, headers?: Record<string, string>): Promise<number[]> {
  const statuses: number[] = [];
  for (let i = 0; i < times; i++) statuses.push((await http.get(url, headers)).status);
  return statuses;
}

describe('rate limits', () => {
  describe('in memory, no proxy trusted', () => {
    let app: TestApp;
    beforeAll(async () => {
      app = await startTestApp({ env: limited });
    });
    afterAll(() => app.close());

    it('answers 429 with the error body, Retry-After and RateLimit-* headers past RATE_LIMIT_AUTH', async () => {
      const url = `${app.url}/api/auth/google`;
      const first = await http.get(url);
      expect(first.status).toBe(302);
      expect(first.headers.get('ratelimit-limit')).toBe('3');
      expect(first.headers.get('ratelimit-remaining')).toBe('2');
      expect(await hammer(url, 2)).toEqual([302, 302]);
      const refused = await http.get(url);
      expect(refused.status).toBe(429);
      expect(refused.body).toEqual({
        statusCode: 429,
        error: 'Too Many Requests',
        message: expect.any(String),
        requestId: refused.headers.get('x-request-id'),
      });
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(refused.headers.get('ratelimit-limit')).toBe('3');
      expect(refused.headers.get('ratelimit-remaining')).toBe('0');
      expect(Number(refused.headers.get('ratelimit-reset'))).toBeGreaterThan(0);
      // The callback and refresh share the sign-in limit of this address.
      expect((await http.get(`${app.url}/api/auth/google/callback?code=x&state=y`)).status).toBe(429);
      expect((await http.post(`${app.url}/api/auth/refresh`, undefined, { origin: app.origin })).status).toBe(429);
    });

    it('ignores a forged X-Forwarded-For: every spelling counts against the socket address', async () => {
      const url = `${app.url}/api/health/live`;
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++) statuses.push((await http.get(url, { 'x-forwarded-for': `203.0.113.${i}` })).status);
      expect(statuses).toEqual([200, 200, 200, 200, 429]);
    });

    it('counts a signed-in caller on their own, not on the address', async () => {
      const other = await startTestApp({ env: { ...limited, RATE_LIMIT_AUTH: '0' } });
      try {
        const ada = await signIn(other, aGoogleIdentity());
        const grace = await signIn(other, aGoogleIdentity());
        const carol = await signIn(other, aGoogleIdentity());
        const me = `${other.url}/api/auth/me`;
        expect(await hammer(me, 5, ada.auth)).toEqual([200, 200, 200, 200, 429]);
        // Same address, another caller: a fresh allowance; anonymous callers have theirs.
        expect(await hammer(me, 4, grace.auth)).toEqual([200, 200, 200, 200]);
        expect(await hammer(`${other.url}/api/health/live`, 4)).toEqual([200, 200, 200, 200]);
        // A forged token counts as anonymous (this address has spent its allowance), so
        // made-up tokens cannot buy fresh allowances.
        expect(await hammer(me, 1, { authorization: 'Bearer forged.token.value' })).toEqual([429]);
        const metrics = await http.get<string>(`${other.url}/api/metrics`, carol.auth);
        expect(metrics.text).toMatch(/^rate_limited_requests_total\{limit="api"\} [1-9]/m);
      } finally {
        await other.close();
      }
    });
  });

  it('honours X-Forwarded-For from a trusted proxy: one client per forwarded address', async () => {
    const app = await startTestApp({ env: { ...limited, TRUST_PROXY: '127.0.0.1/32,::1' } });
    try {
      const url = `${app.url}/api/health/live`;
      expect(await hammer(url, 5, { 'x-forwarded-for': '198.51.100.7' })).toEqual([200, 200, 200, 200, 429]);
      expect(await hammer(url, 4, { 'x-forwarded-for': '198.51.100.8' })).toEqual([200, 200, 200, 200]);
    } finally {
      await app.close();
    }
  });

  it('is off with 0', async () => {
    const app = await startTestApp({ env: { RATE_LIMIT_AUTH: '0', RATE_LIMIT_API: '0' } });
    try {
      const statuses = await hammer(`${app.url}/api/auth/google`, 40);
      expect(new Set(statuses)).toEqual(new Set([302]));
    } finally {
      await app.close();
    }
  });

  it('lets requests through, unlimited, when Redis does not answer', async () => {
    const app = await startTestApp({ env: { ...limited, REDIS_URL: 'redis://127.0.0.1:1' } });
    try {
      expect(await hammer(`${app.url}/api/health/live`, 6)).toEqual([200, 200, 200, 200, 200, 200]);
    } finally {
      await app.close();
    }
  });

  const redisUrl = process.env['REDIS_URL'];
  if (!redisUrl) {
    console.log('rate limits in Redis: skipped, REDIS_URL is unset (CI sets it to the machine Redis)');
  }
  (redisUrl ? it : it.skip)('in Redis: two instances share one limit', async () => {
    const env = { ...limited, REDIS_URL: redisUrl!, REDIS_KEY_PREFIX: `vip-test-${randomBytes(6).toString('hex')}:` };
    const first = await startTestApp({ env });
    const second = await startTestApp({ env, databaseUrl: first.databaseUrl });
    try {
      expect(await hammer(`${first.url}/api/auth/google`, 2)).toEqual([302, 302]);
      expect(await hammer(`${second.url}/api/auth/google`, 2)).toEqual([302, 429]);
      expect((await http.get(`${first.url}/api/auth/google`)).status).toBe(429);
    } finally {
      await second.close();
      await first.close();
    }
  });
});
