import type { Tree } from '@nx/devkit';
import { createTreeWithEmptyWorkspace } from '@nx/devkit/testing';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as ts from 'typescript';
import { featureGenerator } from './generator';
import { arrayOfProperty, arrayOfVariable, childRoutes, objectOfVariable, routePath } from './source-edits';

const workspaceRoot = join(__dirname, '../../../../..');
const TIMESTAMP = 1_800_000_000_000;

/** The files the generator edits, as they are in this workspace today. */
const WIRING = [
  'apps/api/src/app.module.ts',
  'apps/api/src/database/data-source.ts',
  'apps/api/src/database/migrations/index.ts',
  'apps/admin/src/app/app.routes.ts',
  'libs/shared/dto/src/index.ts',
  'apps/api/test/support/role-matrix.ts',
];

function workspaceTree(): Tree {
  // What the generator writes, unformatted: Prettier runs on disk (the CI step lints the result).
  const tree = createTreeWithEmptyWorkspace({ formatter: 'none' });
  for (const path of WIRING) tree.write(path, readFileSync(join(workspaceRoot, path), 'utf-8'));
  return tree;
}

function parse(tree: Tree, path: string): ts.SourceFile {
  return ts.createSourceFile(path, tree.read(path, 'utf-8') ?? '', ts.ScriptTarget.Latest, true);
}

const names = (array: ts.ArrayLiteralExpression | undefined) =>
  array?.elements.map((element) => element.getText()) ?? [];

describe('feature generator', () => {
  let tree: Tree;
  let before: Map<string, string>;

  beforeAll(async () => {
    tree = workspaceTree();
    before = new Map(WIRING.map((path) => [path, tree.read(path, 'utf-8') ?? '']));
    await featureGenerator(tree, { name: 'vehicle-types', timestamp: TIMESTAMP });
  });

  const read = (path: string) => tree.read(path, 'utf-8') ?? '';

  /** Files the generator wrote (the seeded wiring files count as created in a virtual tree). */
  const written = () =>
    tree
      .listChanges()
      .filter(
        (change) => change.type === 'CREATE' && /^(apps|libs)\//.test(change.path) && !WIRING.includes(change.path),
      )
      .map((change) => change.path);

  it('writes the module, its contract, its tests and its console page', () => {
    expect(written().sort()).toEqual(
      [
        'apps/api/src/vehicle-types/vehicle-types.entity.ts',
        'apps/api/src/vehicle-types/vehicle-types.mapper.ts',
        'apps/api/src/vehicle-types/vehicle-types.repository.ts',
        'apps/api/src/vehicle-types/vehicle-types.service.ts',
        'apps/api/src/vehicle-types/vehicle-types.controller.ts',
        'apps/api/src/vehicle-types/vehicle-types.module.ts',
        'apps/api/src/vehicle-types/dto/create-vehicle-types.body.ts',
        'apps/api/src/vehicle-types/dto/vehicle-types.response.ts',
        `apps/api/src/database/migrations/${TIMESTAMP}-create-vehicle-types.ts`,
        'apps/api/test/vehicle-types.e2e-spec.ts',
        'libs/shared/dto/src/lib/vehicle-types.ts',
        'apps/admin/src/app/vehicle-types/vehicle-types-api.ts',
        'apps/admin/src/app/vehicle-types/vehicle-types-page.ts',
        'apps/admin/src/app/vehicle-types/vehicle-types-page.html',
        'apps/admin/src/app/vehicle-types/vehicle-types-page.scss',
        'apps/admin/src/app/vehicle-types/vehicle-types-page.spec.ts',
      ].sort(),
    );
  });

  it('fills every template: valid TypeScript, no template tags or placeholders left; edits keep files valid', () => {
    for (const path of [...written(), ...WIRING]) {
      const text = read(path);
      expect({ path, leftovers: text.match(/<%|%>|__\w+__/g) }).toEqual({ path, leftovers: null });
      if (path.endsWith('.ts')) {
        const { diagnostics } = ts.transpileModule(text, { reportDiagnostics: true, fileName: path });
        const errors = diagnostics?.map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
        expect({ path, errors }).toEqual({ path, errors: [] });
      }
    }
  });

  it('guards every route for administrators and documents it', () => {
    const controller = read('apps/api/src/vehicle-types/vehicle-types.controller.ts');
    expect(controller).toMatch(
      /@ApiAuthenticated\(\)\s*@Roles\(\[Role\.Administrator\]\)\s*@Controller\('vehicle-types'\)\s*export class VehicleTypesController/,
    );
    for (const route of [/@Get\(\)/, /@Get\(':id'\)/, /@Post\(\)/, /@Delete\(':id'\)/])
      expect(controller).toMatch(route);
    expect(controller.match(/@ApiOperation\(/g)).toHaveLength(4);
    expect(controller.match(/operationId: '\w+'/g)).toEqual([
      "operationId: 'listVehicleTypes'",
      "operationId: 'getVehicleTypesRecord'",
      "operationId: 'createVehicleTypesRecord'",
      "operationId: 'deleteVehicleTypesRecord'",
    ]);
    expect(controller).toContain('@Query() query: PageQuery');
    expect(controller).toContain('@Body() body: CreateVehicleTypesBody');
    // Thin: no SQL and no HTTP exceptions in the controller.
    expect(controller).not.toMatch(/SELECT|INSERT|DELETE FROM|Exception\(/);
    expect(read('apps/api/src/vehicle-types/vehicle-types.service.ts')).toMatch(/throw new NotFoundError\(/);
    expect(read('apps/api/src/vehicle-types/vehicle-types.repository.ts')).toContain(
      'constructor(private readonly db: Database)',
    );
  });

  it('creates in the migration exactly the table, keys and constraint the entity declares', () => {
    const migration = read(`apps/api/src/database/migrations/${TIMESTAMP}-create-vehicle-types.ts`);
    const entity = read('apps/api/src/vehicle-types/vehicle-types.entity.ts');
    expect(migration).toContain(`export class CreateVehicleTypes${TIMESTAMP} implements MigrationInterface`);
    expect(migration).toContain('CREATE TABLE vehicle_types (');
    expect(migration).toContain('DROP TABLE vehicle_types');
    expect(entity).toContain("@Entity({ name: 'vehicle_types' })");
    for (const constraint of ['vehicle_types_pkey', 'vehicle_types_name_key']) {
      expect(migration).toContain(`CONSTRAINT ${constraint}`);
      expect(entity).toContain(`'${constraint}'`);
    }
  });

  it('registers the module, the entity and the migration, keeping what was there', () => {
    const appModule = parse(tree, 'apps/api/src/app.module.ts');
    expect(appModule.text).toContain("import { VehicleTypesModule } from './vehicle-types/vehicle-types.module';");
    expect(names(arrayOfProperty('imports')(appModule))).toEqual([
      ...names(
        arrayOfProperty('imports')(
          ts.createSourceFile('a.ts', before.get('apps/api/src/app.module.ts')!, ts.ScriptTarget.Latest, true),
        ),
      ),
      'VehicleTypesModule',
    ]);

    const dataSource = parse(tree, 'apps/api/src/database/data-source.ts');
    expect(dataSource.text).toContain("import { VehicleTypesEntity } from '../vehicle-types/vehicle-types.entity';");
    expect(names(arrayOfVariable('entities')(dataSource)).at(-1)).toBe('VehicleTypesEntity');

    const migrations = parse(tree, 'apps/api/src/database/migrations/index.ts');
    expect(migrations.text).toContain(
      `import { CreateVehicleTypes${TIMESTAMP} } from './${TIMESTAMP}-create-vehicle-types';`,
    );
    expect(names(arrayOfVariable('migrations')(migrations)).at(-1)).toBe(`CreateVehicleTypes${TIMESTAMP}`);
    expect(names(arrayOfVariable('migrations')(migrations)).length).toBe(
      names(
        arrayOfVariable('migrations')(
          ts.createSourceFile(
            'm.ts',
            before.get('apps/api/src/database/migrations/index.ts')!,
            ts.ScriptTarget.Latest,
            true,
          ),
        ),
      ).length + 1,
    );

    expect(read('libs/shared/dto/src/index.ts')).toBe(
      `${before.get('libs/shared/dto/src/index.ts')!.trimEnd()}\nexport * from './lib/vehicle-types';\n`,
    );
  });

  it('tells the role matrix who gets what on each new route, keeping the routes that were there', () => {
    const matrix = objectOfVariable('ROLE_MATRIX')(parse(tree, 'apps/api/test/support/role-matrix.ts'))!;
    const routes = matrix.properties.map((property) => (property.name as ts.StringLiteral).text);
    const old = objectOfVariable('ROLE_MATRIX')(
      ts.createSourceFile('r.ts', before.get('apps/api/test/support/role-matrix.ts')!, ts.ScriptTarget.Latest, true),
    )!;
    expect(routes).toEqual([
      ...old.properties.map((property) => (property.name as ts.StringLiteral).text),
      'GET /api/vehicle-types',
      'GET /api/vehicle-types/:id',
      'POST /api/vehicle-types',
      'DELETE /api/vehicle-types/:id',
    ]);
    const entry = (route: string) => matrix.properties[routes.indexOf(route)].getText();
    expect(entry('GET /api/vehicle-types')).toContain('expect: administrators(200)');
    expect(entry('POST /api/vehicle-types')).toContain("body: { name: 'Role matrix' }, expect: administrators(201)");
  });

  it('adds a lazy route for administrators before the catch-all routes', () => {
    const routes = childRoutes(parse(tree, 'apps/admin/src/app/app.routes.ts'))!;
    const paths = routes.elements.map(routePath);
    expect(paths).toContain('vehicle-types');
    expect(paths.indexOf('vehicle-types')).toBeLessThan(paths.indexOf('**'));
    expect(paths.indexOf('vehicle-types')).toBeLessThan(paths.indexOf('forbidden'));
    const route = routes.elements[paths.indexOf('vehicle-types')].getText();
    expect(route).toContain('canActivate: [authGuard, roleGuard(Role.Administrator)]');
    expect(route).toMatch(
      /loadComponent: \(\) =>\s*import\('\.\/vehicle-types\/vehicle-types-page'\)\.then\(\s*\(m\) => m\.VehicleTypesPage,?\s*\)/,
    );
  });

  it('names the contract, the API and the console consistently', () => {
    expect(read('libs/shared/dto/src/lib/vehicle-types.ts')).toContain('export interface VehicleTypes {');
    expect(read('apps/admin/src/app/vehicle-types/vehicle-types-api.ts')).toContain(
      "const URL = '/api/vehicle-types';",
    );
    expect(read('apps/admin/src/app/vehicle-types/vehicle-types-api.ts')).toContain('httpResource<Page<VehicleTypes>>');
    const page = read('apps/admin/src/app/vehicle-types/vehicle-types-page.ts');
    expect(page).toContain("selector: 'vip-vehicle-types-page'");
    // The console's one paged list: page and size in the URL, one load state.
    expect(page).toContain('pagedList<VehicleTypes, object>(');
    expect(read('apps/admin/src/app/vehicle-types/vehicle-types-page.html')).toContain('<vip-paged-table');
    const e2e = read('apps/api/test/vehicle-types.e2e-spec.ts');
    expect(e2e).toContain('import { Browser, signIn, startTestApp');
    expect(e2e).toContain('/api/vehicle-types');
    for (const status of [201, 204, 400, 401, 403, 404, 409]) expect(e2e).toContain(`${status}`);
  });
});

describe('feature generator, at the edges', () => {
  it.each(['Vehicles', 'vehicle_types', '9lives', 'a--b', ''])(
    'refuses a name that is not kebab-case: %p',
    async (name) => {
      await expect(featureGenerator(workspaceTree(), { name, skipFormat: true })).rejects.toThrow(/kebab-case/);
    },
  );

  it.each(['users', 'audit', 'auth'])('refuses a name the workspace already uses: %s', async (name) => {
    await expect(featureGenerator(workspaceTree(), { name, skipFormat: true })).rejects.toThrow(/already/);
  });

  it('dates the migration after the newest one, even one dated in the future', async () => {
    const tree = workspaceTree();
    tree.write('apps/api/src/database/migrations/4102444800000-from-the-future.ts', '');
    await featureGenerator(tree, { name: 'vehicles', skipFormat: true });
    expect(tree.exists('apps/api/src/database/migrations/4102444801000-create-vehicles.ts')).toBe(true);
  });

  it('refuses a feature generated before, and changes nothing', async () => {
    const tree = workspaceTree();
    await featureGenerator(tree, { name: 'vehicles', skipFormat: true });
    const appModule = tree.read('apps/api/src/app.module.ts', 'utf-8');
    await expect(featureGenerator(tree, { name: 'vehicles', skipFormat: true })).rejects.toThrow(/generated before/);
    expect(tree.read('apps/api/src/app.module.ts', 'utf-8')).toBe(appModule);
  });
});
