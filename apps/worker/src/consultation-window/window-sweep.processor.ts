import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Queue, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import { queueOf, REDIS, type JobPayloads } from '@yiqiao/jobs';
import { WORKER_CONFIG, WorkerConfig } from '../config';
import { parseJob } from '../jobs/parse-job';
import { JOB_SCHEMAS } from '../jobs/registry-schemas';
import { WindowCloser } from './window-closer';

const JOB = 'consultations:close-windows' as const;
type Payload = JobPayloads[typeof JOB];
const QUEUE = queueOf(JOB);
const SCHEDULER_ID = 'close-consultation-windows';

/**
 * The timer that ends consultations whose window closed: a BullMQ job scheduler (one job per
 * interval however many workers run) whose job asks PostgreSQL what is due, so nothing is lost when
 * Redis or a worker restarts. Thin: the work is WindowCloser's.
 */
@Injectable()
export class WindowSweepProcessor implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(WindowSweepProcessor.name);
  private queue?: Queue<Payload>;
  private worker?: Worker<Payload>;

  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(WORKER_CONFIG) private readonly config: WorkerConfig,
    private readonly closer: WindowCloser,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const options = { connection: this.redis, prefix: this.config.QUEUE_PREFIX };
    this.queue = new Queue<Payload>(QUEUE, options);
    await this.queue.upsertJobScheduler(
      SCHEDULER_ID,
      { every: this.config.CONSULTATION_WINDOW_SWEEP_SECONDS * 1000 },
      { name: JOB, data: {}, opts: { removeOnComplete: 100, removeOnFail: 100 } },
    );
    this.worker = new Worker<Payload>(
      QUEUE,
      async (job) => {
        parseJob(JOB_SCHEMAS[JOB], job, this.logger);
        const closed = await this.closer.closeDue();
        if (closed.length) this.logger.log(`closed the window of ${closed.length} consultation(s)`);
      },
      { ...options, name: `worker-${process.pid}` },
    );
    this.worker.on('error', (error) => this.logger.error(`window sweep: ${error.message}`));
  }

  async onApplicationShutdown(): Promise<void> {
    await this.worker?.close();
    await this.queue?.close();
  }
}
