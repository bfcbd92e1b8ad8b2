import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

export type ConsultationChangeKind =
  | 'booked'
  | 'rescheduled'
  | 'cancelled'
  | 'interpreter_assigned'
  | 'interpreter_removed'
  /** the specialist admitted the patient inside the join window: the call is in progress */
  | 'started'
  | 'completed'
  /** the join window closed without a patient admitted; bookings are released */
  | 'no_show'
  | 'summary_available';

export interface ConsultationChange {
  kind: ConsultationChangeKind;
  consultationId: string;
  actorId: string | null;
  /** For reschedules: where the consultation was before. */
  previous?: { startsAt: Date; endsAt: Date };
  reason?: string;
}

/** Work to do once the transaction has committed (e.g. enqueue jobs for the rows just written). */
export type AfterCommit = () => Promise<void>;

/**
 * Something that must happen whenever a consultation changes, in the same transaction as the change:
 * plan or move reminders, start or cancel interpreter assignment, ...
 */
export interface ConsultationHook {
  readonly name: string;
  onChange(manager: EntityManager, change: ConsultationChange): Promise<AfterCommit | void>;
}

/**
 * Hooks register themselves here (in their module's onModuleInit); the scheduling service runs them all
 * inside its transaction and runs the after-commit work once the transaction is durable.
 */
@Injectable()
export class ConsultationHooks {
  private readonly hooks: ConsultationHook[] = [];

  register(hook: ConsultationHook): void {
    if (!this.hooks.some((h) => h.name === hook.name)) this.hooks.push(hook);
  }

  async runInTransaction(manager: EntityManager, change: ConsultationChange): Promise<AfterCommit[]> {
    const afterCommit: AfterCommit[] = [];
    for (const hook of this.hooks) {
      const work = await hook.onChange(manager, change);
      if (work) afterCommit.push(work);
    }
    return afterCommit;
  }

  /** After-commit work is best effort: a lost enqueue is repaired by the worker's reconciler. */
  async runAfterCommit(work: AfterCommit[], onError: (error: unknown) => void): Promise<void> {
    for (const item of work) {
      try {
        await item();
      } catch (error) {
        onError(error);
      }
    }
  }
}
