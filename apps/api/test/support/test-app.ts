import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { AccessTokenResponse, User } from '@vip/shared-dto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Pool } from 'pg';
import { AppConfig } from '../../src/config/app-config';
import { createApp } from '../../src/create-app';
import type { LogStream } from '../../src/common/http/request-log';
import { createTestDatabase } from './databases';
import { encodeIdentity, freePort, type FakeIdentity } from '@vip/testing';

export const TEST_JWT_SECRET = 'test-secret-that-is-long-enough-for-hs256-0123456789';

export interface TestApp {
  url: string;
  origin: string;
  config: AppConfig;
  app: NestFastifyApplication;
  /** Direct access to the test database, for arranging and asserting. */
  db: Pool;
  databaseUrl: string;
  /** Stops the app and drops its database (unless it shares another app's). */
  close(): Promise<void>;
}

/** Where an API answers: an in-process test app or a server process. */
export type ApiServer = Pick<TestApp, 'url' | 'origin'>;

export interface TestAppOptions {
  env?: Record<string, string>;
  /** Share the database of another test app instead of creating one: a second API instance, for cross-instance races. */
  databaseUrl?: string;
  /** Collects the app's log lines (set LOG_LEVEL in `env` to see them). */
  logStream?: LogStream;
}

/** Boots the real application (Fastify, guards, filters, migrations) against PostgreSQL. */
export async function startTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const database = options.databaseUrl ? undefined : await createTestDatabase();
  const databaseUrl = options.databaseUrl ?? database!.url;
  const port = await freePort();
  const config = new AppConfig({
    NODE_ENV: 'test',
    PORT: String(port),
    DATABASE_URL: databaseUrl,
    JWT_SECRET: TEST_JWT_SECRET,
    LOG_LEVEL: process.env['VIP_TEST_LOG_LEVEL'] ?? 'fatal',
    DATA_DIR: mkdtempSync(join(tmpdir(), 'vip-test-data-')),
    ADMIN_DIST_DIR: join(tmpdir(), 'vip-no-console'),
    GOOGLE_CLIENT_ID: process.env['GOOGLE_CLIENT_ID'],
    GOOGLE_CLIENT_SECRET: process.env['GOOGLE_CLIENT_SECRET'],
    GOOGLE_AUTHORIZATION_URL: process.env['GOOGLE_AUTHORIZATION_URL'],
    GOOGLE_TOKEN_URL: process.env['GOOGLE_TOKEN_URL'],
    GOOGLE_USERINFO_URL: process.env['GOOGLE_USERINFO_URL'],
    // Suites sign in dozens of times from one address; the rate-limit suites turn limits on.
    RATE_LIMIT_AUTH: '0',
    RATE_LIMIT_API: '0',
    ...options.env,
  });
  const app = await createApp(config, { logStream: options.logStream });
  await app.listen(port, '127.0.0.1');
  const db = new Pool({ connectionString: databaseUrl, max: 4 });
  const url = `http://localhost:${port}`;
  return {
    url,
    origin: url,
    config,
    app,
    db,
    databaseUrl,
    close: async () => {
      await app.close();
      await db.end();
      await database?.drop();
    },
  };
}

export interface Reply<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
  text: string;
}

/** A tiny browser: a cookie jar (path-aware enough for /api/auth) over fetch, no redirects followed. */
export class Browser {
  private readonly cookies = new Map<string, { value: string; path: string }>();

  constructor(private readonly origin?: string) {}

  async request<T = unknown>(
    method: string,
    url: string,
    init: {
      body?: unknown;
      headers?: Record<string, string>;
      raw?: string | Buffer;
    } = {},
  ): Promise<Reply<T>> {
    const headers: Record<string, string> = { ...init.headers };
    const cookie = this.cookieHeader(new URL(url).pathname);
    if (cookie) headers['cookie'] = cookie;
    if (this.origin && method !== 'GET') headers['origin'] ??= this.origin;
    let body: string | Buffer | undefined = init.raw;
    if (init.body !== undefined) {
      body = JSON.stringify(init.body);
      headers['content-type'] ??= 'application/json';
    }
    const response = await fetch(url, {
      method,
      headers,
      body,
      redirect: 'manual',
    });
    for (const line of response.headers.getSetCookie()) this.store(line);
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      parsed = text;
    }
    return {
      status: response.status,
      headers: response.headers,
      body: parsed as T,
      text,
    };
  }

  get<T = unknown>(url: string, headers?: Record<string, string>) {
    return this.request<T>('GET', url, { headers });
  }

  post<T = unknown>(url: string, body?: unknown, headers?: Record<string, string>) {
    return this.request<T>('POST', url, { body, headers });
  }

  cookie(name: string): string | undefined {
    return this.cookies.get(name)?.value;
  }

  setCookie(name: string, value: string, path = '/'): void {
    this.cookies.set(name, { value, path });
  }

  private store(line: string): void {
    const [pair, ...attributes] = line.split(';').map((part) => part.trim());
    const [name, ...rest] = pair.split('=');
    const value = rest.join('=');
    const path = attributes.find((attribute) => attribute.toLowerCase().startsWith('path='))?.slice(5) ?? '/';
    const expired = attributes.some((a) => /^max-age=0$/i.test(a) || /^expires=thu, 01 jan 1970/i.test(a));
    if (expired || value === '') this.cookies.delete(name);
    else this.cookies.set(name, { value, path });
  }

  private cookieHeader(pathname: string): string {
    return [...this.cookies.entries()]
      .filter(([, cookie]) => pathname.startsWith(cookie.path))
      .map(([name, cookie]) => `${name}=${cookie.value}`)
      .join('; ');
  }
}

export interface SignedIn {
  browser: Browser;
  accessToken: string;
  user: User;
  /** `Authorization` header for this user. */
  auth: Record<string, string>;
}

/**
 * Signs in through the whole Google flow against the fake Google: our redirect (state +
 * PKCE), the provider's consent redirect, the callback (code exchange + userinfo),
 * then `POST /api/auth/refresh` for an access token.
 */
export async function signIn(
  app: ApiServer,
  identity: FakeIdentity,
  browser = new Browser(app.origin),
): Promise<SignedIn> {
  const callback = await followGoogleSignIn(app, identity, browser);
  if (callback.status !== 302 || !/^http:\/\/localhost:\d+\/$/.test(callback.headers.get('location') ?? '')) {
    throw new Error(`sign-in of ${identity.email} failed: ${callback.status} ${callback.headers.get('location')}`);
  }
  const refreshed = await browser.post<AccessTokenResponse>(`${app.url}/api/auth/refresh`);
  if (refreshed.status !== 200) throw new Error(`refresh failed: ${refreshed.status} ${refreshed.text}`);
  return {
    browser,
    accessToken: refreshed.body.accessToken,
    user: refreshed.body.user,
    auth: { authorization: `Bearer ${refreshed.body.accessToken}` },
  };
}

/** Runs the redirect dance and returns the callback's reply (for failure cases too). */
export async function followGoogleSignIn(
  app: ApiServer,
  identity: FakeIdentity,
  browser = new Browser(app.origin),
): Promise<Reply> {
  const start = await browser.get(`${app.url}/api/auth/google?login_hint=${encodeIdentity(identity)}`);
  if (start.status !== 302) throw new Error(`start of sign-in answered ${start.status}: ${start.text}`);
  const consent = await browser.get(start.headers.get('location')!);
  if (consent.status !== 302) throw new Error(`fake Google answered ${consent.status}: ${consent.text}`);
  return browser.get(consent.headers.get('location')!);
}
