import Redis from 'ioredis';

/** Deletes every key under a bench-owned prefix (never anything else on the shared Redis). */
export async function deleteRedisPrefix(redisUrl: string, prefix: string): Promise<number> {
  if (!/^yqbench-/.test(prefix)) throw new Error(`refusing to delete keys outside a bench prefix: ${prefix}`);
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: 3 });
  let deleted = 0;
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length) deleted += await redis.del(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
  return deleted;
}
