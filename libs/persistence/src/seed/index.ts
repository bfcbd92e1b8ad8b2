export * from './demo-data';
export * from './seed-demo';
export * from './holidays-load';
export * from './holidays-2026';
export * from './availability-demo';
