import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { DataSource, EntityManager } from 'typeorm';
import { DEFAULT_JOB_OPTIONS, type JobPayloads, queueOf } from '@yiqiao/jobs';
import { isPgError, PG_SERIALIZATION_FAILURE } from '@yiqiao/persistence';
import type { AfterCommit } from '@yiqiao/persistence';
import type { InterpreterJob, StepEffects } from './effects';

export const ASSIGN_JOB = 'interpreters:assign' as const;
export const OFFER_TIMEOUT_JOB = 'interpreters:offer-timeout' as const;
export type InterpreterJobName = typeof ASSIGN_JOB | typeof OFFER_TIMEOUT_JOB;
export type InterpreterJobData = JobPayloads[InterpreterJobName];
export type InterpreterQueue = Queue<InterpreterJobData, void, InterpreterJobName>;
export const INTERPRETER_QUEUE_NAME = queueOf(ASSIGN_JOB);
export const INTERPRETER_QUEUE = Symbol('INTERPRETER_QUEUE');

export function createInterpreterQueue(connection: Redis, prefix: string): InterpreterQueue {
  return new Queue<InterpreterJobData, void, InterpreterJobName>(INTERPRETER_QUEUE_NAME, {
    connection,
    prefix,
  });
}

/** Adds the jobs a committed step asked for. jobIds make a repeated add a no-op. */
export async function enqueueInterpreterJobs(queue: InterpreterQueue, jobs: InterpreterJob[]): Promise<void> {
  for (const job of jobs) {
    if (job.name === ASSIGN_JOB) {
      await queue.add(
        ASSIGN_JOB,
        { consultationId: job.consultationId },
        { ...DEFAULT_JOB_OPTIONS, jobId: job.jobId },
      );
    } else {
      // A finished job with this id would swallow the add: make room (the step re-checks the row anyway).
      const state = await queue.getJobState(job.offerId);
      if (state === 'completed' || state === 'failed') await queue.remove(job.offerId).catch(() => 0);
      await queue.add(
        OFFER_TIMEOUT_JOB,
        { offerId: job.offerId },
        {
          ...DEFAULT_JOB_OPTIONS,
          jobId: job.offerId,
          delay: job.delayMs,
        },
      );
    }
  }
}

/** The after-commit work of a step: its jobs first, then its notifications. */
export function afterCommitOf(queue: InterpreterQueue, effects: StepEffects): AfterCommit[] {
  return [() => enqueueInterpreterJobs(queue, effects.jobs), ...effects.afterCommit];
}

const PG_DEADLOCK = '40P01';

/**
 * Runs one step in its own transaction (retried on deadlock or serialization failure, which PostgreSQL
 * resolves by aborting one side), then its after-commit work. Lost after-commit work is repaired by
 * the worker's reconciler.
 */
export async function runStep<T extends { effects: StepEffects }>(
  dataSource: DataSource,
  queue: InterpreterQueue,
  step: (m: EntityManager) => Promise<T>,
  onAfterCommitError: (error: unknown) => void,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      const result = await dataSource.transaction(step);
      for (const work of afterCommitOf(queue, result.effects)) {
        await work().catch(onAfterCommitError);
      }
      return result;
    } catch (error) {
      const retryable = isPgError(error, PG_DEADLOCK) || isPgError(error, PG_SERIALIZATION_FAILURE);
      if (!retryable || attempt >= 5) throw error;
    }
  }
}
