// `npm run bench:audit`: 1,000,000 audit events; EXPLAIN ANALYZE of the audit log's
// first page under each single filter, the timeline and the stats queries, and the
// stats endpoint's latency through the real API.
import { benchEnvironment } from './support.mjs';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 1_000_000);
const env = await benchEnvironment(3903);
const { db } = env;
try {
  console.log(`Seeding 1,000 users and ${EVENTS.toLocaleString('en')} audit events…`);
  await db.query(`
    INSERT INTO users (email, name, role, provider, provider_subject, created_at, last_sign_in_at)
    SELECT 'person' || i || '@fleet.example', 'Person ' || i,
           CASE WHEN i = 1 THEN 'administrator' WHEN i % 5 = 0 THEN 'driver' ELSE 'coordinator' END,
           'google', 'bench-' || i, now() - make_interval(days => i % 400), now() - make_interval(days => i % 90)
    FROM generate_series(1, 1000) AS i`);
  await db.query(`
    INSERT INTO audit_events (occurred_at, actor_id, actor_email, action, target_id, target_email, details)
    SELECT now() - make_interval(secs => (i * 31.5)::int), u.id, u.email,
           (ARRAY['user.signed_in','user.signed_in','user.signed_in','user.signed_in','user.role_changed','user.signed_out','user.sign_in_refused','user.deleted'])[1 + i % 8],
           t.id, t.email, '{}'::jsonb
    FROM generate_series(1, ${EVENTS}) AS i
    JOIN users u ON u.provider_subject = 'bench-' || (1 + i % 1000)
    JOIN users t ON t.provider_subject = 'bench-' || (1 + (i * 7) % 1000)`);
  await db.query('VACUUM ANALYZE audit_events');
  await db.query('VACUUM ANALYZE users');
  const { rows } = await db.query(`SELECT id FROM users WHERE email = 'person1@fleet.example'`);
  const admin = rows[0].id;

  const columns = 'id, occurred_at, actor_id, actor_email, action, target_id, target_email, details, request_id, ip, user_agent';
  const order = 'ORDER BY occurred_at DESC, id DESC LIMIT 25 OFFSET 0';
  await env.explain('audit log, no filter', `SELECT ${columns} FROM audit_events ${order}`);
  await env.explain('audit log, action', `SELECT ${columns} FROM audit_events WHERE action = $1 ${order}`, ['user.role_changed']);
  await env.explain('audit log, actorEmail', `SELECT ${columns} FROM audit_events WHERE actor_email = $1 ${order}`, ['person42@fleet.example']);
  await env.explain('audit log, targetEmail', `SELECT ${columns} FROM audit_events WHERE target_email = $1 ${order}`, ['person42@fleet.example']);
  await env.explain('audit log, from', `SELECT ${columns} FROM audit_events WHERE occurred_at >= $1 ${order}`, [new Date(Date.now() - 7 * 86_400_000)]);
  await env.explain('audit log count, action', `SELECT count(*)::int FROM audit_events WHERE action = $1`, ['user.role_changed']);
  await env.explain('sign-ins per day (stats)', `SELECT to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day, count(*)::int FROM audit_events WHERE action = 'user.signed_in' AND occurred_at >= $1 GROUP BY 1`, [new Date(Date.now() - 30 * 86_400_000)]);

  const authorization = `Bearer ${env.tokenFor(admin)}`;
  for (const path of ['/api/auth/users/stats', '/api/audit-events?action=user.role_changed', '/api/audit-events?actorEmail=person42%40fleet.example', '/api/auth/users/person42%40fleet.example/activity']) {
    const result = env.load(`http://127.0.0.1:3903${path}`, authorization, 2, 4);
    console.log(`GET ${path}: p50 ${result.p50.toFixed(1)} ms, p95 ${result.p95.toFixed(1)} ms`, result.statuses);
  }
} finally {
  await env.stop();
}
