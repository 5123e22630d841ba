// Shared by the benchmark scripts: a throw-away database and the built API.
// BENCH_NODE_ARGS (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof") is passed to the API's node.
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import jwt from 'jsonwebtoken';
import pg from 'pg';

const require = createRequire(import.meta.url);
export const SECRET = 'bench-secret-that-is-long-enough-0123456789';

/** Builds the API, makes a fresh database (embedded unless DATABASE_URL) and starts the API on it. */
export async function benchEnvironment(port) {
  execFileSync('node', ['tools/build-api.mjs'], { stdio: 'ignore' });
  let serverUrl = process.env.DATABASE_URL;
  let embedded;
  if (!serverUrl) {
    require('ts-node').register({ project: 'apps/api/tsconfig.app.json', transpileOnly: true });
    const { startEmbeddedPostgres } = require('../../apps/api/src/database/embedded-postgres.ts');
    embedded = await startEmbeddedPostgres({ dir: mkdtempSync(join(tmpdir(), 'vip-bench-pg-')), database: 'postgres', preferredPort: 0 });
    serverUrl = embedded.url;
  }
  const database = `vip_bench_${Date.now()}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${database}`);
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  const databaseUrl = url.href;

  const children = [];
  const start = (script, env, ready) =>
    new Promise((resolve, reject) => {
      const child = spawn('node', [...(process.env.BENCH_NODE_ARGS && script.includes('main.js') ? process.env.BENCH_NODE_ARGS.split(' ') : []), script], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
      children.push(child);
      child.stdout.on('data', (chunk) => chunk.toString().includes(ready) && resolve(child));
      child.on('exit', (code) => reject(new Error(`${script} exited with ${code}`)));
    });
  // The API migrates the empty database at start.
  await start('dist/apps/api/main.js', {
    PORT: String(port), DATABASE_URL: databaseUrl, JWT_SECRET: SECRET, LOG_LEVEL: 'error',
    GOOGLE_CLIENT_ID: 'bench', GOOGLE_CLIENT_SECRET: 'bench', DATA_DIR: mkdtempSync(join(tmpdir(), 'vip-bench-')),
  }, 'running');
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  return {
    db,
    databaseUrl,
    start,
    tokenFor: (userId) => jwt.sign({}, SECRET, { subject: userId, issuer: 'vip-coordinator', audience: 'vip-coordinator-api', expiresIn: 3600, algorithm: 'HS256' }),
    explain: async (label, sql, params = []) => {
      const plan = await db.query(`EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) ${sql}`, params);
      console.log(`\n-- EXPLAIN ${label}\n${plan.rows.map((row) => row['QUERY PLAN']).join('\n')}`);
    },
    load: (target, authorization, connections, seconds) =>
      JSON.parse(execFileSync('node', ['tools/bench/load.mjs', target, String(connections), String(seconds), authorization], { encoding: 'utf8' })),
    stop: async () => {
      await db.end();
      for (const child of children) child.kill('SIGTERM');
      await new Promise((resolve) => setTimeout(resolve, 1500));
      await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`).catch(() => undefined);
      await admin.end();
      await embedded?.stop();
    },
  };
}
