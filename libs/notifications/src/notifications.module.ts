import { DynamicModule, Inject, Injectable, Module, OnApplicationShutdown } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { REDIS } from '@yiqiao/jobs';
import { createNotificationQueue, NOTIFICATION_QUEUE, NotificationQueue } from './notification-queue';
import { NotificationPlanner } from './notification-planner';
import { NotificationsHook } from './notifications-hook';

@Injectable()
class NotificationQueueCloser implements OnApplicationShutdown {
  constructor(@Inject(NOTIFICATION_QUEUE) private readonly queue: NotificationQueue) {}
  async onApplicationShutdown(): Promise<void> {
    await this.queue.close();
  }
}

/** The notification queue (on the app's shared Redis connection), the planner and the consultation hook. */
@Module({})
export class NotificationsModule {
  static forRoot(queuePrefix: string): DynamicModule {
    return {
      module: NotificationsModule,
      global: true,
      providers: [
        {
          provide: NOTIFICATION_QUEUE,
          inject: [REDIS],
          useFactory: (redis: Redis) => createNotificationQueue(redis, queuePrefix),
        },
        NotificationQueueCloser,
        NotificationPlanner,
        NotificationsHook,
      ],
      exports: [NOTIFICATION_QUEUE, NotificationPlanner, NotificationsHook],
    };
  }
}
