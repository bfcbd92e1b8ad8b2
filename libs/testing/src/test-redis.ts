import { randomBytes } from 'node:crypto';

export const TEST_REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

/** A queue/key prefix no other test (or a running `npm start`) shares. */
export function testQueuePrefix(label = 't'): string {
  return `yqtest-${label}-${randomBytes(4).toString('hex')}`;
}
