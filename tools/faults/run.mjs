// `npm run faults`: how the API behaves when things go wrong, with real processes (the
// built API) and a real PostgreSQL (embedded, stopped and started for real). Loopback
// only, bounded loops; everything started here is stopped at the end. Each scenario is
// a function: one that needs a feature this build lacks prints "not available".
import { execFileSync } from 'node:child_process';
import { accessToken } from '../support/access-token.mjs';
import {
  buildApi,
  cleanUp,
  connect,
  countBy,
  load,
  SECRET,
  sleep,
  startApi,
  startPostgres,
  timed,
} from './support.mjs';

const ADMINISTRATORS_LOCK = 7_265_001;
const GRACE_SECONDS = Number(process.env.FAULTS_GRACE_SECONDS ?? 31);
const max = (values) => values.reduce((a, b) => Math.max(a, b), 0);
const seconds = (ms) => `${(ms / 1000).toFixed(2)} s`;

async function postgresStopped(context) {
  const { postgres, api, admin } = context;
  const headers = { authorization: `Bearer ${admin.token}` };
  let phase = 'up';
  let restartedAt = Infinity;
  const running = load(
    8,
    async () => {
      const at = phase;
      return { ...(await timed(`${api.url}/api/auth/me`, { headers })), phase: at };
    },
    () => phase === 'done',
  );
  await sleep(2000);
  phase = 'down';
  await postgres.stop();
  await sleep(5000);
  phase = 'returning';
  await postgres.start();
  restartedAt = performance.now();
  phase = 'back';
  await sleep(6000);
  phase = 'done';
  const results = await running;
  context.db = await connect(postgres.url);
  const down = results.filter((r) => r.phase === 'down');
  const recovered = results.filter((r) => r.phase === 'back' && r.status === 200).map((r) => r.startedAt + r.ms);
  const firstOk = recovered.length ? Math.min(...recovered) : undefined;
  console.log(
    `  while down: ${down.length} requests ${JSON.stringify(countBy(down))}, longest ${seconds(max(down.map((r) => r.ms)))}`,
  );
  console.log(
    `  Retry-After on the 503s: ${[...new Set(down.filter((r) => r.status === 503).map((r) => r.headers.get('retry-after')))].join(', ') || '—'}`,
  );
  console.log(
    `  after it returned: ${JSON.stringify(countBy(results.filter((r) => r.phase === 'back')))}; first 200 ${firstOk ? seconds(firstOk - restartedAt) : 'never'} after PostgreSQL accepted connections again`,
  );
  console.log(`  API process still running: ${api.child.exitCode === null}`);
}

async function administratorsLocked({ api, db, admin }) {
  const emails = [];
  for (let i = 0; i < 10; i++) emails.push(`locked-${i}@faults.example`);
  await db.query(
    `INSERT INTO users (email, name, role, provider, provider_subject) SELECT e, 'Locked', 'coordinator', 'google', e FROM unnest($1::text[]) AS e`,
    [emails],
  );
  const locker = await connect(api.databaseUrl);
  await locker.query('BEGIN');
  await locker.query('SELECT pg_advisory_xact_lock($1)', [ADMINISTRATORS_LOCK]);
  const change = (email) =>
    timed(`${api.url}/api/auth/users/${encodeURIComponent(email)}/role`, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${admin.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ role: 'driver' }),
    });
  const results = await Promise.all(emails.map(change));
  await locker.query('ROLLBACK');
  const after = await change(emails[0]);
  console.log(
    `  10 role changes while another transaction holds the administrators lock: ${JSON.stringify(countBy(results))}`,
  );
  console.log(
    `  their durations: ${seconds(Math.min(...results.map((r) => r.ms)))} – ${seconds(max(results.map((r) => r.ms)))} (DATABASE_STATEMENT_TIMEOUT_MS = ${api.statementTimeoutMs} ms)`,
  );
  console.log(`  once the lock is released: ${after.status}`);
}

async function sigtermUnderLoad({ postgres, admin }) {
  const api = await startApi(postgres.url, { RATE_LIMIT_API: '0', SHUTDOWN_TIMEOUT_MS: '10000' });
  const headers = { authorization: `Bearer ${admin.token}` };
  let exited = false;
  let sigtermAt = Infinity;
  void api.exited.then(() => (exited = true));
  const running = load(
    50,
    () => timed(`${api.url}/api/auth/users/${encodeURIComponent(admin.email)}`, { headers }),
    () => exited,
  );
  await sleep(Number(process.env.FAULTS_LOAD_SECONDS ?? 5) * 1000);
  sigtermAt = performance.now();
  api.child.kill('SIGTERM');
  const code = await api.exited;
  const exitMs = performance.now() - sigtermAt;
  const results = await running;
  const inFlight = results.filter((r) => r.startedAt < sigtermAt && r.startedAt + r.ms >= sigtermAt);
  const before = results.filter((r) => r.startedAt < sigtermAt);
  const after = results.filter((r) => r.startedAt >= sigtermAt);
  console.log(
    `  ${before.length} requests before SIGTERM; in flight at SIGTERM: ${inFlight.length} ${JSON.stringify(countBy(inFlight))}`,
  );
  console.log(
    `  failed in-flight requests: ${inFlight.filter((r) => r.status !== 200).length} (goal 0); failed before SIGTERM: ${before.filter((r) => r.status !== 200).length}`,
  );
  console.log(`  sent after SIGTERM (a load balancer sends these elsewhere): ${JSON.stringify(countBy(after))}`);
  const failedAt = inFlight.filter((r) => r.status !== 200).map((r) => r.startedAt + r.ms - sigtermAt);
  if (failedAt.length)
    console.log(
      `  the failures ended ${seconds(Math.min(...failedAt))} – ${seconds(max(failedAt))} after SIGTERM; started ${seconds(sigtermAt - Math.max(...inFlight.filter((r) => r.status !== 200).map((r) => r.startedAt)))} – ${seconds(sigtermAt - Math.min(...inFlight.filter((r) => r.status !== 200).map((r) => r.startedAt)))} before it`,
    );
  console.log(`  exit code ${code}, ${seconds(exitMs)} after SIGTERM`);
}

async function anonymousFlood({ postgres, db }) {
  const api = await startApi(postgres.url, {});
  const count = async (sql) => Number((await db.query(sql)).rows[0].n);
  const auditBefore = await count('SELECT count(*) AS n FROM audit_events');
  const statesBefore = await count('SELECT count(*) AS n FROM oauth_states');
  const paths = [
    '/api/auth/google',
    '/api/auth/google/callback?code=forged&state=forged',
    '/api/auth/google/callback?error=x',
    '/api/auth/google/callback',
  ];
  let sent = 0;
  const results = await load(
    20,
    () => timed(`${api.url}${paths[sent++ % paths.length]}`),
    () => sent >= 5000,
  );
  const auditAfter = await count('SELECT count(*) AS n FROM audit_events');
  const statesAfter = await count('SELECT count(*) AS n FROM oauth_states');
  console.log(`  5,000 anonymous sign-in starts and callbacks from one address: ${JSON.stringify(countBy(results))}`);
  console.log(
    `  429s: ${results.filter((r) => r.status === 429).length}; audit rows written: ${auditAfter - auditBefore} (goal 0); oauth_states rows: ${statesBefore} → ${statesAfter}`,
  );
  api.child.kill('SIGTERM');
  await api.exited;
}

async function refreshReplayed({ api, db }) {
  const origin = api.url.replace('127.0.0.1', 'localhost');
  const cookieOf = (response) =>
    response.headers
      .getSetCookie?.()
      .find((line) => line.startsWith('vip_session='))
      ?.split(';')[0];
  const signedIn = await fetch(`${api.url}/api/auth/dev-login`, {
    method: 'POST',
    headers: { origin, 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'replay@faults.example', name: 'Replay' }),
  });
  const first = cookieOf(signedIn);
  if (signedIn.status !== 200 || !first) return console.log(`  not available: dev sign-in answered ${signedIn.status}`);
  const refresh = (cookie) => fetch(`${api.url}/api/auth/refresh`, { method: 'POST', headers: { origin, cookie } });
  const rotated = await refresh(first);
  const second = cookieOf(rotated);
  console.log(`  refresh: ${rotated.status}, cookie rotated: ${Boolean(second && second !== first)}`);
  console.log(`  waiting ${GRACE_SECONDS} s (past the grace window)…`);
  await sleep(GRACE_SECONDS * 1000);
  const replay = await refresh(first);
  const current = second ? await refresh(second) : undefined;
  const events = Number(
    (await db.query(`SELECT count(*) AS n FROM audit_events WHERE action = 'session.reuse_detected'`)).rows[0].n,
  );
  console.log(
    `  old cookie replayed: ${replay.status}; the current cookie afterwards: ${current?.status ?? '—'} (401 = session revoked)`,
  );
  console.log(
    `  session.reuse_detected events: ${events}${events === 0 ? ' (reuse detection not available in this build)' : ''}`,
  );
}

async function throughputCost({ postgres, admin }) {
  const secondsEach = Number(process.env.FAULTS_BENCH_SECONDS ?? 8);
  const path = `/api/auth/users/${encodeURIComponent(admin.email)}`;
  const off = await startApi(postgres.url, { RATE_LIMIT_API: '0', RATE_LIMIT_AUTH: '0', LOG_LEVEL: 'warn' });
  const on = await startApi(postgres.url, { RATE_LIMIT_API: '1000000', LOG_LEVEL: 'info' });
  for (const api of [off, on]) api.quiet();
  const job = (api) =>
    JSON.stringify({
      url: `${api.url}${path}`,
      connections: 16,
      seconds: secondsEach,
      timeoutSeconds: 10,
      authorization: `Bearer ${admin.token}`,
    });
  const run = (api) =>
    JSON.parse(execFileSync(process.execPath, ['tools/bench/load.mjs', job(api)], { encoding: 'utf8' }));
  run(off);
  run(on);
  const rounds = [];
  for (let i = 0; i < 2; i++) rounds.push({ off: run(off), on: run(on) });
  for (const [i, round] of rounds.entries()) {
    console.log(
      `  round ${i + 1}: off ${round.off.rps.toFixed(0)} req/s (p99 ${round.off.p99} ms), on ${round.on.rps.toFixed(0)} req/s (p99 ${round.on.p99} ms) ${JSON.stringify(round.on.statuses)}`,
    );
  }
  const total = (key) => rounds.reduce((sum, round) => sum + round[key].rps, 0);
  console.log(`  ratio on/off: ${(total('on') / total('off')).toFixed(2)} (16 connections, ${secondsEach} s per run)`);
}

const scenarios = [
  ['(a) PostgreSQL stopped under load (8 connections on GET /api/auth/me)', postgresStopped],
  ['(b) a transaction holds the administrators lock while administrators change roles', administratorsLocked],
  ['(c) SIGTERM under load (50 connections on GET /api/auth/users/:email)', sigtermUnderLoad],
  ['(d) 5,000 anonymous callback and sign-in-start requests', anonymousFlood],
  ['(e) a refresh cookie replayed after the grace window', refreshReplayed],
  ['(f) throughput of GET /api/auth/users/:email, rate limit and request log on vs off', throughputCost],
];

try {
  console.log('Building the API and starting an embedded PostgreSQL…');
  buildApi();
  const postgres = await startPostgres();
  const statementTimeoutMs = 5000;
  const api = await startApi(postgres.url, { RATE_LIMIT_API: '0' });
  Object.assign(api, { databaseUrl: postgres.url, statementTimeoutMs });
  const db = await connect(postgres.url);
  const { rows } = await db.query(
    `INSERT INTO users (email, name, role, provider, provider_subject) VALUES ('admin@faults.example', 'Admin', 'administrator', 'google', 'faults-admin') RETURNING id, email`,
  );
  const admin = { email: rows[0].email, token: await accessToken(db, SECRET, rows[0].id) };
  const context = { postgres, api, db, admin };
  for (const [title, scenario] of scenarios) {
    if (process.argv[2] && !title.startsWith(`(${process.argv[2]})`)) continue;
    console.log(`\n${title}`);
    try {
      await scenario(context);
    } catch (error) {
      console.log(`  not available: ${error.message.split('\n').slice(0, 6).join('\n    ')}`);
    }
  }
} finally {
  await cleanUp();
}
