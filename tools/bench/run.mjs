// `npm run bench`: measures what the issues name, on this machine.
//  1. EXPLAIN ANALYZE of the users search on 100,000 users (must use an index).
//  2. Latency of GET /api/auth/users?search=… through the real API.
//  3. Throughput of GET /api/auth/users/:email: the API against a bare node:http + pg
//     server doing the same work (goal: at least 0.8 of it).
// Uses DATABASE_URL when set (a database is created and dropped there), otherwise an
// embedded PostgreSQL in a temporary folder.
import { benchEnvironment, SECRET } from './support.mjs';

const USERS = Number(process.env.BENCH_USERS ?? 100_000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);

const env = await benchEnvironment(3901);
const { db } = env;
try {
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
  const authorization = `Bearer ${env.tokenFor(rows[0].id)}`;

  const term = 'lovelace 4242';
  const columns = 'id, email, name, picture, role, provider, created_at, updated_at, last_sign_in_at';
  await env.explain('search page', `SELECT ${columns} FROM users WHERE (name ILIKE $1 OR email ILIKE $1) ORDER BY email ASC NULLS LAST, id ASC LIMIT 25 OFFSET 0`, [`%${term}%`]);
  await env.explain('search count', `SELECT count(*)::int AS total FROM users WHERE (name ILIKE $1 OR email ILIKE $1)`, [`%${term}%`]);
  await env.explain('email lookup', `SELECT ${columns} FROM users WHERE email = $1`, ['person4242@fleet.example']);
  await env.explain('caller by id', `SELECT ${columns} FROM users WHERE id = $1`, [rows[0].id]);

  const searched = env.load(`http://127.0.0.1:3901/api/auth/users?search=${encodeURIComponent(term)}`, authorization, 4, 5);
  console.log(`\nGET /api/auth/users?search=${term} (${USERS.toLocaleString('en')} users, 4 connections): p50 ${searched.p50.toFixed(2)} ms, p95 ${searched.p95.toFixed(2)} ms, ${searched.rps} req/s`, searched.statuses);

  await env.start('tools/bench/bare-server.mjs', { PORT: '3902', DATABASE_URL: env.databaseUrl, JWT_SECRET: SECRET }, 'ready');
  const path = '/api/auth/users/person4242%40fleet.example';
  env.load(`http://127.0.0.1:3901${path}`, authorization, CONNECTIONS, 3); // warm-up
  env.load(`http://127.0.0.1:3902${path}`, authorization, CONNECTIONS, 3);
  const bare = env.load(`http://127.0.0.1:3902${path}`, authorization, CONNECTIONS, SECONDS);
  const ours = env.load(`http://127.0.0.1:3901${path}`, authorization, CONNECTIONS, SECONDS);
  console.log(`\nGET /api/auth/users/:email, ${CONNECTIONS} connections, ${SECONDS} s each`);
  console.log(`  bare node:http + pg: ${bare.rps} req/s (p50 ${bare.p50.toFixed(2)} ms, p99 ${bare.p99.toFixed(2)} ms)`, bare.statuses);
  console.log(`  VIP Coordinator API: ${ours.rps} req/s (p50 ${ours.p50.toFixed(2)} ms, p99 ${ours.p99.toFixed(2)} ms)`, ours.statuses);
  console.log(`  ratio: ${(ours.rps / bare.rps).toFixed(2)} (goal ≥ 0.80)`);
} finally {
  await env.stop();
}
