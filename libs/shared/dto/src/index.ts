export * from './lib/role';
export * from './lib/user';
export * from './lib/page';
export * from './lib/auth';
export * from './lib/errors';
export * from './lib/audit';
export * from './lib/user-stats';
export * from './lib/access';
