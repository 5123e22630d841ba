// Child processes of the benchmark: started pinned to a CPU when `taskset` exists,
// remembered, and all stopped on exit, failure or Ctrl-C.
import { spawn, spawnSync } from 'node:child_process';
import { openSync } from 'node:fs';

const children = new Set();
const cleanups = [];

export const HAS_TASKSET = spawnSync('taskset', ['-c', '0', 'true']).status === 0;

/** `[command, args]` to run `args` on `cpu` (a taskset list such as "0"), or unpinned. */
function pinned(cpu, args) {
  return HAS_TASKSET && cpu !== undefined ? ['taskset', ['-c', cpu, ...args]] : [args[0], args.slice(1)];
}

/**
 * Starts a long-running child (the API, the bare server) with its output in `logFile`.
 * taskset execs the program, so the pid is the program's own (for /proc/<pid>/status).
 */
export function startDaemon(args, { cpu, env, logFile }) {
  const out = openSync(logFile, 'a');
  const [command, rest] = pinned(cpu, args);
  const child = spawn(command, rest, { env: { ...process.env, ...env }, stdio: ['ignore', out, out] });
  children.add(child);
  child.on('exit', () => children.delete(child));
  return child;
}

/** Runs a child to its end and returns its stdout; rejects on a non-zero exit or after `timeoutMs`. */
export function runToEnd(args, { cpu, env, timeoutMs }) {
  return new Promise((resolve, reject) => {
    const [command, rest] = pinned(cpu, args);
    const child = spawn(command, rest, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
    children.add(child);
    let stdout = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      children.delete(child);
      if (code === 0) resolve(stdout);
      else reject(new Error(`${args.join(' ')} ended with ${signal ?? code}`));
    });
  });
}

/** Stops one child: SIGTERM, then SIGKILL after 3 s. */
export function stopChild(child) {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/** Registers async clean-up (drop the database, stop PostgreSQL), run last-in first-out. */
export function onCleanup(fn) {
  cleanups.push(fn);
}

let cleaning;
export function cleanup() {
  cleaning ??= (async () => {
    await Promise.all([...children].map(stopChild));
    // After Ctrl-C, PostgreSQL may already be going down on its own: say nothing then.
    while (cleanups.length)
      await cleanups
        .pop()()
        .catch((error) => stopping || console.error(`clean-up: ${error.message}`));
  })();
  return cleaning;
}

let stopping = false;
/** True once Ctrl-C (or SIGTERM, SIGHUP) asked the benchmark to stop. */
export const interrupted = () => stopping;

for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.once(signal, () => {
    stopping = true;
    console.error(`\n${signal}: stopping the benchmark's processes…`);
    cleanup().finally(() => process.exit(130));
  });
}
// Last resort when the process ends without clean-up: no child outlives it.
process.on('exit', () => {
  for (const child of children) child.kill('SIGKILL');
});
