export * from './sfu';
