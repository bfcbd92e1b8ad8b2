import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { DelayedError, Job, UnrecoverableError, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import { REDIS } from '@yiqiao/jobs';
import {
  ASSIGN_JOB,
  INTERPRETER_QUEUE_NAME,
  OFFER_TIMEOUT_JOB,
  type InterpreterJobData,
  type InterpreterJobName,
} from '@yiqiao/interpreters';
import { WORKER_CONFIG, WorkerConfig } from '../config';
import { parseJob } from '../jobs/parse-job';
import { JOB_SCHEMAS } from '../jobs/registry-schemas';
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
    if (job.name === ASSIGN_JOB) {
      const { consultationId } = parseJob(JOB_SCHEMAS[ASSIGN_JOB], job, this.logger);
      await this.steps.assign(consultationId);
      return;
    }
    if (job.name === OFFER_TIMEOUT_JOB) {
      const { offerId } = parseJob(JOB_SCHEMAS[OFFER_TIMEOUT_JOB], job, this.logger);
      const waitMs = await this.steps.timeout(offerId);
      if (waitMs !== undefined) {
        // BullMQ wants a host-clock timestamp; the wait itself was measured on the business clock.
        await job.moveToDelayed(Date.now() + waitMs, token);
        throw new DelayedError();
      }
      return;
    }
    const reason = `Unknown interpreter job ${JSON.stringify(String(job.name).slice(0, 60))} ${job.id ?? '?'}: expected ${ASSIGN_JOB} or ${OFFER_TIMEOUT_JOB}`;
    this.logger.warn(reason);
    throw new UnrecoverableError(reason);
  }
}
