import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '@vip/testing';
import { TEST_JWT_SECRET, type ApiServer } from './test-app';

const root = join(__dirname, '../../../..');
const MAIN = join(root, 'dist/apps/api/main.js');

/** An API running in a process of its own, as deployed: its own passport, pool and memory. */
export interface ApiProcess extends ApiServer {
  stop(): Promise<void>;
  /** Ends the process at once (SIGKILL): no shutdown hooks, nothing finished or handed back. */
  kill(): Promise<void>;
}

/** Builds the API as `npm run build` does (dist/apps/api). Once per test file is enough. */
export function buildApi(): void {
  execFileSync(process.execPath, ['tools/build-api.mjs'], { cwd: root, stdio: 'pipe' });
}

/** Starts `node dist/apps/api/main.js` on a free port against `databaseUrl` and the fake Google. */
export async function startApiProcess(databaseUrl: string, env: Record<string, string> = {}): Promise<ApiProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, [MAIN], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      PATH: process.env['PATH'],
      NODE_ENV: 'test',
      PORT: String(port),
      DATABASE_URL: databaseUrl,
      MIGRATIONS_RUN: 'false',
      JWT_SECRET: TEST_JWT_SECRET,
      LOG_LEVEL: 'error',
      DATA_DIR: mkdtempSync(join(tmpdir(), 'vip-test-data-')),
      ADMIN_DIST_DIR: join(tmpdir(), 'vip-no-console'),
      GOOGLE_CLIENT_ID: process.env['GOOGLE_CLIENT_ID'],
      GOOGLE_CLIENT_SECRET: process.env['GOOGLE_CLIENT_SECRET'],
      GOOGLE_AUTHORIZATION_URL: process.env['GOOGLE_AUTHORIZATION_URL'],
      GOOGLE_TOKEN_URL: process.env['GOOGLE_TOKEN_URL'],
      GOOGLE_USERINFO_URL: process.env['GOOGLE_USERINFO_URL'],
      // The races sign in dozens of people from one address; limits are tested on their own.
      RATE_LIMIT_AUTH: '0',
      RATE_LIMIT_API: '0',
      ...env,
    },
  });
  await started(child);
  const url = `http://localhost:${port}`;
  return { url, origin: url, stop: () => stop(child), kill: () => stop(child, 'SIGKILL') };
}

function started(child: ChildProcess): Promise<void> {
  return new Promise((resolve, reject) => {
    let output = '';
    const collect = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('VIP Coordinator is running')) resolve();
    };
    child.stdout?.on('data', collect);
    child.stderr?.on('data', collect);
    child.once('exit', (code) =>
      reject(new Error(`the API process exited with ${code} before it was ready:\n${output}`)),
    );
  });
}

function stop(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill(signal);
  });
}
