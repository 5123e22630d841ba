// `npm run bench`: measures what the issues name, on this machine.
//  1. EXPLAIN ANALYZE of the users search on 100,000 users (must use an index).
//  2. Latency of GET /api/auth/users?search=… through the real API.
//  3. Throughput of GET /api/auth/users/:email: the API against a bare node:http + pg
//     server doing the same work (goal: at least 0.8 of it).
// Uses DATABASE_URL when set (a database is created and dropped there), otherwise an
// embedded PostgreSQL in a temporary folder. Builds the API first.
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import jwt from 'jsonwebtoken';
import pg from 'pg';

const require = createRequire(import.meta.url);
const USERS = Number(process.env.BENCH_USERS ?? 100_000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);
const SECRET = 'bench-secret-that-is-long-enough-0123456789';

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
const DATABASE_URL = url.href;

const children = [];
const start = (script, env, ready) =>
  new Promise((resolve, reject) => {
    const child = spawn('node', [script], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
    children.push(child);
    child.stdout.on('data', (chunk) => chunk.toString().includes(ready) && resolve(child));
    child.on('exit', (code) => reject(new Error(`${script} exited with ${code}`)));
  });
const load = (target, authorization) =>
  JSON.parse(execFileSync('node', ['tools/bench/load.mjs', target, String(CONNECTIONS), String(SECONDS), authorization], { encoding: 'utf8' }));

try {
  // The API migrates the empty database at start.
  const api = { PORT: '3901', DATABASE_URL, JWT_SECRET: SECRET, LOG_LEVEL: 'error', GOOGLE_CLIENT_ID: 'bench', GOOGLE_CLIENT_SECRET: 'bench', DATA_DIR: mkdtempSync(join(tmpdir(), 'vip-bench-')) };
  await start('dist/apps/api/main.js', api, 'running');

  const db = new pg.Client({ connectionString: DATABASE_URL });
  await db.connect();
  console.log(`Seeding ${USERS.toLocaleString('en')} users…`);
  await db.query(`
    INSERT INTO users (email, name, role, provider, provider_subject, created_at, last_sign_in_at)
    SELECT 'person' || i || '@' || (ARRAY['fleet.example','vip.example','drivers.example'])[1 + i % 3],
           (ARRAY['Ada','Grace','Katherine','Dorothy','Mary','Alan','Edsger','Barbara','Donald','Frances'])[1 + i % 10] || ' ' ||
           (ARRAY['Lovelace','Hopper','Johnson','Vaughan','Jackson','Turing','Dijkstra','Liskov','Knuth','Allen'])[1 + (i / 10) % 10] || ' ' || i,
           CASE WHEN i = 1 THEN 'administrator' WHEN i % 5 = 0 THEN 'driver' ELSE 'coordinator' END,
           'google', 'bench-' || i, now() - make_interval(mins => i), now() - make_interval(mins => i * 3)
    FROM generate_series(1, ${USERS}) AS i`);
  await db.query('VACUUM ANALYZE users');
  const { rows } = await db.query(`SELECT id FROM users WHERE email = 'person1@vip.example'`);
  const token = jwt.sign({}, SECRET, { subject: rows[0].id, issuer: 'vip-coordinator', audience: 'vip-coordinator-api', expiresIn: 3600, algorithm: 'HS256' });

  const search = 'lovelace 4242';
  const term = 'dorothy liskov 77';
  for (const [label, sql, params] of [
    ['search page', `SELECT id, email, name, picture, role, provider, created_at, updated_at, last_sign_in_at FROM users WHERE (name ILIKE $1 OR email ILIKE $1) ORDER BY email ASC NULLS LAST, id ASC LIMIT 25 OFFSET 0`, [`%${search}%`]],
    ['search count', `SELECT count(*)::int AS total FROM users WHERE (name ILIKE $1 OR email ILIKE $1)`, [`%${search}%`]],
    ['email lookup', `SELECT id FROM users WHERE email = $1`, ['person4242@fleet.example']],
    ['caller by id', `SELECT id FROM users WHERE id = $1`, [rows[0].id]],
  ]) {
    const plan = await db.query(`EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) ${sql}`, params);
    console.log(`\n-- EXPLAIN ${label}\n${plan.rows.map((row) => row['QUERY PLAN']).join('\n')}`);
  }

  const authorization = `Bearer ${token}`;
  const searchUrl = `http://127.0.0.1:3901/api/auth/users?search=${encodeURIComponent(term)}`;
  const searched = load(searchUrl, authorization);
  console.log(`\nGET /api/auth/users?search=${term} (${USERS.toLocaleString('en')} users): p50 ${searched.p50.toFixed(2)} ms, p95 ${searched.p95.toFixed(2)} ms, ${searched.rps} req/s`, searched.statuses);

  await start('tools/bench/bare-server.mjs', { PORT: '3902', DATABASE_URL, JWT_SECRET: SECRET }, 'ready');
  const path = '/api/auth/users/person4242%40fleet.example';
  load(`http://127.0.0.1:3901${path}`, authorization); // warm-up
  load(`http://127.0.0.1:3902${path}`, authorization);
  const bare = load(`http://127.0.0.1:3902${path}`, authorization);
  const ours = load(`http://127.0.0.1:3901${path}`, authorization);
  console.log(`\nGET /api/auth/users/:email, ${CONNECTIONS} connections, ${SECONDS} s each`);
  console.log(`  bare node:http + pg: ${bare.rps} req/s (p50 ${bare.p50.toFixed(2)} ms, p99 ${bare.p99.toFixed(2)} ms)`, bare.statuses);
  console.log(`  VIP Coordinator API: ${ours.rps} req/s (p50 ${ours.p50.toFixed(2)} ms, p99 ${ours.p99.toFixed(2)} ms)`, ours.statuses);
  console.log(`  ratio: ${(ours.rps / bare.rps).toFixed(2)} (goal ≥ 0.80)`);
  await db.end();
} finally {
  for (const child of children) child.kill('SIGTERM');
  await new Promise((resolve) => setTimeout(resolve, 1500));
  await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`).catch(() => undefined);
  await admin.end();
  await embedded?.stop();
}
