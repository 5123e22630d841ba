// The systems under test: a PostgreSQL server (embedded in a temporary folder unless
// DATABASE_URL names one), a fresh database per scale, the production build of the API
// and the bare node:http + pg server, both pinned to CPU 0.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { onCleanup, startDaemon, stopChild } from './processes.mjs';

const require = createRequire(import.meta.url);
export const SECRET = 'bench-secret-that-is-long-enough-0123456789';
export const SERVER_CPU = '0';
export const LOAD_CPU = '1';

/** Bundles the API (the same esbuild bundle `nx build api` makes). */
export function buildApi() {
  try {
    execFileSync('node', ['tools/build-api.mjs'], { stdio: 'pipe' });
  } catch (error) {
    throw new Error(`The API build failed:\n${error.stderr}`);
  }
}

/** A PostgreSQL server URL: DATABASE_URL, or an embedded server stopped at clean-up. */
export async function postgresServer(workDir) {
  if (process.env.DATABASE_URL) return { url: process.env.DATABASE_URL, embedded: false };
  require('ts-node').register({ project: 'apps/api/tsconfig.app.json', transpileOnly: true });
  const { startEmbeddedPostgres } = require('../../apps/api/src/database/embedded-postgres.ts');
  const server = await startEmbeddedPostgres({
    dir: join(workDir, 'postgres'),
    database: 'postgres',
    preferredPort: 0,
  });
  onCleanup(() => server.stop());
  return { url: server.url, embedded: true };
}

/**
 * A client that does not crash the benchmark when its server goes away (dropping the
 * database or stopping PostgreSQL at clean-up ends its connection); its queries still fail.
 */
export function connected(url) {
  const client = new pg.Client({ connectionString: url });
  client.on('error', () => undefined);
  return client;
}

/** Creates an empty database on `serverUrl` (dropped at clean-up) and returns its URL. */
export async function freshDatabase(serverUrl, name) {
  const admin = connected(serverUrl);
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  let dropped;
  const drop = () =>
    (dropped ??= (async () => {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    })());
  onCleanup(drop);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return { url: url.href, drop };
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Waits (at most `seconds`) until `url` answers 2xx; fails early when `child` exits. */
async function waitUntilReady(url, child, seconds, logFile) {
  const deadline = Date.now() + seconds * 1000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) break;
    const ok = await fetch(url).then(
      (response) => response.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  const tail = readFileSync(logFile, 'utf8').split('\n').slice(-20).join('\n');
  throw new Error(`${url} did not become ready in ${seconds} s (log ${logFile}):\n${tail}`);
}

/** The node options of `npm run start:prod` (and the Dockerfile): the bench runs what ships. */
export function productionNodeFlags() {
  const script = JSON.parse(readFileSync('package.json', 'utf8')).scripts['start:prod'];
  return script.split(/\s+/).filter((word) => word.startsWith('--'));
}

/**
 * Starts the built API in production on `databaseUrl` (it migrates the empty database
 * at start). Request logging and rate limiting stay on (LOG_LEVEL unless BENCH_LOG_LEVEL).
 */
export async function startApi(databaseUrl, workDir) {
  const port = await freePort();
  const logFile = join(workDir, `api-${port}.log`);
  const env = {
    NODE_ENV: 'production',
    PORT: String(port),
    DATABASE_URL: databaseUrl,
    JWT_SECRET: SECRET,
    GOOGLE_CLIENT_ID: 'bench',
    GOOGLE_CLIENT_SECRET: 'bench',
    DATA_DIR: mkdtempSync(join(workDir, 'data-')),
    // Production refuses an empty, open deployment without it; the seed comes later.
    BOOTSTRAP_ADMIN_EMAIL: 'bench-admin@example.com',
    // The limiter stays on (its cost is measured) but one benchmark caller never reaches it.
    RATE_LIMIT_API: '1000000',
    ...(process.env.BENCH_LOG_LEVEL ? { LOG_LEVEL: process.env.BENCH_LOG_LEVEL } : {}),
    ...(process.env.BENCH_API_ENV ? JSON.parse(process.env.BENCH_API_ENV) : {}),
  };
  const nodeArgs = [
    ...productionNodeFlags(),
    ...(process.env.BENCH_NODE_ARGS ? process.env.BENCH_NODE_ARGS.split(' ') : []),
  ];
  const child = startDaemon(['node', ...nodeArgs, 'dist/apps/api/main.js'], { cpu: SERVER_CPU, env, logFile });
  await waitUntilReady(`http://127.0.0.1:${port}/api/health`, child, 120, logFile);
  return { port, pid: child.pid, logFile, stop: () => stopChild(child) };
}

/** Starts tools/bench/bare-server.mjs, the yardstick for GET /api/auth/users/:email. */
export async function startBare(databaseUrl, workDir) {
  const port = await freePort();
  const logFile = join(workDir, `bare-${port}.log`);
  const child = startDaemon(['node', 'tools/bench/bare-server.mjs'], {
    cpu: SERVER_CPU,
    env: { PORT: String(port), DATABASE_URL: databaseUrl, JWT_SECRET: SECRET },
    logFile,
  });
  await waitUntilReady(`http://127.0.0.1:${port}/health`, child, 30, logFile);
  return { port, pid: child.pid, stop: () => stopChild(child) };
}

/** Resident and peak memory of a process, in MB, from /proc/<pid>/status (Linux). */
export function memoryOf(pid) {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (field) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1]);
    return { rssMb: kb('VmRSS') / 1024, peakMb: kb('VmHWM') / 1024 };
  } catch {
    return undefined;
  }
}

export function workFolder() {
  return mkdtempSync(join(tmpdir(), 'vip-bench-'));
}
