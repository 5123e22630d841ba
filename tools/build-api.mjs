// Bundles the API with esbuild. esbuild cannot emit decorator metadata, which Nest's
// dependency injection needs, so TypeScript transpiles each file first (no type check:
// `nx run api:typecheck` does that). Node packages stay external.
import { build, context } from 'esbuild';
import { readFile } from 'node:fs/promises';
import ts from 'typescript';

const watch = process.argv.includes('--watch');

const { config } = ts.readConfigFile('apps/api/tsconfig.app.json', ts.sys.readFile);
const parsed = ts.parseJsonConfigFileContent(config, ts.sys, 'apps/api');
const compilerOptions = {
  ...parsed.options,
  module: ts.ModuleKind.ESNext,
  target: ts.ScriptTarget.ES2022,
  sourceMap: false,
  inlineSourceMap: true,
  inlineSources: true,
};

const typescriptWithMetadata = {
  name: 'typescript-with-decorator-metadata',
  setup(esbuild) {
    esbuild.onLoad({ filter: /\.ts$/ }, async ({ path }) => {
      const source = await readFile(path, 'utf8');
      const { outputText } = ts.transpileModule(source, { compilerOptions, fileName: path });
      return { contents: outputText, loader: 'js' };
    });
  },
};

const externalPackages = {
  name: 'external-packages',
  setup(esbuild) {
    // Workspace libraries (@vip/*) are bundled; everything from node_modules is not.
    esbuild.onResolve({ filter: /^[^./]/ }, ({ path }) =>
      path.startsWith('@vip/') ? undefined : { path, external: true },
    );
  },
};

const options = {
  entryPoints: { main: 'apps/api/src/main.ts', 'data-source': 'apps/api/src/database/data-source.ts' },
  outdir: 'dist/apps/api',
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: 'inline',
  minify: false,
  keepNames: true,
  tsconfig: 'apps/api/tsconfig.app.json',
  plugins: [externalPackages, typescriptWithMetadata],
  logLevel: 'info',
};

if (watch) {
  const ctx = await context(options);
  await ctx.watch();
} else {
  await build(options);
}
