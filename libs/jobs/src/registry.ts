import type { JobsOptions } from 'bullmq';

/**
 * The one place that names queues, their jobs and each job's payload. Producers and processors
 * import from here, so a renamed job or a changed payload is a compile error, not a lost message.
 * Payloads carry row ids only: PostgreSQL holds the truth, and the row id doubles as the BullMQ jobId.
 */
export interface JobPayloads {
  /** Deliver one notification row (all of its channels). */
  'notifications:deliver': { notificationId: string };
  /** Run one idempotent step of a consultation's interpreter search (offer, wait or escalate). */
  'interpreters:assign': { consultationId: string };
  /** An interpreter offer's deadline (jobId = offer id): expire it if unanswered and move on. */
  'interpreters:offer-timeout': { offerId: string };
  /** Repeated by a job scheduler: end the consultations whose join window has closed (PostgreSQL says which). */
  'consultations:close-windows': Record<string, never>;
}

export type JobName = keyof JobPayloads;
export type QueueName = JobName extends `${infer Q}:${string}` ? Q : never;

export function queueOf<N extends JobName>(job: N): QueueName {
  return job.split(':')[0] as QueueName;
}

/** Retries with exponential backoff; completed and failed jobs are kept only for a bounded time. */
export const DEFAULT_JOB_OPTIONS: JobsOptions = {
  attempts: 8,
  backoff: { type: 'exponential', delay: 2_000 },
  removeOnComplete: { age: 24 * 3600, count: 10_000 },
  removeOnFail: { age: 7 * 24 * 3600, count: 10_000 },
};
