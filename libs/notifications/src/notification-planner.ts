import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { AfterCommit } from '@yiqiao/persistence';
import type { NotificationKind } from './kinds';
import { enqueueDelivery, NOTIFICATION_QUEUE, NotificationQueue, removeDelivery } from './notification-queue';

export interface PlanNotificationInput {
  kind: NotificationKind;
  recipientId: string;
  consultationId?: string | null;
  dueAt: Date;
  data?: Record<string, unknown>;
}

export interface RecipientFilter {
  /** Only these recipients. */
  only?: string[];
  /** Everyone but these recipients. */
  except?: string[];
}

/**
 * Writes notification rows in the caller's transaction and hands back the enqueue work to run after
 * commit. The row is the truth: if the after-commit enqueue is lost, the worker's reconciler adds it.
 */
@Injectable()
export class NotificationPlanner {
  constructor(@Inject(NOTIFICATION_QUEUE) private readonly queue: NotificationQueue) {}

  async planNotification(manager: EntityManager, input: PlanNotificationInput): Promise<AfterCommit> {
    const [row] = (await manager.query(
      `INSERT INTO notifications (consultation_id, recipient_id, kind, due_at, data)
       VALUES ($1, $2, $3, $4, $5) RETURNING id`,
      [input.consultationId ?? null, input.recipientId, input.kind, input.dueAt, input.data ?? {}],
    )) as { id: string }[];
    return () => enqueueDelivery(this.queue, row.id, input.dueAt);
  }

  /** Cancels what has not been sent yet (all kinds unless given) and removes their jobs after commit. */
  async cancelPendingNotifications(
    manager: EntityManager,
    consultationId: string,
    kinds?: NotificationKind[],
    recipients: RecipientFilter = {},
  ): Promise<AfterCommit> {
    const [rows] = (await manager.query(
      `UPDATE notifications SET status = 'cancelled', finished_at = now()
        WHERE consultation_id = $1 AND status = 'pending'
          AND ($2::text[] IS NULL OR kind = ANY($2))
          AND ($3::uuid[] IS NULL OR recipient_id = ANY($3))
          AND ($4::uuid[] IS NULL OR NOT (recipient_id = ANY($4)))
        RETURNING id`,
      [consultationId, kinds ?? null, recipients.only ?? null, recipients.except ?? null],
    )) as [{ id: string }[], number];
    const ids = rows.map((r) => r.id);
    return async () => {
      for (const id of ids) await removeDelivery(this.queue, id);
    };
  }
}

/** Runs several after-commit steps in order as one. */
export function allAfterCommit(steps: AfterCommit[]): AfterCommit {
  return async () => {
    for (const step of steps) await step();
  };
}
