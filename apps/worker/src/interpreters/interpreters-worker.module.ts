import { Inject, Injectable, Module, OnApplicationShutdown } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { REDIS } from '@yiqiao/jobs';
import { createInterpreterQueue, INTERPRETER_QUEUE, type InterpreterQueue } from '@yiqiao/interpreters';
import { WORKER_CONFIG, WorkerConfig } from '../config';
import { INTERPRETER_WORKER_SETTINGS, loadInterpreterWorkerSettings } from './interpreter-policy.provider';
import { InterpreterJobsProcessor } from './interpreter-jobs.processor';
import { InterpreterReconcilerService } from './interpreter-reconciler.service';
import { InterpreterStepsService } from './interpreter-steps.service';

@Injectable()
class InterpreterQueueCloser implements OnApplicationShutdown {
  constructor(@Inject(INTERPRETER_QUEUE) private readonly queue: InterpreterQueue) {}
  async onApplicationShutdown(): Promise<void> {
    await this.queue.close();
  }
}

/** Automatic interpreter assignment: candidate search, offers, offer timeouts, reconciliation. */
@Module({
  providers: [
    { provide: INTERPRETER_WORKER_SETTINGS, useFactory: () => loadInterpreterWorkerSettings() },
    {
      provide: INTERPRETER_QUEUE,
      inject: [REDIS, WORKER_CONFIG],
      useFactory: (redis: Redis, config: WorkerConfig) => createInterpreterQueue(redis, config.QUEUE_PREFIX),
    },
    InterpreterQueueCloser,
    InterpreterStepsService,
    InterpreterJobsProcessor,
    InterpreterReconcilerService,
  ],
})
export class InterpretersWorkerModule {}
