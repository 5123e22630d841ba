import { registerTsConfigPaths } from '@nx/js/internal';
import { join } from 'node:path';

// Jest resolves the global set-up's imports with plain Node, which knows no tsconfig
// paths: this makes `@vip/*` resolve there as it does in the tests. Import it first.
registerTsConfigPaths(join(__dirname, '../../../../tsconfig.base.json'));
