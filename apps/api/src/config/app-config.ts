import { createSecretKey, randomBytes, type KeyObject } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { dirname, resolve } from 'node:path';

/** Thrown at boot when a variable is missing or malformed; the message names it. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'verbose';
const LOG_LEVELS: readonly LogLevel[] = ['fatal', 'error', 'warn', 'info', 'debug', 'verbose'];

export interface GoogleConfig {
  clientId: string;
  clientSecret: string;
  callbackUrl: string;
  authorizationUrl: string;
  tokenUrl: string;
  userInfoUrl: string;
}

/** Fastify's `trustProxy`: none, a hop count, or the addresses/CIDRs of trusted proxies. */
export type TrustProxy = false | number | string[];

export interface DatabasePoolConfig {
  max: number;
  connectTimeoutMs: number;
  /** Also the lock timeout and the idle-in-transaction timeout. */
  statementTimeoutMs: number;
  slowQueryMs: number;
}

export interface RateLimitConfig {
  /** Per minute per client IP on the sign-in routes; 0 = off. */
  auth: number;
  /** Per minute per caller on everything else; 0 = off. */
  api: number;
  /** Shared counters; unset = counted per process. */
  redisUrl: string | undefined;
  redisKeyPrefix: string;
}

export interface WebhookConfig {
  /** Deliver to loopback, private and link-local addresses (and accept http:// URLs): tests and local receivers. */
  allowPrivateNetworks: boolean;
  /** How often each instance looks for due deliveries. */
  pollMs: number;
  /** One attempt, connection to the last byte read; at most 10 s. */
  timeoutMs: number;
  /** The gap after the first failed attempt; each next gap is 6 times longer, up to `retryMaxMs`. */
  retryBaseMs: number;
  retryMaxMs: number;
}

/**
 * The whole configuration, validated once at start-up. Nothing else in the API reads
 * `process.env`.
 */
export class AppConfig {
  readonly production: boolean;
  readonly port: number;
  /** Unset in development means: start an embedded PostgreSQL. */
  readonly databaseUrl: string | undefined;
  readonly migrationsRun: boolean;
  readonly jwtKey: KeyObject;
  readonly jwtAccessTtl: number;
  readonly sessionTtlDays: number;
  /** `undefined` when no Google client is configured. */
  readonly google: GoogleConfig | undefined;
  readonly allowedDomains: readonly string[];
  /** The only email that may become the first administrator; unset: the first account. */
  readonly bootstrapAdminEmail: string | undefined;
  readonly adminUrl: string;
  readonly adminOrigin: string;
  readonly devLogin: boolean;
  readonly logLevel: LogLevel;
  readonly dataDir: string;
  /** Folder of the built admin console, served at `/` when present. */
  readonly adminDistDir: string;
  readonly trustProxy: TrustProxy;
  readonly rateLimit: RateLimitConfig;
  readonly databasePool: DatabasePoolConfig;
  /** Bearer token for `/api/metrics`; unset in production hides the route. */
  readonly metricsToken: string | undefined;
  readonly shutdownTimeoutMs: number;
  readonly webhooks: WebhookConfig;

  constructor(env: NodeJS.ProcessEnv = process.env) {
    const read = (name: string): string | undefined => {
      const value = env[name]?.trim();
      return value === '' ? undefined : value;
    };

    this.production = read('NODE_ENV') === 'production';
    this.dataDir = resolve(read('DATA_DIR') ?? '.data');
    this.adminDistDir = resolve(read('ADMIN_DIST_DIR') ?? 'dist/apps/admin/browser');
    this.port = integer('PORT', read('PORT'), 3000, 0, 65535);
    this.logLevel = oneOf('LOG_LEVEL', read('LOG_LEVEL'), LOG_LEVELS, 'info');

    const databaseUrl = read('DATABASE_URL');
    if (databaseUrl !== undefined) {
      const url = parseUrl('DATABASE_URL', databaseUrl);
      if (!['postgres:', 'postgresql:'].includes(url.protocol)) {
        throw new ConfigError('DATABASE_URL must be a postgres:// URL');
      }
    } else if (this.production) {
      throw new ConfigError('DATABASE_URL is required when NODE_ENV=production');
    }
    this.databaseUrl = databaseUrl;
    this.migrationsRun = boolean('MIGRATIONS_RUN', read('MIGRATIONS_RUN'), true);
    this.databasePool = {
      max: integer('DATABASE_POOL_MAX', read('DATABASE_POOL_MAX'), 20, 1, 1000),
      connectTimeoutMs: integer('DATABASE_CONNECT_TIMEOUT_MS', read('DATABASE_CONNECT_TIMEOUT_MS'), 2000, 100, 600_000),
      statementTimeoutMs: integer(
        'DATABASE_STATEMENT_TIMEOUT_MS',
        read('DATABASE_STATEMENT_TIMEOUT_MS'),
        5000,
        100,
        3_600_000,
      ),
      slowQueryMs: integer('DATABASE_SLOW_QUERY_MS', read('DATABASE_SLOW_QUERY_MS'), 200, 0, 3_600_000),
    };

    this.trustProxy = trustProxy(read('TRUST_PROXY'));
    const redisUrl = read('REDIS_URL');
    if (redisUrl !== undefined && !['redis:', 'rediss:'].includes(parseUrl('REDIS_URL', redisUrl).protocol)) {
      throw new ConfigError('REDIS_URL must be a redis:// or rediss:// URL');
    }
    this.rateLimit = {
      auth: integer('RATE_LIMIT_AUTH', read('RATE_LIMIT_AUTH'), 30, 0, 1_000_000),
      api: integer('RATE_LIMIT_API', read('RATE_LIMIT_API'), 600, 0, 1_000_000),
      redisUrl,
      redisKeyPrefix: read('REDIS_KEY_PREFIX') ?? 'vip-rate-limit:',
    };
    const metricsToken = read('METRICS_TOKEN');
    if (metricsToken !== undefined && metricsToken.length < 16) {
      throw new ConfigError('METRICS_TOKEN must be at least 16 characters');
    }
    this.metricsToken = metricsToken;
    this.shutdownTimeoutMs = integer('SHUTDOWN_TIMEOUT_MS', read('SHUTDOWN_TIMEOUT_MS'), 10_000, 0, 600_000);
    this.webhooks = {
      allowPrivateNetworks: boolean('WEBHOOK_ALLOW_PRIVATE_NETWORKS', read('WEBHOOK_ALLOW_PRIVATE_NETWORKS'), false),
      pollMs: integer('WEBHOOK_POLL_MS', read('WEBHOOK_POLL_MS'), 1000, 10, 60_000),
      timeoutMs: integer('WEBHOOK_TIMEOUT_MS', read('WEBHOOK_TIMEOUT_MS'), 10_000, 100, 10_000),
      retryBaseMs: integer('WEBHOOK_RETRY_BASE_MS', read('WEBHOOK_RETRY_BASE_MS'), 5000, 10, 600_000),
      retryMaxMs: integer('WEBHOOK_RETRY_MAX_MS', read('WEBHOOK_RETRY_MAX_MS'), 3_600_000, 10, 3_600_000),
    };
    if (this.webhooks.retryMaxMs < this.webhooks.retryBaseMs) {
      throw new ConfigError('WEBHOOK_RETRY_MAX_MS must not be less than WEBHOOK_RETRY_BASE_MS');
    }

    this.jwtKey = createSecretKey(Buffer.from(this.jwtSecret(read('JWT_SECRET')), 'utf8'));
    this.jwtAccessTtl = integer('JWT_ACCESS_TTL', read('JWT_ACCESS_TTL'), 900, 30, 3600);
    this.sessionTtlDays = integer('SESSION_TTL_DAYS', read('SESSION_TTL_DAYS'), 30, 1, 365);

    const origin = `http://localhost:${this.port}`;
    const adminUrl = parseUrl('ADMIN_URL', read('ADMIN_URL') ?? `${origin}/`);
    if (!['http:', 'https:'].includes(adminUrl.protocol)) {
      throw new ConfigError('ADMIN_URL must be an http(s) URL');
    }
    if (!adminUrl.pathname.endsWith('/')) adminUrl.pathname += '/';
    this.adminUrl = adminUrl.href;
    this.adminOrigin = adminUrl.origin;

    this.google = this.googleConfig(read, origin);
    this.allowedDomains = (read('GOOGLE_ALLOWED_DOMAINS') ?? '')
      .split(',')
      .map((domain) => domain.trim().toLowerCase())
      .filter(Boolean);
    for (const domain of this.allowedDomains) {
      if (!/^[a-z0-9.-]+\.[a-z]{2,}$/.test(domain)) {
        throw new ConfigError(`GOOGLE_ALLOWED_DOMAINS has an invalid domain "${domain}"`);
      }
    }

    this.bootstrapAdminEmail = read('BOOTSTRAP_ADMIN_EMAIL')?.toLowerCase();
    if (this.bootstrapAdminEmail !== undefined && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(this.bootstrapAdminEmail)) {
      throw new ConfigError('BOOTSTRAP_ADMIN_EMAIL must be an email address');
    }

    const devLogin = boolean('DEV_LOGIN', read('DEV_LOGIN'), !this.google);
    if (devLogin && this.production) {
      throw new ConfigError('DEV_LOGIN cannot be enabled when NODE_ENV=production');
    }
    this.devLogin = devLogin;
  }

  private jwtSecret(value: string | undefined): string {
    if (value !== undefined) {
      if (value.length < 32) throw new ConfigError('JWT_SECRET must be at least 32 characters');
      return value;
    }
    if (this.production) throw new ConfigError('JWT_SECRET is required when NODE_ENV=production');
    // Development: one secret per checkout, so sign-ins survive restarts.
    const file = resolve(this.dataDir, 'jwt-secret');
    if (existsSync(file)) return readFileSync(file, 'utf8').trim();
    const secret = randomBytes(48).toString('base64url');
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, secret, { mode: 0o600 });
    return secret;
  }

  private googleConfig(read: (name: string) => string | undefined, origin: string): GoogleConfig | undefined {
    const clientId = read('GOOGLE_CLIENT_ID');
    const clientSecret = read('GOOGLE_CLIENT_SECRET');
    if (!clientId || !clientSecret) {
      if (this.production) {
        const missing = clientId ? 'GOOGLE_CLIENT_SECRET' : 'GOOGLE_CLIENT_ID';
        throw new ConfigError(`${missing} is required when NODE_ENV=production`);
      }
      if (clientId || clientSecret) {
        throw new ConfigError('GOOGLE_CLIENT_ID and GOOGLE_CLIENT_SECRET must be set together');
      }
      return undefined;
    }
    const url = (name: string, fallback: string): string => parseUrl(name, read(name) ?? fallback).href;
    return {
      clientId,
      clientSecret,
      callbackUrl: url('GOOGLE_CALLBACK_URL', `${origin}/api/auth/google/callback`),
      authorizationUrl: url('GOOGLE_AUTHORIZATION_URL', 'https://accounts.google.com/o/oauth2/v2/auth'),
      tokenUrl: url('GOOGLE_TOKEN_URL', 'https://oauth2.googleapis.com/token'),
      userInfoUrl: url('GOOGLE_USERINFO_URL', 'https://openidconnect.googleapis.com/v1/userinfo'),
    };
  }
}

function parseUrl(name: string, value: string): URL {
  try {
    return new URL(value);
  } catch {
    throw new ConfigError(`${name} must be an absolute URL`);
  }
}

function integer(name: string, value: string | undefined, fallback: number, min: number, max: number): number {
  if (value === undefined) return fallback;
  const parsed = Number(value);
  if (!/^\d+$/.test(value) || parsed < min || parsed > max) {
    throw new ConfigError(`${name} must be a whole number from ${min} to ${max}`);
  }
  return parsed;
}

function trustProxy(value: string | undefined): TrustProxy {
  if (value === undefined) return false;
  if (/^\d+$/.test(value)) return integer('TRUST_PROXY', value, 0, 0, 100) || false;
  const entries = value
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  for (const entry of entries) {
    const [address, prefix, ...rest] = entry.split('/');
    const family = isIP(address);
    const bits = family === 6 ? 128 : 32;
    const validPrefix = prefix === undefined || (/^\d{1,3}$/.test(prefix) && Number(prefix) <= bits);
    if (!family || !validPrefix || rest.length > 0) {
      throw new ConfigError(
        `TRUST_PROXY must be a hop count or comma-separated addresses/CIDRs; "${entry}" is neither`,
      );
    }
  }
  if (entries.length === 0) throw new ConfigError('TRUST_PROXY must be a hop count or comma-separated addresses/CIDRs');
  return entries;
}

function boolean(name: string, value: string | undefined, fallback: boolean): boolean {
  if (value === undefined) return fallback;
  if (value === 'true' || value === '1') return true;
  if (value === 'false' || value === '0') return false;
  throw new ConfigError(`${name} must be true or false`);
}

function oneOf<T extends string>(name: string, value: string | undefined, allowed: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new ConfigError(`${name} must be one of ${allowed.join(', ')}`);
}
