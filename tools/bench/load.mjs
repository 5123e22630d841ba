// The load generator, run as its own process (pinned to its own core by run.mjs):
// autocannon against one URL for a fixed time. Reads its job as JSON from argv[2],
// prints one JSON line: requests, req/s, p50, p99, errors.
import autocannon from 'autocannon';

const job = JSON.parse(process.argv[2]);
const url = new URL(job.url);
if (url.hostname !== '127.0.0.1') throw new Error(`the load generator only talks to 127.0.0.1, not ${url.hostname}`);

const result = await autocannon({
  url: job.url,
  connections: job.connections,
  duration: job.seconds,
  timeout: job.timeoutSeconds,
  headers: { authorization: job.authorization },
});
const non2xx = result.non2xx;
const timeouts = result.timeouts;
// autocannon counts timeouts among its `errors`; the rest are connection errors.
const errors = non2xx + result.errors;
const statuses = {};
for (const [code, { count }] of Object.entries(result.statusCodeStats ?? {})) statuses[code] = count;
const completed = result.latency.totalCount ?? result.requests.total;
console.log(
  JSON.stringify({
    requests: result.requests.total,
    rps: result.requests.total / result.duration,
    p50: completed ? result.latency.p50 : null,
    p99: completed ? result.latency.p99 : null,
    errors,
    non2xx,
    timeouts,
    statuses,
  }),
);
