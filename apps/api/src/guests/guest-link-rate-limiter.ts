import { Inject, Injectable } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { REDIS } from '@yiqiao/jobs';
import { API_CONFIG, type ApiConfig } from '../config';
import { TooManyRequestsException } from '../common/too-many-requests.exception';

/** Requests one network address may make to the public guest-link endpoints per window. */
export const GUEST_LINK_REQUESTS_PER_WINDOW = 60;
export const GUEST_LINK_WINDOW_SECONDS = 60;

/**
 * Throttle for the public (no-login) guest-link endpoints, kept in Redis like the login limit so it
 * holds across api processes. Guessing a link is hopeless (HMAC-SHA256); this keeps anyone from
 * hammering the lookup and the join.
 */
@Injectable()
export class GuestLinkRateLimiter {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(API_CONFIG) private readonly config: ApiConfig,
  ) {}

  /** Counts one request; throws a 429 (with Retry-After) once the address used up its window. */
  async hit(ip: string | null): Promise<void> {
    const key = `${this.config.QUEUE_PREFIX}:guest-link:ip:${ip ?? 'unknown'}`;
    const result = await this.redis
      .multi()
      .incr(key)
      .expire(key, GUEST_LINK_WINDOW_SECONDS, 'NX')
      .ttl(key)
      .exec();
    const count = Number(result?.[0]?.[1] ?? 0);
    if (count <= GUEST_LINK_REQUESTS_PER_WINDOW) return;
    const ttl = Number(result?.[2]?.[1] ?? GUEST_LINK_WINDOW_SECONDS);
    const retryAfter = ttl > 0 ? ttl : GUEST_LINK_WINDOW_SECONDS;
    throw new TooManyRequestsException(
      `Too many requests from your network address; wait ${retryAfter} seconds and try again.`,
      retryAfter,
    );
  }
}
