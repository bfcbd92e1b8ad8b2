import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { AfterCommit } from '@yiqiao/persistence';
import type { NotificationKind } from './kinds';
import { enqueueDelivery, NOTIFICATION_QUEUE, NotificationQueue, removeDelivery } from './notification-queue';

/** A notification goes to a user (recipientId) or to a consultation's guest (guestId), never both. */
export type PlanNotificationInput = {
  kind: NotificationKind;
  consultationId?: string | null;
  dueAt: Date;
  data?: Record<string, unknown>;
} & ({ recipientId: string; guestId?: never } | { guestId: string; recipientId?: never });

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
      `INSERT INTO notifications (consultation_id, recipient_id, guest_id, kind, due_at, data)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
      [
        input.consultationId ?? null,
        input.recipientId ?? null,
        input.guestId ?? null,
        input.kind,
        input.dueAt,
        input.data ?? {},
      ],
    )) as { id: string }[];
    return () => enqueueDelivery(this.queue, row.id, input.dueAt);
  }

  /**
   * Cancels what has not been sent yet (all kinds unless given) and removes their jobs after commit.
   * Recipient filters name users and select users' messages only: with a filter, guests' messages are
   * left alone (they go with the consultation as a whole, or with `cancelPendingForGuest`).
   */
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
          AND ($4::uuid[] IS NULL OR (recipient_id IS NOT NULL AND NOT (recipient_id = ANY($4))))
        RETURNING id`,
      [consultationId, kinds ?? null, recipients.only ?? null, recipients.except ?? null],
    )) as [{ id: string }[], number];
    return this.removeJobs(rows.map((r) => r.id));
  }

  /** Cancels everything not yet sent to one guest (their invitation was withdrawn). */
  async cancelPendingForGuest(manager: EntityManager, guestId: string): Promise<AfterCommit> {
    const [rows] = (await manager.query(
      `UPDATE notifications SET status = 'cancelled', finished_at = now()
        WHERE guest_id = $1 AND status = 'pending' RETURNING id`,
      [guestId],
    )) as [{ id: string }[], number];
    return this.removeJobs(rows.map((r) => r.id));
  }

  private removeJobs(ids: string[]): AfterCommit {
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
