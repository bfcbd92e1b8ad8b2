import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Guests (family members) a participant invites to a consultation's call. A guest has no account:
 * their invite link is an HMAC of the row id (nothing secret is stored), and revoking the row
 * withdraws the link at once. Notifications can now go to a guest instead of a user.
 */
export class ConsultationGuests1763880000000 implements MigrationInterface {
  name = 'ConsultationGuests1763880000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE consultation_guests (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        consultation_id uuid NOT NULL REFERENCES consultations(id) ON DELETE CASCADE,
        full_name text NOT NULL CHECK (length(full_name) BETWEEN 1 AND 120),
        email text CHECK (email IS NULL OR length(email) BETWEEN 3 AND 254),
        preferred_language text NOT NULL CHECK (preferred_language IN ('en', 'zh-CN', 'ru', 'ja', 'ar')),
        time_zone text NOT NULL CHECK (length(time_zone) BETWEEN 1 AND 64),
        relationship text CHECK (relationship IS NULL OR length(relationship) BETWEEN 1 AND 60),
        invited_by uuid NOT NULL REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        revoked_at timestamptz,
        revoked_by uuid REFERENCES users(id),
        last_joined_at timestamptz,
        CHECK (revoked_by IS NULL OR revoked_at IS NOT NULL)
      )`);
    await q.query(
      `CREATE INDEX consultation_guests_consultation_idx ON consultation_guests (consultation_id, created_at)`,
    );

    await q.query(`ALTER TABLE notifications ALTER COLUMN recipient_id DROP NOT NULL`);
    await q.query(
      `ALTER TABLE notifications ADD COLUMN guest_id uuid REFERENCES consultation_guests(id) ON DELETE CASCADE`,
    );
    await q.query(
      `ALTER TABLE notifications ADD CONSTRAINT notifications_one_recipient CHECK (num_nonnulls(recipient_id, guest_id) = 1)`,
    );
    await q.query(
      `CREATE INDEX notifications_guest_idx ON notifications (guest_id, created_at) WHERE guest_id IS NOT NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    // Messages to guests cannot live in the old schema (recipient_id NOT NULL): they go with the table.
    await q.query(`DELETE FROM notifications WHERE guest_id IS NOT NULL`);
    await q.query(`DROP INDEX IF EXISTS notifications_guest_idx`);
    await q.query(`ALTER TABLE notifications DROP CONSTRAINT IF EXISTS notifications_one_recipient`);
    await q.query(`ALTER TABLE notifications DROP COLUMN IF EXISTS guest_id`);
    await q.query(`ALTER TABLE notifications ALTER COLUMN recipient_id SET NOT NULL`);
    await q.query(`DROP TABLE IF EXISTS consultation_guests`);
  }
}
