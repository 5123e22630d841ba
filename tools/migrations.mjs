// `npm run migration:run | migration:revert | migration:generate -- <Name>`.
// Runs TypeORM's CLI on the API's data source (TypeScript, through ts-node) against
// DATABASE_URL; when it is unset, against the embedded development database.
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { createRequire } from 'node:module';

const [command, name] = process.argv.slice(2);
if (!['run', 'revert', 'generate'].includes(command) || (command === 'generate' && !name)) {
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
  require('ts-node').register({ project: env.TS_NODE_PROJECT, transpileOnly: true });
  const { startEmbeddedPostgres } = require('../apps/api/src/database/embedded-postgres.ts');
  embedded = await startEmbeddedPostgres({ dir: resolve('.data/postgres'), database: 'vip' });
  env.DATABASE_URL = embedded.url;
  console.log(`Using the embedded development database (port ${embedded.port}).`);
}

const args = ['-d', 'apps/api/src/database/data-source.ts', `migration:${command}`];
if (command === 'generate') args.push(join('apps/api/src/database/migrations', `${Date.now()}-${name}`), '--pretty');
const result = spawnSync('npx', ['typeorm-ts-node-commonjs', ...args], { stdio: 'inherit', env });
if (command === 'generate' && result.status === 0) {
  console.log('Review the generated SQL, then add the class to apps/api/src/database/migrations/index.ts.');
}
await embedded?.stop();
process.exit(result.status ?? 1);
