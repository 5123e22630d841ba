// `npm start`: development, all in one. Builds the API and the admin console, keeps
// rebuilding the console as its sources change, and runs the API, which starts an
// embedded PostgreSQL when DATABASE_URL is unset and serves the console on one URL.
import { spawn, spawnSync } from 'node:child_process';

const env = { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_TUI: 'false' };
const run = (command, args) => {
  const result = spawnSync(command, args, { stdio: 'inherit', env });
  if (result.status !== 0) process.exit(result.status ?? 1);
};

console.log('Building the API and the admin console (development)…');
run('node', ['tools/build-api.mjs']);
run('npx', ['nx', 'build', 'admin', '--configuration=development', '--outputStyle=static']);

// Rebuilds of the console land in dist/ and are served from there at once: reload the page.
const watcher = spawn(
  'npx',
  ['nx', 'build', 'admin', '--configuration=development', '--watch', '--outputStyle=static', '--skip-nx-cache'],
  {
    stdio: ['ignore', 'ignore', 'inherit'],
    env,
    detached: true,
  },
);
const api = spawn('node', ['--enable-source-maps', 'dist/apps/api/main.js'], { stdio: 'inherit', env });

const stop = (signal) => {
  try {
    process.kill(-watcher.pid, 'SIGTERM');
  } catch {
    // already gone
  }
  api.kill(signal);
};
process.on('SIGINT', () => stop('SIGINT'));
process.on('SIGTERM', () => stop('SIGTERM'));
api.on('exit', (code) => {
  stop('SIGTERM');
  process.exit(code ?? 0);
});
