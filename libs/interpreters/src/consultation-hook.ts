import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  ConsultationHooks,
  type AfterCommit,
  type ConsultationChange,
  type ConsultationChangeKind,
  type ConsultationHook,
} from '@yiqiao/persistence';
import { cancelAssignment, startAssignment } from './assignment-engine';
import { closeSearchAtCall } from './call-lifecycle';
import type { Actor, StepEffects } from './effects';
import { afterCommitOf, INTERPRETER_QUEUE, type InterpreterQueue } from './interpreter-queue';

/** Why open offers are withdrawn when the consultation's call begins, ends or never happens. */
export const LIFECYCLE_CAUSES = {
  started: 'the consultation has started',
  completed: 'the consultation has ended',
  no_show: 'the consultation was a no-show (the join window closed without the patient admitted)',
  cancelled: 'the consultation was cancelled',
} as const satisfies Partial<Record<ConsultationChangeKind, string>>;

/** The interpreter side of one consultation change, in the caller's transaction. */
export async function interpreterStepFor(
  m: EntityManager,
  change: ConsultationChange,
): Promise<StepEffects | undefined> {
  const actor: Actor | null = change.actorId ? { id: change.actorId, role: null } : null;
  const id = change.consultationId;
  switch (change.kind) {
    case 'booked':
    case 'rescheduled':
      return startAssignment(m, id, actor, `consultation ${change.kind}`);
    case 'cancelled':
    case 'no_show':
      return cancelAssignment(m, id, actor, LIFECYCLE_CAUSES[change.kind]);
    case 'started':
    case 'completed':
      return closeSearchAtCall(m, id, actor, LIFECYCLE_CAUSES[change.kind]);
    default:
      return undefined;
  }
}

/**
 * Starts the interpreter search when a consultation that needs one is booked or rescheduled (a new
 * round: the new time needs new answers); stops it when the consultation is cancelled or a no-show;
 * closes it when the call starts or ends. Runs in the transaction of the change (the api's scheduling
 * service, the worker's room-event recorder and window-closing job); jobs are enqueued after commit.
 */
@Injectable()
export class InterpreterConsultationHook implements ConsultationHook, OnModuleInit {
  readonly name = 'interpreters';

  constructor(
    private readonly hooks: ConsultationHooks,
    @Inject(INTERPRETER_QUEUE) private readonly queue: InterpreterQueue,
  ) {}

  onModuleInit(): void {
    this.hooks.register(this);
  }

  async onChange(manager: EntityManager, change: ConsultationChange): Promise<AfterCommit | void> {
    const effects = await interpreterStepFor(manager, change);
    if (!effects) return;
    const work = afterCommitOf(this.queue, effects);
    return async () => {
      for (const item of work) await item();
    };
  }
}
