import { formatFiles, generateFiles, names, type GeneratorCallback, type Tree } from '@nx/devkit';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import type { FeatureGeneratorSchema } from './schema';
import {
  addImport,
  appendLine,
  appendToObject,
  arrayOfProperty,
  arrayOfVariable,
  childRoutes,
  insertIntoArray,
  objectOfVariable,
  routePath,
} from './source-edits';

export const API_SRC = 'apps/api/src';
export const API_TEST = 'apps/api/test';
export const ADMIN_APP = 'apps/admin/src/app';
export const DTO_SRC = 'libs/shared/dto/src';
const MIGRATIONS = join(API_SRC, 'database/migrations');

/** Names the workspace already uses for something else. */
const RESERVED = new Set([
  'app',
  'api',
  'audit',
  'auth',
  'common',
  'config',
  'core',
  'database',
  'health',
  'shared',
  'shell',
  'testing',
  'users',
]);

/** Everything the templates need, derived from the kebab-case name. */
export function featureNames(name: string, timestamp: number) {
  const { className, propertyName, constantName, fileName } = names(name);
  const words = fileName.split('-');
  return {
    fileName,
    className,
    propertyName,
    constantName,
    /** `vehicle-types` → `vehicle_types`: the table. */
    tableName: words.join('_'),
    /** `vehicle-types` → `Vehicle types`: headings and summaries. */
    title: [words[0][0].toUpperCase() + words[0].slice(1), ...words.slice(1)].join(' '),
    /** `vehicle-types` → `vehicle types`: inside sentences. */
    words: words.join(' '),
    timestamp,
    migrationClass: `Create${className}${timestamp}`,
    migrationFile: `${timestamp}-create-${fileName}`,
  };
}

export type FeatureNames = ReturnType<typeof featureNames>;

/** `npx nx g @vip/tools:feature <name>`: a module end to end, wired into the apps. */
export async function featureGenerator(tree: Tree, options: FeatureGeneratorSchema): Promise<GeneratorCallback> {
  if (!/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/.test(options.name ?? '')) {
    throw new Error(`The feature name must be kebab-case (e.g. vehicles or vehicle-types); got "${options.name}"`);
  }
  const n = featureNames(options.name, options.timestamp ?? migrationTimestamp(tree));
  if (RESERVED.has(n.fileName))
    throw new Error(`"${n.fileName}" is already a part of the workspace; choose another name`);
  for (const taken of [
    join(API_SRC, n.fileName),
    join(ADMIN_APP, n.fileName),
    join(DTO_SRC, 'lib', `${n.fileName}.ts`),
  ]) {
    if (tree.exists(taken))
      throw new Error(`${taken} already exists: the feature "${n.fileName}" has been generated before`);
  }

  const substitutions = { ...n, tmpl: '' };
  generateFiles(tree, join(__dirname, 'files', 'api'), API_SRC, substitutions);
  generateFiles(tree, join(__dirname, 'files', 'api-test'), API_TEST, substitutions);
  generateFiles(tree, join(__dirname, 'files', 'dto'), join(DTO_SRC, 'lib'), substitutions);
  generateFiles(tree, join(__dirname, 'files', 'admin'), ADMIN_APP, substitutions);

  registerApi(tree, n);
  registerInRoleMatrix(tree, n);
  appendLine(tree, join(DTO_SRC, 'index.ts'), `export * from './lib/${n.fileName}';`);
  registerRoute(tree, n);

  if (!options.skipFormat) await formatFiles(tree);
  // Once the files are on disk: the OpenAPI document and the typed client gain the new
  // routes (`npm run lint` fails while they lag behind the code).
  return () => {
    execFileSync('node', ['tools/openapi.mjs'], { cwd: tree.root, stdio: 'inherit' });
  };
}

/** Now, or just after the newest migration when that one is dated later: migrations run in timestamp order. */
function migrationTimestamp(tree: Tree): number {
  const stamps = tree.children(MIGRATIONS).map((file) => Number(/^(\d{13})-/.exec(file)?.[1] ?? 0));
  return Math.max(Date.now(), ...stamps.map((stamp) => stamp + 1000));
}

function registerApi(tree: Tree, n: FeatureNames): void {
  const appModule = join(API_SRC, 'app.module.ts');
  addImport(tree, appModule, `import { ${n.className}Module } from './${n.fileName}/${n.fileName}.module';`);
  insertIntoArray(tree, appModule, arrayOfProperty('imports'), `${n.className}Module`);

  const dataSource = join(API_SRC, 'database/data-source.ts');
  addImport(tree, dataSource, `import { ${n.className}Entity } from '../${n.fileName}/${n.fileName}.entity';`);
  insertIntoArray(tree, dataSource, arrayOfVariable('entities'), `${n.className}Entity`);

  const migrations = join(MIGRATIONS, 'index.ts');
  addImport(tree, migrations, `import { ${n.migrationClass} } from './${n.migrationFile}';`);
  insertIntoArray(tree, migrations, arrayOfVariable('migrations'), n.migrationClass);
}

/** Who gets what on the new routes: the role-matrix test fails for a route missing there. */
function registerInRoleMatrix(tree: Tree, n: FeatureNames): void {
  const url = `/api/${n.fileName}`;
  const none = `${url}/00000000-0000-4000-8000-000000000000`;
  appendToObject(
    tree,
    join(API_TEST, 'support/role-matrix.ts'),
    objectOfVariable('ROLE_MATRIX'),
    `  // ${n.title}: no record has the all-zero id, so an admitted caller gets 404 there.
  'GET ${url}': { url: '${url}', expect: administrators(200) },
  'GET ${url}/:id': { url: '${none}', expect: administrators(404) },
  'POST ${url}': { url: '${url}', body: { name: 'Role matrix' }, expect: administrators(201) },
  'DELETE ${url}/:id': { url: '${none}', expect: administrators(404) },
`,
  );
}

/** A lazy route for administrators, before the catch-all routes. */
function registerRoute(tree: Tree, n: FeatureNames): void {
  const routes = join(ADMIN_APP, 'app.routes.ts');
  const route = `{
    path: '${n.fileName}',
    title: '${n.title} · VIP Coordinator',
    canActivate: [authGuard, roleGuard(Role.Administrator)],
    loadComponent: () => import('./${n.fileName}/${n.fileName}-page').then((m) => m.${n.className}Page),
  }`;
  insertIntoArray(tree, routes, childRoutes, route, (element) =>
    ['forbidden', '**'].includes(routePath(element) ?? ''),
  );
}

export default featureGenerator;
