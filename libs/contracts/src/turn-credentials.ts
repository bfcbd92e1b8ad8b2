import { createHmac } from 'node:crypto';
import type { IceServer } from './sfu';

/**
 * coturn's shared-secret ("TURN REST API") scheme: username = "<expiry unix seconds>:<user id>",
 * credential = base64(HMAC-SHA1(secret, username)). coturn checks both with `use-auth-secret`.
 */
export function turnIceServers(
  secret: string | undefined,
  urls: string[],
  userId: string,
  ttlSeconds: number,
  now: Date = new Date(),
): IceServer[] {
  if (!secret || urls.length === 0) return [];
  const username = `${Math.floor(now.getTime() / 1000) + ttlSeconds}:${userId}`;
  const credential = createHmac('sha1', secret).update(username).digest('base64');
  return [{ urls, username, credential }];
}
