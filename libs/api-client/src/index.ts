export * from './lib/vip-client';
export type { components, operations, paths } from './lib/schema';
