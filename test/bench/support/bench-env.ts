import { randomBytes } from 'node:crypto';

export const BENCH_REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
export const BENCH_DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/yiqiao';

/** A Redis key / queue prefix owned by one bench run (deleted at its end). */
export function benchPrefix(label: string): string {
  return `yqbench-${label}-${randomBytes(4).toString('hex')}`;
}

/** The URL of a bench-owned database beside the configured one. */
export function benchDatabaseUrl(label: string): string {
  const url = new URL(BENCH_DATABASE_URL);
  url.pathname = `/yqbench_${label}_${randomBytes(4).toString('hex')}`;
  return url.toString();
}
