// `npm run bench`: the one benchmark. For each scale it seeds a fresh database, starts
// the production build of the API and a bare node:http + pg server (both pinned to CPU 0),
// drives them with autocannon pinned to CPU 1, and prints one table; with several scales
// also a growth table. Results go to dist/bench/<time>.json and dist/bench/latest.json.
//
//   BENCH_USERS=100000     people (one scale)      BENCH_SCALES=10000,100000,1000000
//   BENCH_EVENTS=<people>  audit events per scale  BENCH_DURATION=5   seconds per case
//   BENCH_TIMEOUT=5        seconds before a request counts as timed out
//   BENCH_ROUNDS=2         interleaved API/bare rounds for GET /api/auth/users/:email
//   BENCH_CASES=hot       only the hot path (API vs bare), e.g. while profiling
//   BENCH_EXPLAIN=1        print EXPLAIN (ANALYZE, BUFFERS) of three users list queries
//   BENCH_LOG_LEVEL        the API's LOG_LEVEL (default: the API's own, request logs on)
//   BENCH_NODE_ARGS        extra node options for the API, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof"
//   BENCH_API_ENV          more environment for the API, as JSON, e.g. {"DATABASE_POOL_MAX":"4"}
//   DATABASE_URL           a PostgreSQL server to use (a database is created and dropped
//                          there) instead of an embedded one in a temporary folder
import { rmSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { hotPathCase, listCases } from './cases.mjs';
import {
  LOAD_CPU,
  SECRET,
  SERVER_CPU,
  buildApi,
  connected,
  freshDatabase,
  memoryOf,
  postgresServer,
  startApi,
  startBare,
  workFolder,
} from './environment.mjs';
import { accessToken, apiToken } from '../support/access-token.mjs';
import { explainUsersList } from './explain.mjs';
import { interleaved, load, settle } from './measure.mjs';
import { HAS_TASKSET, cleanup, interrupted, onCleanup } from './processes.mjs';
import { growthTable, scaleTable, writeResults } from './report.mjs';
import { COMMON_FRAGMENT, ONE_LETTER_FRAGMENT, RARE_FRAGMENT, seed, seededFacts } from './seed.mjs';

/** A whole number from 1 to `max` (underscores allowed), or exits naming the variable. */
function whole(name, raw, fallback, max) {
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw.trim().replace(/_/g, ''));
  if (!Number.isInteger(value) || value < 1 || value > max) {
    console.error(`${name} must be whole numbers from 1 to ${max.toLocaleString('en')}`);
    process.exit(2);
  }
  return value;
}
const positive = (name, fallback, max) => whole(name, process.env[name], fallback, max);

const SCALES = process.env.BENCH_SCALES
  ? process.env.BENCH_SCALES.split(',').map((scale) => whole('BENCH_SCALES', scale, undefined, 10_000_000))
  : [positive('BENCH_USERS', 100_000, 10_000_000)];
const config = {
  scales: SCALES,
  events: positive('BENCH_EVENTS', undefined, 50_000_000),
  seconds: positive('BENCH_DURATION', 5, 600),
  timeoutSeconds: positive('BENCH_TIMEOUT', 5, 120),
  rounds: positive('BENCH_ROUNDS', 2, 20),
  explain: process.env.BENCH_EXPLAIN !== '0',
  hotPathOnly: process.env.BENCH_CASES === 'hot',
};
if (process.env.BENCH_CASES && !config.hotPathOnly) {
  console.error('BENCH_CASES may only be "hot" (the hot path alone); unset, every case runs');
  process.exit(2);
}
const log = (line = '') => console.log(line);
// Paths below (the build, dist/, the bare server) are relative to the repository.
process.chdir(fileURLToPath(new URL('../..', import.meta.url)));

async function benchScale(serverUrl, work, users) {
  const events = config.events ?? users;
  log(`\n## ${users.toLocaleString('en')} people, ${events.toLocaleString('en')} audit events`);
  const database = await freshDatabase(serverUrl, `vip_bench_${users}_${Date.now()}`);
  const api = await startApi(database.url, work);
  const db = connected(database.url);
  await db.connect();
  try {
    log('Seeding (set-based SQL):');
    const { withStatus } = await seed(db, { users, events, log });
    const facts = await seededFacts(db, users);
    const { rare, common, one_letter: oneLetter, people } = facts.counts;
    const share = (count) => {
      const percent = (100 * count) / people;
      return `${count.toLocaleString('en')} people, ${percent < 1 ? percent.toPrecision(1) : percent.toFixed(1)} %`;
    };
    log(
      `Search fragments: "${RARE_FRAGMENT}" matches ${share(rare)}; "${COMMON_FRAGMENT}" (an e-mail domain) ${share(common)}; "${ONE_LETTER_FRAGMENT}" ${share(oneLetter)}.`,
    );
    if (!withStatus) log('No `status` column in users: the status filter case is skipped.');
    const bare = await startBare(database.url, work);
    const authorization = `Bearer ${await accessToken(db, SECRET, facts.admin.id)}`;
    const options = { seconds: config.seconds, timeoutSeconds: config.timeoutSeconds, authorization };
    const rows = [];

    const loadBefore = loadavg()[0];
    const hot = hotPathCase(facts);
    log(
      `Measuring ${hot.name} against the bare server (${config.rounds} interleaved rounds of ${config.seconds} s each)…`,
    );
    const pair = await interleaved(
      { api: `http://127.0.0.1:${api.port}${hot.path}`, bare: `http://127.0.0.1:${bare.port}${hot.path}` },
      config.rounds,
      { ...options, connections: hot.connections },
    );
    await bare.stop();
    rows.push({ name: `${hot.name} (API)`, connections: hot.connections, ...pair.api });
    rows.push({ name: `${hot.name} (bare node:http + pg)`, connections: hot.connections, ...pair.bare });
    const ratio = pair.api.rps / pair.bare.rps;

    // The same request with an integration's API token instead of a session's access token.
    const hotUrl = `http://127.0.0.1:${api.port}${hot.path}`;
    const tokenSecret = await apiToken(db, facts.admin.id, ['users:read']);
    log(`Measuring ${hot.name} with an API token against a session's access token (interleaved)…`);
    const byToken = await interleaved(
      { jwt: { url: hotUrl, authorization }, token: { url: hotUrl, authorization: `Bearer ${tokenSecret}` } },
      config.rounds,
      { ...options, connections: hot.connections },
    );
    rows.push({ name: `${hot.name} (access token)`, connections: hot.connections, ...byToken.jwt });
    rows.push({ name: `${hot.name} (API token vipc_…)`, connections: hot.connections, ...byToken.token });
    const tokenRatio = byToken.token.rps / byToken.jwt.rps;

    const cases = config.hotPathOnly ? [] : listCases(facts, { withStatus });
    log(`Measuring ${cases.length} more requests, ${config.seconds} s each…`);
    let cancelled = 0;
    for (const [index, item] of cases.entries()) {
      process.stderr.write(`  ${index + 1}/${cases.length} ${item.name}\n`);
      const result = await load(`http://127.0.0.1:${api.port}${item.path}`, {
        ...options,
        connections: item.connections,
      });
      rows.push({ name: item.name, path: item.path, connections: item.connections, ...result });
      cancelled += await settle(db);
    }
    const memory = memoryOf(api.pid);
    // Other work on the machine shows up here; the numbers are only comparable when it is low.
    const machineLoad = { before: loadBefore, after: loadavg()[0] };

    const scale = {
      users,
      events,
      withStatus,
      fragments: facts.counts,
      rows,
      ratio,
      tokenRatio,
      apiMemory: memory,
      loadAverage: machineLoad,
      cancelledQueries: cancelled,
    };
    log(`\n${scaleTable(scale)}\n`);
    log(
      `GET /api/auth/users/:email: API ${Math.round(pair.api.rps).toLocaleString('en')} req/s vs bare ${Math.round(pair.bare.rps).toLocaleString('en')} req/s = ratio ${ratio.toFixed(2)} (goal ≥ 0.9)`,
    );
    log(
      `GET /api/auth/users/:email with an API token: ${Math.round(byToken.token.rps).toLocaleString('en')} req/s vs ${Math.round(byToken.jwt.rps).toLocaleString('en')} req/s with an access token = ratio ${tokenRatio.toFixed(2)} (goal ≥ 0.9)`,
    );
    log(
      memory
        ? `API memory after the run: RSS ${memory.rssMb.toFixed(0)} MB (peak ${memory.peakMb.toFixed(0)} MB; goal ≤ 150 MB)`
        : 'API memory: /proc not available',
    );
    // The benchmark itself keeps about three processes busy (API, PostgreSQL, autocannon).
    const noisy = Math.max(machineLoad.before, machineLoad.after) > 2 * cpus().length + 1;
    log(
      `Load average (1 min) before ${machineLoad.before.toFixed(1)}, after ${machineLoad.after.toFixed(1)} on ${cpus().length} CPUs${noisy ? ': other work was running, so these numbers are noisy' : ''}.`,
    );
    if (cancelled)
      log(`${cancelled} queries of timed-out requests were still running 30 s later and were cancelled between cases.`);

    if (config.explain) {
      scale.explain = await explainUsersList(db, {
        commonFragment: COMMON_FRAGMENT,
        oneLetterFragment: ONE_LETTER_FRAGMENT,
        workDir: work,
      });
      for (const { label, sql, values, plan } of scale.explain)
        log(`\n-- EXPLAIN (ANALYZE, BUFFERS): ${label}\n-- ${sql}  ${JSON.stringify(values)}\n${plan}`);
    }
    return scale;
  } finally {
    await db.end();
    await api.stop();
    await database.drop();
  }
}

const results = {
  startedAt: new Date().toISOString(),
  node: process.version,
  cpus: cpus().length,
  config,
  pinning: {},
  scales: [],
};
try {
  log(
    `# npm run bench — ${config.scales.map((users) => users.toLocaleString('en')).join(', ')} people; ${config.seconds} s per case, ${config.timeoutSeconds} s timeout`,
  );
  results.pinning = HAS_TASKSET
    ? { api: SERVER_CPU, bare: SERVER_CPU, load: LOAD_CPU, postgres: 'any' }
    : { note: 'taskset not found: nothing pinned' };
  log(
    HAS_TASKSET
      ? `Pinned with taskset: API and bare server on CPU ${SERVER_CPU}, load generator (autocannon) on CPU ${LOAD_CPU}; PostgreSQL floats (${cpus().length} CPUs).`
      : 'taskset not found: running unpinned, so the load generator competes with the servers for CPU.',
  );
  log('Building the API (production bundle)…');
  buildApi();
  const work = workFolder();
  onCleanup(async () => rmSync(work, { recursive: true, force: true }));
  const server = await postgresServer(work);
  log(
    server.embedded
      ? 'PostgreSQL: embedded, in a temporary folder.'
      : 'PostgreSQL: the server DATABASE_URL names (a fresh database per scale).',
  );
  for (const users of config.scales) {
    results.scales.push(await benchScale(server.url, work, users));
    log(`\nResults: ${writeResults(results)} (and dist/bench/latest.json)`);
  }
  if (results.scales.length > 1) log(`\n## Growth\n\n${growthTable(results.scales)}`);
} catch (error) {
  if (!interrupted()) {
    console.error(`\nThe benchmark failed: ${error.stack ?? error}`);
    process.exitCode = 1;
  }
} finally {
  await cleanup();
}
