export * from './redis.module';
export * from './registry';
