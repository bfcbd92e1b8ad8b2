import { ConflictException, GoneException, Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { Clock } from '@yiqiao/domain';
import { NotificationPlanner } from '@yiqiao/notifications';
import {
  acceptOffer,
  assignDirectly,
  declineOffer,
  INTERPRETER_QUEUE,
  removeInterpreter,
  runStep,
  startAssignment,
  type AnswerOutcome,
  type AssignmentDeps,
  type InterpreterQueue,
  type OfferPolicy,
  type StepEffects,
} from '@yiqiao/interpreters';
import { ConsultationHooks, type ConsultationChangeKind } from '@yiqiao/persistence';
import type { AuthUser } from '../auth';
import { INTERPRETER_POLICY } from './interpreter-policy';

/**
 * The api's side of assignment: interpreters answering offers or cancelling, coordinators overriding.
 * Each call is one transaction that also runs the consultation hooks (reminders for the interpreter);
 * refusals that changed state (an offer withdrawn because the interpreter is busy) commit first.
 */
@Injectable()
export class InterpreterActionsService {
  private readonly logger = new Logger(InterpreterActionsService.name);
  private readonly deps: AssignmentDeps;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(INTERPRETER_QUEUE) private readonly queue: InterpreterQueue,
    @Inject(INTERPRETER_POLICY) policy: OfferPolicy,
    planner: NotificationPlanner,
    private readonly hooks: ConsultationHooks,
    private readonly clock: Clock,
  ) {
    this.deps = { policy, notifier: planner };
  }

  async accept(user: AuthUser, offerId: string): Promise<{ consultationId: string }> {
    const outcome = await this.step(async (m) => {
      const answer = await acceptOffer(m, this.deps, offerId, user, this.clock.now());
      if (answer.kind === 'done')
        await this.runHooks(m, answer.effects, 'interpreter_assigned', answer.consultationId, user.id);
      return answer;
    });
    return this.settle(outcome);
  }

  async decline(user: AuthUser, offerId: string, reason: string | null): Promise<{ consultationId: string }> {
    return this.settle(await this.step((m) => declineOffer(m, offerId, user, reason, this.clock.now())));
  }

  /** The interpreter gives back an accepted consultation; the search restarts without them. */
  async cancelMine(user: AuthUser, consultationId: string): Promise<void> {
    await this.step(async (m) => {
      const effects = await removeInterpreter(m, this.deps, consultationId, user, this.clock.now());
      await this.runHooks(m, effects, 'interpreter_removed', consultationId, user.id);
      return { effects };
    });
  }

  async override(user: AuthUser, consultationId: string, interpreterId: string): Promise<void> {
    await this.step(async (m) => {
      const effects = await assignDirectly(
        m,
        this.deps,
        consultationId,
        interpreterId,
        user,
        this.clock.now(),
      );
      await this.runHooks(m, effects, 'interpreter_assigned', consultationId, user.id);
      return { effects };
    });
  }

  async remove(user: AuthUser, consultationId: string): Promise<void> {
    await this.step(async (m) => {
      const effects = await removeInterpreter(m, this.deps, consultationId, user, this.clock.now());
      await this.runHooks(m, effects, 'interpreter_removed', consultationId, user.id);
      return { effects };
    });
  }

  /** A coordinator asks for a fresh automatic search (e.g. after adding interpreters to an escalation). */
  async restart(user: AuthUser, consultationId: string): Promise<void> {
    await this.step(async (m) => {
      const effects = await startAssignment(m, consultationId, user, 'a coordinator restarted the search');
      if (effects.jobs.length === 0) {
        throw new ConflictException(
          'This consultation needs no interpreter search: it is not scheduled, needs no interpreter or has one',
        );
      }
      return { effects };
    });
  }

  private async runHooks(
    m: EntityManager,
    effects: StepEffects,
    kind: ConsultationChangeKind,
    consultationId: string,
    actorId: string,
  ) {
    effects.afterCommit.push(...(await this.hooks.runInTransaction(m, { kind, consultationId, actorId })));
  }

  private step<T extends { effects: StepEffects }>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    return runStep(this.db, this.queue, work, (error) =>
      this.logger.warn(
        `after-commit work failed (the worker's reconciler repairs it): ${(error as Error).message}`,
      ),
    );
  }

  private settle(outcome: AnswerOutcome): { consultationId: string } {
    if (outcome.kind === 'done') return { consultationId: outcome.consultationId };
    if (outcome.status === 410) throw new GoneException(outcome.message);
    throw new ConflictException(outcome.message);
  }
}
