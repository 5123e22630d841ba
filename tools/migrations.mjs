// `npm run migration:run | migration:revert | migration:generate -- <Name>`.
// Runs TypeORM's CLI on the API's data source (TypeScript, through ts-node) against
// DATABASE_URL; when it is unset, against the embedded development database.
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';

const MIGRATIONS_DIR = 'apps/api/src/database/migrations';
const DATA_SOURCE = 'apps/api/src/database/data-source.ts';

const [command, name] = process.argv.slice(2);
if (
  !['run', 'revert', 'generate'].includes(command) ||
  (command === 'generate' && !/^[A-Za-z][\w-]*$/.test(name ?? ''))
) {
  console.error('usage: npm run migration:run | migration:revert | migration:generate -- <Name>');
  process.exit(2);
}

const env = {
  ...process.env,
  TS_NODE_PROJECT: 'apps/api/tsconfig.app.json',
  TS_NODE_TRANSPILE_ONLY: 'true',
};
let embedded;
if (!env.DATABASE_URL) {
  const require = createRequire(import.meta.url);
  require('ts-node').register({
    project: env.TS_NODE_PROJECT,
    transpileOnly: true,
  });
  const { startEmbeddedPostgres } = require('../apps/api/src/database/embedded-postgres.ts');
  embedded = await startEmbeddedPostgres({
    dir: resolve('.data/postgres'),
    database: 'vip',
  });
  env.DATABASE_URL = embedded.url;
  console.log(`Using the embedded development database (port ${embedded.port}).`);
}

const typeorm = (...args) =>
  spawnSync('npx', ['typeorm-ts-node-commonjs', '-d', DATA_SOURCE, ...args], {
    encoding: 'utf8',
    env,
    stdio: ['ignore', 'pipe', 'inherit'],
  });

let status;
if (command === 'generate') status = generate(name);
else {
  const result = typeorm(`migration:${command}`);
  process.stdout.write(result.stdout);
  status = result.status ?? 1;
}
await embedded?.stop();
process.exit(status);

function generate(name) {
  // Compared with a database that lacks applied migrations, the entities would "need"
  // those migrations again: refuse rather than write a duplicate.
  const show = typeorm('migration:show');
  if (show.status !== 0) return (process.stdout.write(show.stdout), show.status ?? 1);
  const pending = show.stdout.split('\n').filter((line) => line.includes('[ ]'));
  if (pending.length > 0) {
    console.error(`${pending.length} migration(s) not applied yet; run \`npm run migration:run\` first.`);
    return 1;
  }

  const before = new Set(readdirSync(MIGRATIONS_DIR));
  // TypeORM prefixes the file name with a timestamp and names the class after it.
  const result = typeorm('migration:generate', join(MIGRATIONS_DIR, name), '--pretty');
  process.stdout.write(result.stdout);
  if (result.status !== 0) return result.status ?? 1;
  for (const file of readdirSync(MIGRATIONS_DIR).filter((file) => !before.has(file))) {
    const path = join(MIGRATIONS_DIR, file);
    // The house style (and its lint rule) imports types as types.
    writeFileSync(
      path,
      readFileSync(path, 'utf8').replace(/^import \{ (MigrationInterface, QueryRunner) \}/m, 'import type { $1 }'),
    );
    spawnSync('npx', ['prettier', '--write', path], { stdio: 'ignore' });
    console.log(`Review the SQL in ${path}, then add its class to ${MIGRATIONS_DIR}/index.ts.`);
  }
  return 0;
}
