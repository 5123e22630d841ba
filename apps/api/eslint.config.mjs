import baseConfig from '../../eslint.config.mjs';

export default [
  ...baseConfig,
  {
    files: ['**/*.ts'],
    languageOptions: {
      // Nest injects by the constructor parameter types that decorator metadata
      // records: such imports are values, and consistent-type-imports must know it.
      parserOptions: { emitDecoratorMetadata: true, experimentalDecorators: true },
    },
  },
];
