import { JobsOptions, Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { DEFAULT_JOB_OPTIONS, JobPayloads, queueOf } from '@yiqiao/jobs';

export const DELIVER_JOB = 'notifications:deliver' as const;
export type DeliverPayload = JobPayloads[typeof DELIVER_JOB];
export type NotificationQueue = Queue<DeliverPayload, void, typeof DELIVER_JOB>;
export const NOTIFICATION_QUEUE = Symbol('NOTIFICATION_QUEUE');

/** Name of the worker-side backoff strategy (its base delay is worker configuration). */
export const NOTIFICATION_BACKOFF = 'notification';

/**
 * PostgreSQL counts delivery attempts and decides when to give up (the worker's DELIVERY_MAX_ATTEMPTS);
 * BullMQ's own limit is only a backstop, and anything it drops is picked up by the reconciler.
 */
export const DELIVER_JOB_OPTIONS: JobsOptions = {
  ...DEFAULT_JOB_OPTIONS,
  attempts: 50,
  backoff: { type: NOTIFICATION_BACKOFF },
};

export function createNotificationQueue(connection: Redis, prefix: string): NotificationQueue {
  return new Queue<DeliverPayload, void, typeof DELIVER_JOB>(queueOf(DELIVER_JOB), { connection, prefix });
}

/** Adds the delivery job; the row id is the jobId, so adding it twice is a no-op. */
export async function enqueueDelivery(
  queue: NotificationQueue,
  notificationId: string,
  dueAt: Date,
): Promise<void> {
  await queue.add(
    DELIVER_JOB,
    { notificationId },
    { ...DELIVER_JOB_OPTIONS, jobId: notificationId, delay: Math.max(0, dueAt.getTime() - Date.now()) },
  );
}

/** Drops the job of a cancelled notification; the processor ignores cancelled rows anyway. */
export async function removeDelivery(queue: NotificationQueue, notificationId: string): Promise<void> {
  await queue.remove(notificationId).catch(() => 0);
}
