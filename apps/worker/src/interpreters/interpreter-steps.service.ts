import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
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
  ) {
    this.deps = { policy: settings.policy, notifier: planner };
  }

  async assign(consultationId: string): Promise<void> {
    await runStep(
      this.db,
      this.queue,
      async (m) => ({
        effects: await advanceAssignment(m, consultationId, this.deps, new Date()),
      }),
      this.afterCommitFailed,
    );
  }

  /** Returns when the offer is really due if the job ran early (clock skew between hosts). */
  async timeout(offerId: string): Promise<Date | undefined> {
    const result = await runStep(
      this.db,
      this.queue,
      (m) => expireOffer(m, this.deps, offerId, new Date()),
      this.afterCommitFailed,
    );
    return result.notYetDue;
  }

  async reconcile(): Promise<number> {
    const result = await runStep(
      this.db,
      this.queue,
      async (m) => ({
        effects: await reconcileAssignments(m, new Date()),
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
      async (m) => ({ effects: await sweepOrphanedSearches(m, new Date(), graceSeconds) }),
      this.afterCommitFailed,
    );
    return result.effects.jobs.length;
  }

  private readonly afterCommitFailed = (error: unknown): void => {
    this.logger.warn(`after-commit work failed (the reconciler repairs it): ${(error as Error).message}`);
  };
}
