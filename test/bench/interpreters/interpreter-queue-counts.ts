import Redis from 'ioredis';
import { createInterpreterQueue } from '@yiqiao/interpreters';
import { BENCH_REDIS_URL } from '../support/bench-env';

/** Jobs of the interpreter queue by state: tells a backlog (waiting steps) from a stuck search. */
export async function interpreterJobCounts(prefix: string): Promise<Record<string, number>> {
  const redis = new Redis(BENCH_REDIS_URL, { maxRetriesPerRequest: null });
  const queue = createInterpreterQueue(redis, prefix);
  try {
    return await queue.getJobCounts('waiting', 'active', 'delayed', 'failed', 'prioritized');
  } finally {
    await queue.close();
    redis.disconnect();
  }
}
