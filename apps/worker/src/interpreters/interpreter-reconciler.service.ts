import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { INTERPRETER_WORKER_SETTINGS, type InterpreterWorkerSettings } from './interpreter-policy.provider';
import { InterpreterStepsService } from './interpreter-steps.service';

/**
 * On start and then periodically, re-enqueues assignment steps that a killed worker or a lost job left
 * behind (searches without an open offer, overdue offers). Every step is idempotent, so several workers
 * doing this at once only cost a few no-op jobs.
 */
@Injectable()
export class InterpreterReconcilerService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(InterpreterReconcilerService.name);
  private timer?: NodeJS.Timeout;
  private running?: Promise<unknown>;

  constructor(
    private readonly steps: InterpreterStepsService,
    @Inject(INTERPRETER_WORKER_SETTINGS) private readonly settings: InterpreterWorkerSettings,
  ) {}

  onApplicationBootstrap(): void {
    const tick = () => {
      this.running ??= this.steps
        .reconcile()
        .then((count) => count > 0 && this.logger.log(`interpreter reconcile: ${count} job(s) re-enqueued`))
        .catch((error: unknown) =>
          this.logger.error(`interpreter reconcile failed: ${(error as Error).message}`),
        )
        .finally(() => (this.running = undefined));
    };
    tick();
    this.timer = setInterval(tick, this.settings.reconcileSeconds * 1000);
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }
}
