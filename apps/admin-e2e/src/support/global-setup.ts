import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  chmodSync,
  createWriteStream,
  existsSync,
  mkdirSync,
  mkdtempSync,
  rmSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { freePort, startFakeGoogle } from '@vip/testing';
import { BASE_URL_VAR, FAKE_GOOGLE_URL_VAR } from './environment';

const ROOT = resolve(__dirname, '../../../..');
const API_MAIN = join(ROOT, 'dist/apps/api/main.js');
const ADMIN_DIST = join(ROOT, 'dist/apps/admin/browser');
const LOG_FILE = join(ROOT, 'tmp/admin-e2e/api.log');
const START_TIMEOUT_MS = 120_000;
const STOP_TIMEOUT_MS = 15_000;

/**
 * Once per run: the fake Google, then the built API (serving the built console) on a free
 * port with a fresh embedded PostgreSQL, so every run starts with nobody signed up.
 * Returns the teardown that stops both.
 */
export default async function globalSetup(): Promise<() => Promise<void>> {
  const missing = [API_MAIN, join(ADMIN_DIST, 'index.html')].filter(
    (file) => !existsSync(file),
  );
  if (missing.length > 0) {
    throw new Error(
      `Build output missing (${missing.join(', ')}). Build first:\n` +
        '  node tools/build-api.mjs\n' +
        '  NX_DAEMON=false NX_NO_CLOUD=true npx nx build admin\n' +
        'or run `npx nx run admin-e2e:e2e`, which builds both.',
    );
  }

  const google = await startFakeGoogle();

  const dataDir = mkdtempSync(join(tmpdir(), 'vip-admin-e2e-'));
  // Run as root, the embedded PostgreSQL runs as user `postgres`, who must reach its folder.
  chmodSync(dataDir, 0o755);
  const port = await freePort();
  const baseUrl = `http://localhost:${port}`;
  mkdirSync(join(ROOT, 'tmp/admin-e2e'), { recursive: true });
  const log = createWriteStream(LOG_FILE);

  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of [
    'DATABASE_URL',
    'ADMIN_URL',
    'GOOGLE_CALLBACK_URL',
    'GOOGLE_ALLOWED_DOMAINS',
    'DEV_LOGIN',
    'NODE_ENV',
  ]) {
    delete env[name];
  }
  const api = spawn(process.execPath, ['--enable-source-maps', API_MAIN], {
    cwd: ROOT,
    env: {
      ...env,
      NODE_ENV: 'test',
      PORT: String(port),
      DATA_DIR: dataDir,
      ADMIN_DIST_DIR: ADMIN_DIST,
      LOG_LEVEL: 'warn',
      JWT_SECRET: randomBytes(32).toString('base64url'),
      // Every spec signs people in from this one address: limits would refuse the suite
      // itself (the API's own tests cover them).
      RATE_LIMIT_AUTH: '0',
      RATE_LIMIT_API: '0',
      // The integrations spec's webhook receiver listens on loopback.
      WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true',
      WEBHOOK_POLL_MS: '200',
      ...google.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  api.stdout?.pipe(log, { end: false });
  api.stderr?.pipe(log, { end: false });

  const teardown = async (): Promise<void> => {
    await stop(api);
    log.end();
    await google.stop();
    rmSync(dataDir, { recursive: true, force: true });
  };

  try {
    await waitUntilHealthy(api, baseUrl);
  } catch (error) {
    await teardown();
    throw new Error(
      `${(error as Error).message}\nAPI output is in ${LOG_FILE}`,
    );
  }

  process.env[BASE_URL_VAR] = baseUrl;
  process.env[FAKE_GOOGLE_URL_VAR] = google.url;
  return teardown;
}

async function waitUntilHealthy(
  api: ChildProcess,
  baseUrl: string,
): Promise<void> {
  let exited: string | undefined;
  api.once(
    'exit',
    (code, signal) =>
      (exited = `the API exited early (code ${code}, signal ${signal})`),
  );
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (exited) throw new Error(exited);
    try {
      const response = await fetch(`${baseUrl}/api/health`);
      if (response.status === 200) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((wait) => setTimeout(wait, 250));
  }
  throw new Error(
    `the API did not become healthy at ${baseUrl} within ${START_TIMEOUT_MS / 1000} s`,
  );
}

/** SIGTERM lets the API stop its PostgreSQL; SIGKILL only if it hangs. */
async function stop(api: ChildProcess): Promise<void> {
  if (api.exitCode !== null || api.signalCode !== null) return;
  const exited = new Promise<void>((done) => api.once('exit', () => done()));
  api.kill('SIGTERM');
  const timer = setTimeout(() => {
    console.warn(
      `admin-e2e: the API did not stop within ${STOP_TIMEOUT_MS / 1000} s; killing it`,
    );
    api.kill('SIGKILL');
  }, STOP_TIMEOUT_MS);
  await exited;
  clearTimeout(timer);
}
