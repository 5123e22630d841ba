import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppConfig, ConfigError } from './app-config';

const SECRET = 'x'.repeat(32);
const production = {
  NODE_ENV: 'production',
  DATABASE_URL: 'postgres://vip:vip@db:5432/vip',
  JWT_SECRET: SECRET,
  GOOGLE_CLIENT_ID: 'id',
  GOOGLE_CLIENT_SECRET: 'secret',
};

const failure = (env: NodeJS.ProcessEnv): string => {
  try {
    new AppConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('expected a ConfigError');
};

describe('AppConfig', () => {
  const dev = () => ({ DATA_DIR: mkdtempSync(join(tmpdir(), 'vip-config-')) });

  it('has the documented defaults in development', () => {
    const config = new AppConfig(dev());
    expect(config).toMatchObject({
      production: false,
      port: 3000,
      databaseUrl: undefined,
      jwtAccessTtl: 900,
      sessionTtlDays: 30,
      google: undefined,
      devLogin: true,
      adminUrl: 'http://localhost:3000/',
      adminOrigin: 'http://localhost:3000',
      logLevel: 'info',
      migrationsRun: true,
      trustProxy: false,
      rateLimit: { auth: 30, api: 600, redisUrl: undefined },
      databasePool: { max: 20, connectTimeoutMs: 2000, statementTimeoutMs: 5000, slowQueryMs: 200 },
      metricsToken: undefined,
      shutdownTimeoutMs: 10000,
      webhooks: { allowPrivateNetworks: false, pollMs: 1000, timeoutMs: 10000, retryBaseMs: 5000, retryMaxMs: 3600000 },
    });
  });

  it.each([
    ['2', 2],
    ['0', false],
    ['10.0.0.1', ['10.0.0.1']],
    [' 10.0.0.0/8, 172.16.0.0/12 ,fd00::/8', ['10.0.0.0/8', '172.16.0.0/12', 'fd00::/8']],
  ])('reads TRUST_PROXY=%s as a hop count or a list of proxies', (value, expected) => {
    expect(new AppConfig({ ...production, TRUST_PROXY: value }).trustProxy).toEqual(expected);
  });

  it('turns rate limits off with 0 and shares them through Redis when REDIS_URL is set', () => {
    const config = new AppConfig({
      ...production,
      RATE_LIMIT_AUTH: '0',
      RATE_LIMIT_API: '0',
      REDIS_URL: 'redis://cache:6379/1',
    });
    expect(config.rateLimit).toMatchObject({ auth: 0, api: 0, redisUrl: 'redis://cache:6379/1' });
  });

  it('generates a development JWT secret once and keeps it', () => {
    const env = dev();
    const first = new AppConfig(env).jwtKey.export().toString();
    expect(first.length).toBeGreaterThanOrEqual(32);
    expect(new AppConfig(env).jwtKey.export().toString()).toBe(first);
  });

  it('accepts a complete production configuration, with dev sign-in off', () => {
    const config = new AppConfig(production);
    expect(config.production).toBe(true);
    expect(config.devLogin).toBe(false);
    expect(config.google).toMatchObject({
      clientId: 'id',
      callbackUrl: 'http://localhost:3000/api/auth/google/callback',
      authorizationUrl: 'https://accounts.google.com/o/oauth2/v2/auth',
    });
  });

  it.each([
    ['JWT_SECRET', { JWT_SECRET: undefined }],
    ['JWT_SECRET', { JWT_SECRET: 'short' }],
    ['DATABASE_URL', { DATABASE_URL: undefined }],
    ['DATABASE_URL', { DATABASE_URL: 'mysql://x/y' }],
    ['GOOGLE_CLIENT_ID', { GOOGLE_CLIENT_ID: undefined }],
    ['GOOGLE_CLIENT_SECRET', { GOOGLE_CLIENT_SECRET: '' }],
    ['DEV_LOGIN', { DEV_LOGIN: 'true' }],
    ['PORT', { PORT: 'eighty' }],
    ['JWT_ACCESS_TTL', { JWT_ACCESS_TTL: '7200' }],
    ['SESSION_TTL_DAYS', { SESSION_TTL_DAYS: '0' }],
    ['ADMIN_URL', { ADMIN_URL: 'not a url' }],
    ['GOOGLE_ALLOWED_DOMAINS', { GOOGLE_ALLOWED_DOMAINS: 'ok.example, bad domain' }],
    ['LOG_LEVEL', { LOG_LEVEL: 'loud' }],
    ['MIGRATIONS_RUN', { MIGRATIONS_RUN: 'maybe' }],
    ['GOOGLE_TOKEN_URL', { GOOGLE_TOKEN_URL: '/relative' }],
    ['TRUST_PROXY', { TRUST_PROXY: 'yes' }],
    ['TRUST_PROXY', { TRUST_PROXY: '10.0.0.0/33' }],
    ['TRUST_PROXY', { TRUST_PROXY: '10.0.0.1, proxy.example' }],
    ['TRUST_PROXY', { TRUST_PROXY: '-1' }],
    ['REDIS_URL', { REDIS_URL: 'http://cache:6379' }],
    ['REDIS_URL', { REDIS_URL: 'not a url' }],
    ['RATE_LIMIT_AUTH', { RATE_LIMIT_AUTH: '-5' }],
    ['RATE_LIMIT_API', { RATE_LIMIT_API: 'lots' }],
    ['DATABASE_POOL_MAX', { DATABASE_POOL_MAX: '0' }],
    ['DATABASE_CONNECT_TIMEOUT_MS', { DATABASE_CONNECT_TIMEOUT_MS: '2s' }],
    ['DATABASE_STATEMENT_TIMEOUT_MS', { DATABASE_STATEMENT_TIMEOUT_MS: '1.5' }],
    ['DATABASE_SLOW_QUERY_MS', { DATABASE_SLOW_QUERY_MS: 'slow' }],
    ['METRICS_TOKEN', { METRICS_TOKEN: 'short' }],
    ['SHUTDOWN_TIMEOUT_MS', { SHUTDOWN_TIMEOUT_MS: 'never' }],
    ['WEBHOOK_ALLOW_PRIVATE_NETWORKS', { WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'yes' }],
    ['WEBHOOK_POLL_MS', { WEBHOOK_POLL_MS: '0' }],
    ['WEBHOOK_TIMEOUT_MS', { WEBHOOK_TIMEOUT_MS: '30000' }],
    ['WEBHOOK_RETRY_BASE_MS', { WEBHOOK_RETRY_BASE_MS: 'soon' }],
    ['WEBHOOK_RETRY_MAX_MS', { WEBHOOK_RETRY_MAX_MS: '7200000' }],
    ['WEBHOOK_RETRY_MAX_MS', { WEBHOOK_RETRY_BASE_MS: '60000', WEBHOOK_RETRY_MAX_MS: '1000' }],
  ])('stops with a message naming %s when it is bad', (variable, change) => {
    expect(failure({ ...production, ...change })).toContain(variable);
  });

  it('normalises allowed domains and the admin URL', () => {
    const config = new AppConfig({
      ...production,
      GOOGLE_ALLOWED_DOMAINS: ' VIP.example ,, partner.example ',
      ADMIN_URL: 'https://admin.vip.example/console',
    });
    expect(config.allowedDomains).toEqual(['vip.example', 'partner.example']);
    expect(config.adminUrl).toBe('https://admin.vip.example/console/');
    expect(config.adminOrigin).toBe('https://admin.vip.example');
  });
});
