/** The generators' tests: they write into a virtual copy of the workspace, never to disk. */
module.exports = {
  displayName: 'vip-plugin',
  preset: '../../jest.preset.js',
  testEnvironment: 'node',
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.spec.json' }],
  },
  moduleFileExtensions: ['ts', 'js'],
  testPathIgnorePatterns: ['/files/'],
  coverageDirectory: '../../coverage/tools/vip-plugin',
};
