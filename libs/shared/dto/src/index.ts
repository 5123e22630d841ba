export * from './lib/shared-dto';
