import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  afterCommitOf,
  cancelAssignment,
  INTERPRETER_QUEUE,
  startAssignment,
  type InterpreterQueue,
} from '@yiqiao/interpreters';
import {
  ConsultationHooks,
  type AfterCommit,
  type ConsultationChange,
  type ConsultationHook,
} from '@yiqiao/persistence';

/**
 * Starts the interpreter search when a consultation that needs one is booked or rescheduled (a new
 * round: the new time needs new answers), and stops it when the consultation is cancelled. Runs in
 * the scheduling transaction; the job is enqueued after commit.
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
    const actor = change.actorId ? { id: change.actorId, role: null } : null;
    let effects;
    if (change.kind === 'booked' || change.kind === 'rescheduled') {
      effects = await startAssignment(manager, change.consultationId, actor, `consultation ${change.kind}`);
    } else if (change.kind === 'cancelled') {
      effects = await cancelAssignment(
        manager,
        change.consultationId,
        actor,
        'the consultation was cancelled',
      );
    } else {
      return;
    }
    const work = afterCommitOf(this.queue, effects);
    return async () => {
      for (const item of work) await item();
    };
  }
}
