export * from './csv';
export * from './fake-google';
export * from './free-port';
export * from './identities';
