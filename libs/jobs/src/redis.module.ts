import { DynamicModule, Inject, Injectable, Module, OnApplicationShutdown } from '@nestjs/common';
import { Redis } from 'ioredis';

export const REDIS = Symbol('REDIS');

/** Closes the shared connection when the app shuts down. */
@Injectable()
class RedisCloser implements OnApplicationShutdown {
  constructor(@Inject(REDIS) private readonly redis: Redis) {}
  async onApplicationShutdown(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}

export function createRedis(redisUrl: string): Redis {
  // BullMQ workers need maxRetriesPerRequest: null; the same setting keeps commands queued
  // (instead of failing) while Redis restarts.
  return new Redis(redisUrl, { maxRetriesPerRequest: null, enableReadyCheck: true });
}

@Module({})
export class RedisModule {
  static forRoot(redisUrl: string): DynamicModule {
    return {
      module: RedisModule,
      global: true,
      providers: [{ provide: REDIS, useFactory: () => createRedis(redisUrl) }, RedisCloser],
      exports: [REDIS],
    };
  }
}
