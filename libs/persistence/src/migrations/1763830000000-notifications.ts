import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Notifications are rows before they are jobs: one row per message to one person, and one delivery
 * row per (notification, channel) whose state machine makes a job that runs twice send once.
 */
export class Notifications1763830000000 implements MigrationInterface {
  name = 'Notifications1763830000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TYPE notification_status AS ENUM ('pending', 'sent', 'failed', 'cancelled')`);
    await q.query(`CREATE TYPE notification_channel AS ENUM ('email', 'sms', 'in_app')`);
    await q.query(`CREATE TYPE delivery_state AS ENUM ('pending', 'sending', 'sent', 'failed')`);
    await q.query(`
      CREATE TABLE notifications (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        consultation_id uuid REFERENCES consultations(id) ON DELETE CASCADE,
        recipient_id uuid NOT NULL REFERENCES users(id),
        kind text NOT NULL CHECK (kind ~ '^[a-z_]{2,40}$'),
        due_at timestamptz NOT NULL,
        status notification_status NOT NULL DEFAULT 'pending',
        failure_reason text,
        data jsonb NOT NULL DEFAULT '{}',
        created_at timestamptz NOT NULL DEFAULT now(),
        finished_at timestamptz
      )`);
    await q.query(
      `CREATE INDEX notifications_pending_idx ON notifications (due_at) WHERE status = 'pending'`,
    );
    await q.query(
      `CREATE INDEX notifications_consultation_idx ON notifications (consultation_id, created_at)`,
    );
    await q.query(`CREATE INDEX notifications_recipient_idx ON notifications (recipient_id, created_at)`);
    await q.query(`
      CREATE TABLE notification_deliveries (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        notification_id uuid NOT NULL REFERENCES notifications(id) ON DELETE CASCADE,
        channel notification_channel NOT NULL,
        state delivery_state NOT NULL DEFAULT 'pending',
        attempts integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
        claim_token uuid,
        claimed_at timestamptz,
        lease_until timestamptz,
        last_error text,
        provider_message_id text,
        sent_at timestamptz,
        read_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (notification_id, channel),
        CHECK (state <> 'sending' OR lease_until IS NOT NULL),
        CHECK (state <> 'sent' OR sent_at IS NOT NULL)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS notification_deliveries`);
    await q.query(`DROP TABLE IF EXISTS notifications`);
    await q.query(`DROP TYPE IF EXISTS delivery_state`);
    await q.query(`DROP TYPE IF EXISTS notification_channel`);
    await q.query(`DROP TYPE IF EXISTS notification_status`);
  }
}
