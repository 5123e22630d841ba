import { createServer, connect, type Server, type Socket } from 'node:net';
import { Client } from 'pg';
import { SESSION_COOKIE } from '../src/auth/cookies';
import { runMigrations } from '../src/database/migrate';
import { migrations } from '../src/database/migrations';
import { createTestDatabase } from './support/databases';
import { aGoogleIdentity, freePort } from '@vip/testing';
import { Browser, followGoogleSignIn, signIn, startTestApp, type SignedIn, type TestApp } from './support/test-app';

const http = new Browser();

/** A TCP hop in front of PostgreSQL that the test can cut, black-hole or restore. */
class DatabaseLink {
  private server: Server | undefined;
  private readonly sockets = new Set<Socket>();
  private mode: 'forward' | 'blackhole' = 'forward';

  private constructor(
    private readonly target: URL,
    readonly port: number,
  ) {}

  static async open(databaseUrl: string): Promise<DatabaseLink> {
    const link = new DatabaseLink(new URL(databaseUrl), await freePort());
    await link.restore();
    return link;
  }

  get url(): string {
    const url = new URL(this.target.href);
    url.hostname = '127.0.0.1';
    url.port = String(this.port);
    return url.href;
  }

  /** PostgreSQL is gone: connections are refused and the open ones dropped. */
  async cut(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  }

  /** Connections are accepted but nothing ever answers (a lost network path). */
  async blackhole(): Promise<void> {
    await this.cut();
    this.mode = 'blackhole';
    await this.listen();
  }

  async restore(): Promise<void> {
    await this.cut();
    this.mode = 'forward';
    await this.listen();
  }

  private listen(): Promise<void> {
    const server = createServer((socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
      socket.on('error', () => socket.destroy());
      if (this.mode === 'blackhole') return;
      const upstream = connect(Number(this.target.port), this.target.hostname);
      this.sockets.add(upstream);
      upstream.on('close', () => this.sockets.delete(upstream));
      upstream.on('error', () => socket.destroy());
      socket.on('close', () => upstream.destroy());
      upstream.on('close', () => socket.destroy());
      socket.pipe(upstream).pipe(socket);
    });
    this.server = server;
    return new Promise((resolve) => server.listen(this.port, '127.0.0.1', () => resolve()));
  }
}

/** Waits until the app has `count` statements waiting on a lock (no sleeping on a guess). */
async function waitForLockWaiters(admin: Client, count: number): Promise<void> {
  for (let attempt = 0; attempt < 500; attempt++) {
    const { rows } = await admin.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = 'vip-coordinator' AND wait_event_type = 'Lock' AND datname = current_database()`,
    );
    if (rows[0].n >= count) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`never saw ${count} statement(s) waiting on a lock`);
}

async function lockUsers(databaseUrl: string): Promise<Client> {
  const holder = new Client({ connectionString: databaseUrl });
  await holder.connect();
  await holder.query('BEGIN');
  await holder.query('LOCK TABLE users IN ACCESS EXCLUSIVE MODE');
  return holder;
}

describe('operations', () => {
  describe('health', () => {
    let app: TestApp;
    beforeAll(async () => {
      app = await startTestApp();
    });
    afterAll(() => app.close());

    it('is live and ready on a migrated database; /api/health is readiness', async () => {
      for (const path of ['/api/health/live', '/api/health/ready', '/api/health']) {
        const reply = await http.get(`${app.url}${path}`);
        expect({ path, status: reply.status, body: reply.body }).toEqual({ path, status: 200, body: { status: 'ok' } });
      }
    });

    it('is not ready while a migration is pending, but still live', async () => {
      const pending = await startTestApp({ env: { MIGRATIONS_RUN: 'false' } });
      try {
        await pending.db.query('DELETE FROM migrations WHERE name = $1', [
          new migrations[migrations.length - 1]().name,
        ]);
        const ready = await http.get(`${pending.url}/api/health/ready`);
        expect(ready.status).toBe(503);
        expect(ready.headers.get('retry-after')).toMatch(/^\d+$/);
        expect((await http.get(`${pending.url}/api/health`)).status).toBe(503);
        expect((await http.get(`${pending.url}/api/health/live`)).status).toBe(200);
      } finally {
        await pending.close();
      }
    });
  });

  describe('when PostgreSQL goes away', () => {
    let link: DatabaseLink;
    let app: TestApp;
    let drop: () => Promise<void>;
    let ada: SignedIn;

    beforeAll(async () => {
      const database = await createTestDatabase();
      drop = database.drop;
      link = await DatabaseLink.open(database.url);
      app = await startTestApp({ databaseUrl: link.url, env: { DATABASE_CONNECT_TIMEOUT_MS: '500' } });
      ada = await signIn(app, aGoogleIdentity());
    });
    afterAll(async () => {
      await link.restore();
      await app.close();
      await link.cut();
      await drop();
    });

    it('answers 503 with Retry-After while it is refused, stays live, and serves again once it is back', async () => {
      await link.cut();
      for (const path of ['/api/auth/me', '/api/health/ready']) {
        const reply = await http.get(`${app.url}${path}`, ada.auth);
        expect({ path, status: reply.status }).toEqual({ path, status: 503 });
        expect(reply.headers.get('retry-after')).toMatch(/^\d+$/);
        expect(reply.body).toMatchObject({
          statusCode: 503,
          error: 'Service Unavailable',
          requestId: expect.any(String),
        });
      }
      expect((await http.get(`${app.url}/api/health/live`)).status).toBe(200);

      await link.restore();
      // The contract: serving again within 5 s of the database returning.
      const deadline = Date.now() + 5000;
      let status = 0;
      while (Date.now() < deadline && status !== 200) {
        status = (await http.get(`${app.url}/api/auth/me`, ada.auth)).status;
      }
      expect(status).toBe(200);
    });

    it('answers 503 when connections hang, after the connect timeout rather than never', async () => {
      await link.blackhole();
      try {
        // The first may meet a pooled connection that just died; the next must connect anew.
        for (const attempt of [1, 2]) {
          const reply = await http.get(`${app.url}/api/auth/me`, ada.auth);
          expect({ attempt, status: reply.status }).toEqual({ attempt, status: 503 });
          expect(reply.headers.get('retry-after')).toMatch(/^\d+$/);
        }
      } finally {
        await link.restore();
      }
    });
  });

  it('answers 503 when the pool is exhausted, and the waiting request still completes', async () => {
    const app = await startTestApp({
      env: { DATABASE_POOL_MAX: '1', DATABASE_CONNECT_TIMEOUT_MS: '300', DATABASE_STATEMENT_TIMEOUT_MS: '60000' },
    });
    const admin = new Client({ connectionString: app.databaseUrl });
    await admin.connect();
    try {
      const ada = await signIn(app, aGoogleIdentity());
      const holder = await lockUsers(app.databaseUrl);
      // Takes the only connection and waits on the lock.
      const first = http.get(`${app.url}/api/auth/me`, ada.auth);
      await waitForLockWaiters(admin, 1);
      const second = await http.get(`${app.url}/api/auth/me`, ada.auth);
      expect(second.status).toBe(503);
      expect(second.headers.get('retry-after')).toMatch(/^\d+$/);
      await holder.query('COMMIT');
      await holder.end();
      expect((await first).status).toBe(200);
    } finally {
      await admin.end();
      await app.close();
    }
  });

  it('answers 503 when a lock is held longer than DATABASE_STATEMENT_TIMEOUT_MS', async () => {
    const app = await startTestApp({ env: { DATABASE_STATEMENT_TIMEOUT_MS: '300' } });
    try {
      const ada = await signIn(app, aGoogleIdentity());
      const holder = await lockUsers(app.databaseUrl);
      try {
        const reply = await http.get(`${app.url}/api/auth/me`, ada.auth);
        expect(reply.status).toBe(503);
        expect(reply.body).toMatchObject({ statusCode: 503, error: 'Service Unavailable' });
      } finally {
        await holder.query('ROLLBACK');
        await holder.end();
      }
      expect((await http.get(`${app.url}/api/auth/me`, ada.auth)).status).toBe(200);
    } finally {
      await app.close();
    }
  });

  it('applies migrations once when replicas start together (advisory lock)', async () => {
    const database = await createTestDatabase(null);
    try {
      await Promise.all([runMigrations(database.url), runMigrations(database.url), runMigrations(database.url)]);
      const client = new Client({ connectionString: database.url });
      await client.connect();
      const { rows } = await client.query<{ name: string }>('SELECT name FROM migrations ORDER BY id');
      await client.end();
      expect(rows.map((row) => row.name)).toEqual(migrations.map((Migration) => new Migration().name));
    } finally {
      await database.drop();
    }
  });

  describe('request log', () => {
    const lines: Record<string, unknown>[] = [];
    let raw = '';
    let app: TestApp;
    beforeAll(async () => {
      app = await startTestApp({
        env: { LOG_LEVEL: 'info', DATABASE_SLOW_QUERY_MS: '0' },
        logStream: {
          write: (line: string) => {
            raw += line;
            lines.push(JSON.parse(line) as Record<string, unknown>);
          },
        },
      });
    });
    afterAll(() => app.close());

    it('writes one line per request with its route pattern and caller, and never a code, cookie or token', async () => {
      const browser = new Browser(app.origin);
      const callback = await followGoogleSignIn(app, aGoogleIdentity({ email: 'logged.person@example.com' }), browser);
      expect(callback.status).toBe(302);
      const cookie = browser.cookie(SESSION_COOKIE)!;
      const refreshed = await browser.post<{ accessToken: string; user: { id: string } }>(
        `${app.url}/api/auth/refresh`,
      );
      const token = refreshed.body.accessToken;
      const lookup = await http.get(`${app.url}/api/auth/users/${encodeURIComponent('logged.person@example.com')}`, {
        authorization: `Bearer ${token}`,
      });
      expect(lookup.status).toBe(200);

      const requestLine = (requestId: string | null) =>
        lines.filter((line) => line['requestId'] === requestId && line['msg'] === 'request');
      expect(requestLine(callback.headers.get('x-request-id'))).toEqual([
        expect.objectContaining({
          method: 'GET',
          route: '/api/auth/google/callback',
          statusCode: 302,
          durationMs: expect.any(Number),
        }),
      ]);
      expect(requestLine(lookup.headers.get('x-request-id'))).toEqual([
        expect.objectContaining({
          method: 'GET',
          route: '/api/auth/users/:email',
          statusCode: 200,
          userId: refreshed.body.user.id,
        }),
      ]);

      expect(raw).not.toContain('code=');
      expect(raw).not.toContain('state=');
      expect(raw).not.toContain(cookie);
      expect(raw).not.toContain(token);
      expect(raw).not.toContain('logged.person%40example.com');
    });

    it('logs slow statements with their SQL and duration, never their parameters', async () => {
      const slow = lines.filter((line) => line['msg'] === 'slow query');
      expect(slow.length).toBeGreaterThan(0);
      expect(slow[0]).toMatchObject({
        sql: expect.stringMatching(/^(SELECT|INSERT|UPDATE|DELETE|WITH|BEGIN)/i),
        durationMs: expect.any(Number),
      });
      expect(JSON.stringify(slow)).not.toContain('logged.person@example.com');
    });
  });
});
