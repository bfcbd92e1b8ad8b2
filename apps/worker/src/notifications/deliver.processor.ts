import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Job, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import { REDIS } from '@yiqiao/jobs';
import { DELIVER_JOB, DeliverPayload, NOTIFICATION_BACKOFF } from '@yiqiao/notifications';
import { queueOf } from '@yiqiao/jobs';
import { WORKER_CONFIG, WorkerConfig } from '../config';
import { parseJob } from '../jobs/parse-job';
import { JOB_SCHEMAS } from '../jobs/registry-schemas';
import { DELIVERY_CHANNELS, DeliveryChannel } from './channel';
import { DeliveryService } from './delivery.service';

/** A delivery that still has channels to retry; BullMQ retries it with the notification backoff. */
export class DeliveryNotFinished extends Error {}

/** Thin BullMQ processor for `notifications:deliver`: the service does the work. */
@Injectable()
export class DeliverProcessor implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(DeliverProcessor.name);
  private worker?: Worker<DeliverPayload, void, typeof DELIVER_JOB>;

  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(WORKER_CONFIG) private readonly config: WorkerConfig,
    private readonly delivery: DeliveryService,
    @Inject(DELIVERY_CHANNELS) private readonly channels: DeliveryChannel[],
  ) {}

  onApplicationBootstrap(): void {
    const { DELIVERY_BACKOFF_MS, DELIVERY_BACKOFF_MAX_MS, NOTIFICATION_JOB_LOCK_MS } = this.config;
    this.worker = new Worker<DeliverPayload, void, typeof DELIVER_JOB>(
      queueOf(DELIVER_JOB),
      (job) => this.process(job),
      {
        connection: this.redis,
        prefix: this.config.QUEUE_PREFIX,
        concurrency: this.config.NOTIFICATION_CONCURRENCY,
        lockDuration: NOTIFICATION_JOB_LOCK_MS,
        stalledInterval: Math.min(NOTIFICATION_JOB_LOCK_MS, 30_000),
        maxStalledCount: 5,
        settings: {
          backoffStrategy: (attemptsMade: number, type?: string) =>
            type === NOTIFICATION_BACKOFF
              ? Math.min(DELIVERY_BACKOFF_MS * 2 ** Math.max(0, attemptsMade - 1), DELIVERY_BACKOFF_MAX_MS)
              : DELIVERY_BACKOFF_MS,
        },
      },
    );
    this.worker.on('error', (error) => this.logger.error(`notification worker: ${error.message}`));
  }

  async onApplicationShutdown(): Promise<void> {
    // Waits for the jobs in flight, then closes the channels' pooled connections.
    await this.worker?.close();
    for (const channel of this.channels) channel.close?.();
  }

  private async process(job: Job<DeliverPayload, void, typeof DELIVER_JOB>): Promise<void> {
    const { notificationId } = parseJob(JOB_SCHEMAS[DELIVER_JOB], job, this.logger);
    const outcome = await this.delivery.deliver(notificationId);
    if (!outcome.done) throw new DeliveryNotFinished(outcome.reason);
  }
}
