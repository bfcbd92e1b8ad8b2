import { Inject, Injectable, OnApplicationShutdown, Provider } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { REDIS } from '@yiqiao/jobs';
import { createInterpreterQueue, INTERPRETER_QUEUE, type InterpreterQueue } from './interpreter-queue';

@Injectable()
class InterpreterQueueCloser implements OnApplicationShutdown {
  constructor(@Inject(INTERPRETER_QUEUE) private readonly queue: InterpreterQueue) {}
  async onApplicationShutdown(): Promise<void> {
    await this.queue.close();
  }
}

/**
 * The interpreter queue (on the app's shared Redis, under its QUEUE_PREFIX) and its closing on
 * shutdown, for the api and the worker alike. `configToken` names the app's validated config.
 */
export function interpreterQueueProviders(configToken: symbol): Provider[] {
  return [
    {
      provide: INTERPRETER_QUEUE,
      inject: [REDIS, configToken],
      useFactory: (redis: Redis, config: { QUEUE_PREFIX: string }) =>
        createInterpreterQueue(redis, config.QUEUE_PREFIX),
    },
    InterpreterQueueCloser,
  ];
}
