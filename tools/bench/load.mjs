// A small closed-loop load generator: N keep-alive connections, each sending the next
// request as soon as the previous answer arrives, for a fixed time. Prints JSON.
import { Agent, request } from 'node:http';

const [url, connections = '32', seconds = '10', authorization = ''] = process.argv.slice(2);
const target = new URL(url);
const agent = new Agent({ keepAlive: true, maxSockets: Number(connections) });
const latencies = [];
const statuses = {};
const deadline = Date.now() + Number(seconds) * 1000;

const once = () =>
  new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const req = request({ host: target.hostname, port: target.port, path: target.pathname + target.search, agent, headers: { authorization } }, (res) => {
      res.resume();
      res.on('end', () => {
        latencies.push(Number(process.hrtime.bigint() - started) / 1e6);
        statuses[res.statusCode] = (statuses[res.statusCode] ?? 0) + 1;
        resolve();
      });
    });
    req.on('error', reject);
    req.end();
  });

const worker = async () => {
  while (Date.now() < deadline) await once();
};
const started = Date.now();
await Promise.all(Array.from({ length: Number(connections) }, worker));
const elapsed = (Date.now() - started) / 1000;
latencies.sort((a, b) => a - b);
const at = (q) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))];
console.log(JSON.stringify({ requests: latencies.length, rps: Math.round(latencies.length / elapsed), p50: at(0.5), p95: at(0.95), p99: at(0.99), statuses }));
agent.destroy();
