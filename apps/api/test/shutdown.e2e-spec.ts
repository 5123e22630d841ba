import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import jwt from 'jsonwebtoken';
import { Client } from 'pg';
import { createTestDatabase } from './support/databases';
import { freePort } from '@vip/testing';
import { TEST_JWT_SECRET } from './support/test-app';

const IN_FLIGHT = 10;

/** The built API as a real process (as deployed), on a database of its own. */
async function startApi(databaseUrl: string, env: Record<string, string>) {
  const port = await freePort();
  const child = spawn(process.execPath, ['dist/apps/api/main.js'], {
    env: {
      PATH: process.env['PATH'],
      NODE_ENV: 'test',
      PORT: String(port),
      DATABASE_URL: databaseUrl,
      JWT_SECRET: TEST_JWT_SECRET,
      LOG_LEVEL: 'warn',
      DATA_DIR: mkdtempSync(join(tmpdir(), 'vip-shutdown-')),
      RATE_LIMIT_API: '0',
      DATABASE_STATEMENT_TIMEOUT_MS: '60000',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const seen = (text: string) =>
    new Promise<void>((resolve, reject) => {
      const check = () => output.includes(text) && resolve();
      child.stdout!.on('data', check);
      child.once('exit', () => reject(new Error(`API exited before printing "${text}":\n${output}`)));
      check();
    });
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  await seen('is running');
  return { url: `http://127.0.0.1:${port}`, child, seen, exited, output: () => output };
}

async function lockWaiters(admin: Client): Promise<number> {
  const { rows } = await admin.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = 'vip-coordinator' AND wait_event_type = 'Lock' AND datname = current_database()`,
  );
  return rows[0].n;
}

describe('SIGTERM (the built API in a child process)', () => {
  let database: { url: string; drop(): Promise<void> };
  let admin: Client;
  let token: string;
  const children: ChildProcess[] = [];

  beforeAll(async () => {
    execFileSync(process.execPath, ['tools/build-api.mjs'], { stdio: 'ignore' });
    database = await createTestDatabase();
    admin = new Client({ connectionString: database.url });
    await admin.connect();
    const { rows } = await admin.query<{ id: string }>(
      `INSERT INTO users (email, name, role, provider, provider_subject) VALUES ('drain@example.com', 'Drain', 'administrator', 'google', 'drain') RETURNING id`,
    );
    const session = await admin.query<{ id: string }>(
      `INSERT INTO sessions (user_id, token_hash, expires_at) VALUES ($1, repeat('0', 64), now() + interval '1 hour') RETURNING id`,
      [rows[0].id],
    );
    token = jwt.sign({ sid: session.rows[0].id }, TEST_JWT_SECRET, {
      subject: rows[0].id,
      issuer: 'vip-coordinator',
      audience: 'vip-coordinator-api',
      expiresIn: 600,
      algorithm: 'HS256',
    });
  }, 180_000);

  afterAll(async () => {
    for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
    await admin.end();
    await database.drop();
  });

  /** Requests that are all inside the API, waiting on a lock the test holds. */
  async function requestsInFlight(url: string) {
    const holder = new Client({ connectionString: database.url });
    await holder.connect();
    await holder.query('BEGIN');
    await holder.query('LOCK TABLE users IN ACCESS EXCLUSIVE MODE');
    const replies = Array.from({ length: IN_FLIGHT }, () =>
      fetch(`${url}/api/auth/me`, { headers: { authorization: `Bearer ${token}` } }).then(
        (response) => response.status,
        (error: Error) => error.message,
      ),
    );
    for (let attempt = 0; (await lockWaiters(admin)) < IN_FLIGHT; attempt++) {
      if (attempt > 500) throw new Error('the requests never reached the database');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    return {
      replies,
      release: async () => (await holder.query('COMMIT'), await holder.end()),
      abandon: () => holder.end(),
    };
  }

  it('finishes every request in flight, refuses new connections, closes the pool and exits 0', async () => {
    const api = await startApi(database.url, { SHUTDOWN_TIMEOUT_MS: '30000' });
    children.push(api.child);
    const inFlight = await requestsInFlight(api.url);

    api.child.kill('SIGTERM');
    await api.seen('SIGTERM: shutting down');
    const late = await fetch(`${api.url}/api/health/live`).then(
      (response) => response.status,
      () => 'refused',
    );
    await inFlight.release();

    expect(await Promise.all(inFlight.replies)).toEqual(Array(IN_FLIGHT).fill(200));
    expect(await api.exited).toBe(0);
    expect(late).toBe('refused');
    expect(await lockWaiters(admin)).toBe(0);
  });

  it('exits anyway once SHUTDOWN_TIMEOUT_MS has passed', async () => {
    const api = await startApi(database.url, { SHUTDOWN_TIMEOUT_MS: '300' });
    children.push(api.child);
    const inFlight = await requestsInFlight(api.url);
    api.child.kill('SIGTERM');
    expect(await api.exited).toBe(1);
    expect(api.output()).toContain('SHUTDOWN_TIMEOUT_MS');
    await inFlight.abandon();
    await Promise.all(inFlight.replies);
  });
});
