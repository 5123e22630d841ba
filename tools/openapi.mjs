// `npm run openapi`: writes the API's OpenAPI document (libs/api-client/openapi.json) and
// the typed client's schema (libs/api-client/src/lib/schema.d.ts) from the code.
// `--check` (in `npm run lint`) writes nothing, fails when either is out of date, and lints
// the document with Redocly's recommended rules (redocly.yaml).
// The document is built from the decorators alone: no database, no listening server.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import openapiTS, { astToString } from 'openapi-typescript';
import prettier from 'prettier';

const DOCUMENT = 'libs/api-client/openapi.json';
const SCHEMA = 'libs/api-client/src/lib/schema.d.ts';
const SCHEMA_BANNER = `/**
 * Generated from ${DOCUMENT} by openapi-typescript: do not edit; run \`npm run openapi\`.
 */
`;

const check = process.argv.includes('--check');
process.chdir(fileURLToPath(new URL('..', import.meta.url)));

const require = createRequire(import.meta.url);
require('ts-node').register({ project: 'apps/api/tsconfig.app.json', transpileOnly: true });
require('@nx/js/internal').registerTsConfigPaths(require.resolve('../tsconfig.base.json'));
const { createOpenApiDocument } = require('../apps/api/src/create-app.ts');

const document = await createOpenApiDocument();
const files = {
  [DOCUMENT]: await format(JSON.stringify(document), DOCUMENT),
  [SCHEMA]: await format(SCHEMA_BANNER + astToString(await openapiTS(document)), SCHEMA),
};

if (check) {
  const stale = Object.entries(files).filter(([path, text]) => read(path) !== text);
  if (stale.length > 0) {
    console.error(
      `Out of date with the API's code: ${stale.map(([path]) => path).join(', ')}. Run \`npm run openapi\` and commit the result.`,
    );
    process.exit(1);
  }
  console.log(`${DOCUMENT} and ${SCHEMA} match the code.`);
  const lint = spawnSync('npx', ['redocly', 'lint', '--format=stylish'], {
    stdio: 'inherit',
    // No usage reports or update checks from a lint run.
    env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
  });
  process.exit(lint.status ?? 1);
} else {
  for (const [path, text] of Object.entries(files)) writeFileSync(path, text);
  console.log(`Wrote ${DOCUMENT} and ${SCHEMA}.`);
}
// Nest's modules may leave handles open (timers); nothing else is left to do.
process.exit(0);

async function format(text, path) {
  const options = await prettier.resolveConfig(path);
  return prettier.format(text, { ...options, filepath: path });
}

function read(path) {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}
