import { Inject, Injectable } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { REDIS } from '@yiqiao/jobs';
import { API_CONFIG, type ApiConfig } from '../config';
import { TooManyRequestsException } from '../common/too-many-requests.exception';

/** Attempts one e-mail may make from one address per window; a success clears the count. */
export const LOGIN_ATTEMPTS_PER_ACCOUNT = 5;
/** Failed logins one address may make (across e-mails) per window, against credential stuffing. */
export const LOGIN_FAILURES_PER_IP = 50;
export const LOGIN_WINDOW_SECONDS = 15 * 60;

/**
 * Login rate limit kept in Redis, so it holds across api processes. The per-account counter is
 * incremented BEFORE the password is checked, so parallel guesses cannot slip past the limit.
 */
@Injectable()
export class LoginRateLimiter {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(API_CONFIG) private readonly config: ApiConfig,
  ) {}

  private accountKey(email: string, ip: string): string {
    return `${this.config.QUEUE_PREFIX}:login:account:${email}:${ip}`;
  }

  private ipKey(ip: string): string {
    return `${this.config.QUEUE_PREFIX}:login:ip:${ip}`;
  }

  /** Counts this attempt; throws a 429 (with Retry-After) when a limit is exhausted. */
  async beginAttempt(email: string, ip: string): Promise<void> {
    const ipKey = this.ipKey(ip);
    const ipFailures = Number((await this.redis.get(ipKey)) ?? 0);
    if (ipFailures >= LOGIN_FAILURES_PER_IP) await this.reject(ipKey, 'from your network address');

    const accountKey = this.accountKey(email, ip);
    const result = await this.redis
      .multi()
      .incr(accountKey)
      .expire(accountKey, LOGIN_WINDOW_SECONDS, 'NX')
      .exec();
    const attempts = Number(result?.[0]?.[1] ?? 0);
    if (attempts > LOGIN_ATTEMPTS_PER_ACCOUNT) await this.reject(accountKey, 'for this account');
  }

  async recordFailure(ip: string): Promise<void> {
    const key = this.ipKey(ip);
    await this.redis.multi().incr(key).expire(key, LOGIN_WINDOW_SECONDS, 'NX').exec();
  }

  async recordSuccess(email: string, ip: string): Promise<void> {
    await this.redis.del(this.accountKey(email, ip));
  }

  private async reject(key: string, scope: string): Promise<never> {
    const ttl = await this.redis.ttl(key);
    const retryAfter = ttl > 0 ? ttl : LOGIN_WINDOW_SECONDS;
    throw new TooManyRequestsException(
      `Too many login attempts ${scope}; wait ${Math.ceil(retryAfter / 60)} minute(s) and try again, or reset your password`,
      retryAfter,
    );
  }
}
