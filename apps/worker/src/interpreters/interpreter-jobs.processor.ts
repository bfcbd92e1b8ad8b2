import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { DelayedError, Job, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import { REDIS } from '@yiqiao/jobs';
import {
  ASSIGN_JOB,
  INTERPRETER_QUEUE_NAME,
  type InterpreterJobData,
  type InterpreterJobName,
} from '@yiqiao/interpreters';
import { WORKER_CONFIG, WorkerConfig } from '../config';
import { INTERPRETER_WORKER_SETTINGS, type InterpreterWorkerSettings } from './interpreter-policy.provider';
import { InterpreterStepsService } from './interpreter-steps.service';

/**
 * Thin BullMQ processor for the `interpreters` queue. The worker's name carries the process id, so an
 * operator (or a test) can see which process holds a job.
 */
@Injectable()
export class InterpreterJobsProcessor implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(InterpreterJobsProcessor.name);
  private worker?: Worker<InterpreterJobData, void, InterpreterJobName>;

  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(WORKER_CONFIG) private readonly config: WorkerConfig,
    @Inject(INTERPRETER_WORKER_SETTINGS) private readonly settings: InterpreterWorkerSettings,
    private readonly steps: InterpreterStepsService,
  ) {}

  onApplicationBootstrap(): void {
    this.worker = new Worker<InterpreterJobData, void, InterpreterJobName>(
      INTERPRETER_QUEUE_NAME,
      (job, token) => this.process(job, token),
      {
        connection: this.redis,
        prefix: this.config.QUEUE_PREFIX,
        concurrency: this.settings.concurrency,
        name: `worker-${process.pid}`,
      },
    );
    this.worker.on('error', (error) => this.logger.error(`interpreter worker: ${error.message}`));
  }

  async onApplicationShutdown(): Promise<void> {
    await this.worker?.close();
  }

  private async process(
    job: Job<InterpreterJobData, void, InterpreterJobName>,
    token?: string,
  ): Promise<void> {
    if (job.name === ASSIGN_JOB && 'consultationId' in job.data) {
      await this.steps.assign(job.data.consultationId);
      return;
    }
    if ('offerId' in job.data) {
      const waitMs = await this.steps.timeout(job.data.offerId);
      if (waitMs !== undefined) {
        // BullMQ wants a host-clock timestamp; the wait itself was measured on the business clock.
        await job.moveToDelayed(Date.now() + waitMs, token);
        throw new DelayedError();
      }
      return;
    }
    throw new Error(`Unknown interpreter job ${job.name}`);
  }
}
