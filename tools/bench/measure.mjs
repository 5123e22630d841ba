// Runs the load generator (its own process, pinned to LOAD_CPU) and waits for the
// database to be idle again, so one slow case does not spill into the next.
import { LOAD_CPU } from './environment.mjs';
import { runToEnd } from './processes.mjs';

/** One autocannon run against `url`. */
export async function load(url, { connections, seconds, timeoutSeconds, authorization }) {
  const job = { url, connections, seconds, timeoutSeconds, authorization };
  const out = await runToEnd(['node', 'tools/bench/load.mjs', JSON.stringify(job)], {
    cpu: LOAD_CPU,
    timeoutMs: (seconds + timeoutSeconds + 30) * 1000,
  });
  return JSON.parse(out.trim().split('\n').pop());
}

/**
 * Waits until no other query runs in the database (timed-out requests leave theirs
 * running); after 30 s cancels what is left. Returns how many it had to cancel.
 */
export async function settle(db) {
  const busy = `SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND backend_type = 'client backend' AND state = 'active' AND pid <> pg_backend_pid()`;
  for (let waited = 0; waited < 30_000; waited += 200) {
    const { rowCount } = await db.query(busy);
    if (!rowCount) return 0;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  const { rowCount } = await db.query(`SELECT pg_cancel_backend(pid) FROM (${busy}) AS running`);
  return rowCount;
}

/**
 * Interleaved rounds A, B, A, B…; req/s over all rounds, median p50, worst p99. A target
 * is a URL, or `{ url, authorization }` to send its own Authorization header.
 */
export async function interleaved(targets, rounds, options) {
  const runs = Object.fromEntries(Object.keys(targets).map((name) => [name, []]));
  const run = (target, seconds) =>
    typeof target === 'string'
      ? load(target, { ...options, seconds })
      : load(target.url, { ...options, seconds, authorization: target.authorization });
  for (const target of Object.values(targets)) await run(target, Math.min(3, options.seconds)); // warm-up
  for (let round = 0; round < rounds; round++) {
    for (const [name, target] of Object.entries(targets)) runs[name].push(await run(target, options.seconds));
  }
  return Object.fromEntries(Object.entries(runs).map(([name, results]) => [name, combine(results)]));
}

function combine(results) {
  const sum = (key) => results.reduce((total, result) => total + result[key], 0);
  const p50s = results
    .map((result) => result.p50)
    .filter((value) => value !== null)
    .sort((a, b) => a - b);
  const p99s = results.map((result) => result.p99).filter((value) => value !== null);
  return {
    requests: sum('requests'),
    rps: sum('rps') / results.length,
    p50: p50s.length ? p50s[Math.floor(p50s.length / 2)] : null,
    p99: p99s.length ? Math.max(...p99s) : null,
    errors: sum('errors'),
    non2xx: sum('non2xx'),
    timeouts: sum('timeouts'),
    rounds: results.map(({ rps, p50, p99 }) => ({ rps, p50, p99 })),
  };
}
