/** API end-to-end tests: the real app against a real PostgreSQL and a fake Google. */
module.exports = {
  displayName: 'api-e2e',
  preset: '../../jest.preset.js',
  testEnvironment: 'node',
  rootDir: '.',
  testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'],
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  setupFilesAfterEnv: ['<rootDir>/test/support/retry-in-ci.ts'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.spec.json' }],
    // A few dependencies ship only ES modules; jest's CommonJS runtime needs them converted.
    '^.+\\.m?js$': ['babel-jest', { plugins: ['@babel/plugin-transform-modules-commonjs'] }],
  },
  // content-disposition is ESM-only.
  transformIgnorePatterns: ['/node_modules/(?!(.*/node_modules/)?(content-disposition)/)'],
  moduleFileExtensions: ['ts', 'js', 'mjs'],
  testTimeout: 60_000,
  coverageDirectory: '../../coverage/apps/api-e2e',
};
