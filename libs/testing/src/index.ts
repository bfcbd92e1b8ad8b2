export * from './test-database';
export * from './test-redis';
export * from './app-process';
export * from './free-port';
export * from './fixtures';
export * from './eventually';
export * from './message-context';
export * from './test-clock';
