import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { Clock } from '@yiqiao/domain';
import { NotificationPlanner } from '@yiqiao/notifications';
import {
  advanceAssignment,
  expireOffer,
  INTERPRETER_QUEUE,
  reconcileAssignments,
  sweepOrphanedSearches,
  runStep,
  type AssignmentDeps,
  type InterpreterQueue,
} from '@yiqiao/interpreters';
import { INTERPRETER_WORKER_SETTINGS, type InterpreterWorkerSettings } from './interpreter-policy.provider';

/** The worker's side of the fallback chain: each method is one idempotent, transactional step. */
@Injectable()
export class InterpreterStepsService {
  private readonly logger = new Logger(InterpreterStepsService.name);
  private readonly deps: AssignmentDeps;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(INTERPRETER_QUEUE) private readonly queue: InterpreterQueue,
    @Inject(INTERPRETER_WORKER_SETTINGS) settings: InterpreterWorkerSettings,
    planner: NotificationPlanner,
    private readonly clock: Clock,
  ) {
    this.deps = { policy: settings.policy, notifier: planner };
  }

  async assign(consultationId: string): Promise<void> {
    await runStep(
      this.db,
      this.queue,
      async (m) => ({
        effects: await advanceAssignment(m, consultationId, this.deps, this.clock.now()),
      }),
      this.afterCommitFailed,
    );
  }

  /**
   * Returns how many milliseconds are left if the job ran before the offer is due (clock skew between
   * hosts), measured on the business clock so the job can be delayed by exactly that much.
   */
  async timeout(offerId: string): Promise<number | undefined> {
    const now = this.clock.now();
    const result = await runStep(
      this.db,
      this.queue,
      (m) => expireOffer(m, this.deps, offerId, now),
      this.afterCommitFailed,
    );
    return result.notYetDue && result.notYetDue.getTime() - now.getTime();
  }

  async reconcile(): Promise<number> {
    const result = await runStep(
      this.db,
      this.queue,
      async (m) => ({
        effects: await reconcileAssignments(m, this.clock.now()),
      }),
      this.afterCommitFailed,
    );
    return result.effects.jobs.length;
  }

  /** Searches with every offer closed and nothing happening: returns how many were moved on. */
  async sweepOrphans(graceSeconds: number): Promise<number> {
    const result = await runStep(
      this.db,
      this.queue,
      async (m) => ({ effects: await sweepOrphanedSearches(m, this.clock.now(), graceSeconds) }),
      this.afterCommitFailed,
    );
    return result.effects.jobs.length;
  }

  private readonly afterCommitFailed = (error: unknown): void => {
    this.logger.warn(`after-commit work failed (the reconciler repairs it): ${(error as Error).message}`);
  };
}
