import type { Channel, DeliveryState, NotificationStatus } from '@yiqiao/notifications';

export interface DeliveryRow {
  id: string;
  channel: Channel;
  state: DeliveryState;
  attempts: number;
  last_error: string | null;
}

/** A DataSource (any pooled connection) or a QueryRunner (one reserved connection). */
export interface Queryable {
  query(sql: string, parameters?: unknown[]): Promise<unknown>;
}

export interface Claim {
  deliveryId: string;
  token: string;
  attempts: number;
}

/**
 * The per-(notification, channel) state machine in PostgreSQL. Every transition is one conditional
 * UPDATE, so two workers running the same job can never both hold a delivery.
 */
export class DeliveryStore {
  constructor(private readonly db: Queryable) {}

  /**
   * Creates the missing deliveries and lists all of them, in one round trip: the SELECT sees the rows
   * that existed before the statement, RETURNING adds the ones it inserted.
   */
  async ensureAndList(notificationId: string, channels: Channel[]): Promise<DeliveryRow[]> {
    return (await this.db.query(
      `WITH inserted AS (
         INSERT INTO notification_deliveries (notification_id, channel)
         SELECT $1, unnest($2::notification_channel[]) ON CONFLICT (notification_id, channel) DO NOTHING
         RETURNING id, channel, state, attempts, last_error)
       SELECT id, channel, state, attempts, last_error FROM inserted
       UNION ALL
       SELECT id, channel, state, attempts, last_error FROM notification_deliveries WHERE notification_id = $1
       ORDER BY channel`,
      [notificationId, channels],
    )) as DeliveryRow[];
  }

  async list(notificationId: string): Promise<DeliveryRow[]> {
    return (await this.db.query(
      `SELECT id, channel, state, attempts, last_error FROM notification_deliveries
        WHERE notification_id = $1 ORDER BY channel`,
      [notificationId],
    )) as DeliveryRow[];
  }

  /** pending → sending, or a stale sending (lease expired: its worker died) → sending again. */
  async claim(deliveryId: string, leaseMs: number): Promise<Claim | null> {
    const [rows] = (await this.db.query(
      `UPDATE notification_deliveries
          SET state = 'sending', claim_token = gen_random_uuid(), claimed_at = now(),
              lease_until = now() + make_interval(secs => $2::double precision / 1000),
              attempts = attempts + 1, updated_at = now()
        WHERE id = $1 AND (state = 'pending' OR (state = 'sending' AND lease_until < now()))
        RETURNING id, claim_token, attempts`,
      [deliveryId, leaseMs],
    )) as [{ id: string; claim_token: string; attempts: number }[], number];
    const row = rows[0];
    return row ? { deliveryId: row.id, token: row.claim_token, attempts: row.attempts } : null;
  }

  async markSent(claim: Claim, providerMessageId: string | null): Promise<boolean> {
    const [, count] = (await this.db.query(
      `UPDATE notification_deliveries
          SET state = 'sent', sent_at = now(), provider_message_id = $3, last_error = NULL,
              claim_token = NULL, lease_until = NULL, updated_at = now()
        WHERE id = $1 AND claim_token = $2 AND state = 'sending'`,
      [claim.deliveryId, claim.token, providerMessageId],
    )) as [unknown, number];
    return count === 1;
  }

  /** Back to pending (to be retried) or, when `final`, failed for good. */
  async markFailedAttempt(claim: Claim, error: string, final: boolean): Promise<void> {
    await this.db.query(
      `UPDATE notification_deliveries
          SET state = $3::delivery_state, last_error = $4, claim_token = NULL, lease_until = NULL, updated_at = now()
        WHERE id = $1 AND claim_token = $2 AND state = 'sending'`,
      [claim.deliveryId, claim.token, final ? 'failed' : 'pending', error.slice(0, 2000)],
    );
  }

  /** A delivery whose channel is no longer available (e.g. SMS switched off) will never be sent. */
  async abandon(deliveryId: string, reason: string): Promise<void> {
    await this.db.query(
      `UPDATE notification_deliveries SET state = 'failed', last_error = $2, updated_at = now()
        WHERE id = $1 AND state = 'pending'`,
      [deliveryId, reason],
    );
  }

  /** Closes a still-pending notification (a cancelled one stays cancelled). */
  async finishNotification(
    notificationId: string,
    status: Exclude<NotificationStatus, 'pending'>,
    reason: string | null,
  ): Promise<void> {
    await this.db.query(
      `UPDATE notifications SET status = $2::notification_status, failure_reason = $3, finished_at = now()
        WHERE id = $1 AND status = 'pending'`,
      [notificationId, status, reason],
    );
  }
}
