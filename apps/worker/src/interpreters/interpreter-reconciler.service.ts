import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { INTERPRETER_WORKER_SETTINGS, type InterpreterWorkerSettings } from './interpreter-policy.provider';
import { InterpreterStepsService } from './interpreter-steps.service';

/**
 * On start and then periodically, re-enqueues assignment steps that a killed worker or a lost job left
 * behind (searches without an open offer, overdue offers). Every step is idempotent, so several workers
 * doing this at once only cost a few no-op jobs. Between full passes, a quick sweep moves on searches
 * whose offers are all closed (the state a lost follow-up step leaves), so they wait seconds, not a minute.
 */
@Injectable()
export class InterpreterReconcilerService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(InterpreterReconcilerService.name);
  private readonly timers: NodeJS.Timeout[] = [];
  private running?: Promise<unknown>;

  constructor(
    private readonly steps: InterpreterStepsService,
    @Inject(INTERPRETER_WORKER_SETTINGS) private readonly settings: InterpreterWorkerSettings,
  ) {}

  onApplicationBootstrap(): void {
    const full = () => this.run('reconcile', () => this.steps.reconcile());
    const sweep = () =>
      this.run('orphan sweep', () => this.steps.sweepOrphans(this.settings.orphanSweepSeconds));
    full();
    this.timers.push(setInterval(full, this.settings.reconcileSeconds * 1000));
    this.timers.push(setInterval(sweep, this.settings.orphanSweepSeconds * 1000));
  }

  /** One pass at a time per process; a tick that finds one running is skipped. */
  private run(what: string, pass: () => Promise<number>): void {
    this.running ??= pass()
      .then((count) => count > 0 && this.logger.log(`interpreter ${what}: ${count} job(s) re-enqueued`))
      .catch((error: unknown) => this.logger.error(`interpreter ${what} failed: ${(error as Error).message}`))
      .finally(() => (this.running = undefined));
  }

  async onApplicationShutdown(): Promise<void> {
    for (const timer of this.timers) clearInterval(timer);
    await this.running;
  }
}
