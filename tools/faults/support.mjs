// Shared by the fault scenarios: an embedded PostgreSQL that can be stopped and started
// again on the same port, the built API as real processes, and a small load generator.
// Everything listens on 127.0.0.1 and is stopped by `cleanUp()`.
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

const require = createRequire(import.meta.url);
export const SECRET = 'faults-secret-that-is-long-enough-0123456789';
const cleanups = [];

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

export function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

/** An embedded PostgreSQL in a temporary folder; `stop()` and `start()` keep its port and data. */
export async function startPostgres() {
  require('ts-node').register({ project: 'apps/api/tsconfig.app.json', transpileOnly: true });
  const { startEmbeddedPostgres } = require('../../apps/api/src/database/embedded-postgres.ts');
  const dir = mkdtempSync(join(tmpdir(), 'vip-faults-pg-'));
  const port = await freePort();
  let server = await startEmbeddedPostgres({ dir, database: 'vip_faults', preferredPort: port });
  if (server.port !== port) throw new Error(`embedded PostgreSQL took port ${server.port}, not ${port}`);
  const postgres = {
    url: server.url,
    running: true,
    stop: async () => {
      await server.stop();
      postgres.running = false;
    },
    start: async () => {
      server = await startEmbeddedPostgres({ dir, database: 'vip_faults', preferredPort: port });
      postgres.running = true;
    },
  };
  cleanups.push(async () => {
    if (postgres.running) await server.stop();
    rmSync(dir, { recursive: true, force: true });
  });
  return postgres;
}

export function buildApi() {
  execFileSync(process.execPath, ['tools/build-api.mjs'], { stdio: 'ignore' });
}

/** The built API as a child process on `databaseUrl`. */
export async function startApi(databaseUrl, env = {}) {
  const port = await freePort();
  const child = spawn(process.execPath, ['dist/apps/api/main.js'], {
    env: {
      PATH: process.env.PATH,
      NODE_ENV: 'test',
      PORT: String(port),
      DATABASE_URL: databaseUrl,
      JWT_SECRET: SECRET,
      LOG_LEVEL: 'fatal',
      GOOGLE_CLIENT_ID: 'faults',
      GOOGLE_CLIENT_SECRET: 'faults',
      DEV_LOGIN: 'true',
      DATA_DIR: mkdtempSync(join(tmpdir(), 'vip-faults-')),
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal)));
  cleanups.push(async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGKILL');
      await exited;
    }
  });
  for (let waited = 0; !output.includes('is running'); waited += 100) {
    if (child.exitCode !== null || waited > 60_000)
      throw new Error(`the API did not start (exit ${child.exitCode}, ${waited} ms):\n${output}`);
    await sleep(100);
  }
  return {
    url: `http://127.0.0.1:${port}`,
    child,
    exited,
    output: () => output,
    // Log lines are read and dropped from here on (a benchmark writes many).
    quiet: () => {
      child.stdout.removeAllListeners('data');
      child.stdout.resume();
    },
  };
}

export async function connect(url) {
  const client = new pg.Client({ connectionString: url });
  // A connection PostgreSQL drops (scenario a) must not end this script.
  client.on('error', () => undefined);
  await client.connect();
  cleanups.push(() => client.end().catch(() => undefined));
  return client;
}

/** One timed request; never throws (a failed connection is reported as its error code). */
export async function timed(url, init = {}) {
  const started = performance.now();
  try {
    const response = await fetch(url, { redirect: 'manual', ...init, signal: AbortSignal.timeout(30_000) });
    await response.arrayBuffer();
    return { status: response.status, ms: performance.now() - started, startedAt: started, headers: response.headers };
  } catch (error) {
    return { status: error.cause?.code ?? error.name ?? 'error', ms: performance.now() - started, startedAt: started };
  }
}

/** `workers` closed loops calling `next()` for a request until `until()` says stop. */
export async function load(workers, next, until) {
  const results = [];
  await Promise.all(
    Array.from({ length: workers }, async () => {
      while (!until()) results.push(await next());
    }),
  );
  return results;
}

export function countBy(results) {
  const counts = {};
  for (const { status } of results) counts[status] = (counts[status] ?? 0) + 1;
  return counts;
}

export async function cleanUp() {
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
}
