import { Inject, Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { UnrecoverableError, Worker } from 'bullmq';
import { ROOM_EVENTS_QUEUE } from '@yiqiao/contracts';
import type { RoomQueueJob } from '@yiqiao/contracts';
import { isPgError, PG_FOREIGN_KEY_VIOLATION } from '@yiqiao/persistence';
import { WORKER_CONFIG, WorkerConfig } from '../config';
import { parseJob } from '../jobs/parse-job';
import { ROOM_QUEUE_JOB_SCHEMA } from '../jobs/room-event-schema';
import { RoomEventRecorder } from './room-event-recorder';

/** Thin BullMQ processor for the SFU's `room-events` queue; the recorder does the work. */
@Injectable()
export class RoomEventsProcessor implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(RoomEventsProcessor.name);
  private worker: Worker<RoomQueueJob> | null = null;

  constructor(
    @Inject(WORKER_CONFIG) private readonly config: WorkerConfig,
    private readonly recorder: RoomEventRecorder,
  ) {}

  onModuleInit(): void {
    this.worker = new Worker<RoomQueueJob>(
      ROOM_EVENTS_QUEUE,
      (job) => this.process(parseJob(ROOM_QUEUE_JOB_SCHEMA, job, this.logger)),
      {
        connection: { url: this.config.REDIS_URL, maxRetriesPerRequest: null },
        prefix: this.config.QUEUE_PREFIX,
        concurrency: 1,
      },
    );
    this.worker.on('failed', (job, error) =>
      this.logger.warn(`room event ${job?.id ?? '?'} failed: ${error.message}`),
    );
  }

  async onApplicationShutdown(): Promise<void> {
    await this.worker?.close();
  }

  async process(job: RoomQueueJob): Promise<void> {
    try {
      if (job.type === 'chat-message') await this.recorder.recordChat(job);
      else await this.recorder.recordEvent(job);
    } catch (error) {
      if (isPgError(error, PG_FOREIGN_KEY_VIOLATION))
        throw new UnrecoverableError(`consultation ${job.consultationId} does not exist`);
      throw error;
    }
  }
}
