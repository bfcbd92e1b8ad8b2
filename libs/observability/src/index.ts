export * from './logging.module';
export * from './health';
export * from './bootstrap';
