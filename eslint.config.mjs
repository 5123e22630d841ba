import nx from '@nx/eslint-plugin';

/** Files that only tests run: specs, test folders, test factories. */
const TEST_FILES = ['**/*.spec.ts', '**/*.e2e-spec.ts', '**/test/**/*.ts', '**/testing/**/*.ts'];

/**
 * Nx tags say where a project belongs (scope:api|admin|shared|e2e) and what it is
 * (type:app|feature|data-access|ui|util|testing). Production code never depends on
 * type:testing; test code may.
 */
function moduleBoundaries({ testCode }) {
  const testing = testCode ? ['type:testing'] : [];
  return [
    'error',
    {
      enforceBuildableLibDependency: true,
      allow: ['^.*/eslint(\\.base)?\\.config\\.[cm]?[jt]s$'],
      depConstraints: [
        // The API and the console never import each other; both compile
        // against the shared contract.
        { sourceTag: 'scope:api', onlyDependOnLibsWithTags: ['scope:shared'] },
        {
          sourceTag: 'scope:admin',
          onlyDependOnLibsWithTags: ['scope:shared'],
        },
        {
          sourceTag: 'scope:shared',
          onlyDependOnLibsWithTags: ['scope:shared'],
        },
        { sourceTag: 'scope:e2e', onlyDependOnLibsWithTags: ['scope:shared'] },
        {
          sourceTag: 'type:app',
          onlyDependOnLibsWithTags: ['type:feature', 'type:data-access', 'type:ui', 'type:util', ...testing],
        },
        {
          sourceTag: 'type:feature',
          onlyDependOnLibsWithTags: ['type:feature', 'type:data-access', 'type:ui', 'type:util', ...testing],
        },
        {
          sourceTag: 'type:data-access',
          onlyDependOnLibsWithTags: ['type:data-access', 'type:util', ...testing],
        },
        {
          sourceTag: 'type:ui',
          onlyDependOnLibsWithTags: ['type:ui', 'type:util', ...testing],
        },
        {
          sourceTag: 'type:util',
          onlyDependOnLibsWithTags: ['type:util', ...testing],
        },
        {
          sourceTag: 'type:testing',
          onlyDependOnLibsWithTags: ['type:testing', 'type:feature', 'type:data-access', 'type:ui', 'type:util'],
        },
      ],
    },
  ];
}

export default [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  ...nx.configs['flat/javascript'],
  {
    ignores: ['**/dist', '**/out-tsc'],
  },
  {
    files: ['**/*.ts', '**/*.tsx', '**/*.js', '**/*.jsx'],
    rules: {
      '@nx/enforce-module-boundaries': moduleBoundaries({ testCode: false }),
    },
  },
  {
    // Only test code may use the test helpers (type:testing); it shares its project
    // with production code, so the boundary is drawn per file, not per project.
    files: TEST_FILES,
    rules: {
      '@nx/enforce-module-boundaries': moduleBoundaries({ testCode: true }),
    },
  },
  {
    files: ['**/*.ts', '**/*.tsx', '**/*.cts', '**/*.mts', '**/*.js', '**/*.jsx', '**/*.cjs', '**/*.mjs'],
    rules: {},
  },
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
    },
  },
  {
    files: ['**/*.spec.ts', '**/test/**/*.ts', '**/*.e2e-spec.ts'],
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
];
