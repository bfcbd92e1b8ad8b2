export * from './entities';
export * from './migrations';
export * from './data-source-options';
export * from './database-admin';
export * from './persistence.module';
export * from './pg-errors';
export * from './seed';
