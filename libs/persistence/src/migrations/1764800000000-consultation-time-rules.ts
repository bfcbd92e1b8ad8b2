import { MigrationInterface, QueryRunner } from 'typeorm';

const OLD_KINDS = `'joined', 'admitted', 'declined', 'removed', 'left', 'started', 'ended'`;
const NEW_KINDS = `${OLD_KINDS}, 'opened_early', 'window_closed'`;

/**
 * The time rules of a consultation, per institution: how long before the start each side may join,
 * how long after the end the room stays open, and the minimum notice for booking. A coordinator's
 * "start now" is recorded on the consultation; a no-show says who did not come; room events also
 * record the early opening and the window closing (which are not SFU events).
 */
export class ConsultationTimeRules1764800000000 implements MigrationInterface {
  name = 'ConsultationTimeRules1764800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE institutions
        ADD COLUMN join_lead_minutes int NOT NULL DEFAULT 15 CHECK (join_lead_minutes BETWEEN 0 AND 240),
        ADD COLUMN staff_join_lead_minutes int NOT NULL DEFAULT 30 CHECK (staff_join_lead_minutes BETWEEN 0 AND 240),
        ADD COLUMN join_grace_minutes int NOT NULL DEFAULT 30 CHECK (join_grace_minutes BETWEEN 0 AND 240),
        ADD COLUMN patient_booking_notice_minutes int NOT NULL DEFAULT 120
          CHECK (patient_booking_notice_minutes BETWEEN 0 AND 20160),
        ADD COLUMN coordinator_booking_notice_minutes int NOT NULL DEFAULT 0
          CHECK (coordinator_booking_notice_minutes BETWEEN 0 AND 20160)`);
    await q.query(`
      ALTER TABLE consultations
        ADD COLUMN opened_early_at timestamptz,
        ADD COLUMN opened_early_by uuid REFERENCES users(id),
        ADD COLUMN opened_early_reason text CHECK (opened_early_reason IS NULL OR length(opened_early_reason) BETWEEN 1 AND 500),
        ADD COLUMN no_show_party text CHECK (no_show_party IN ('patient', 'specialist', 'both')),
        ADD COLUMN end_cause text CHECK (end_cause IN ('ended_by_specialist', 'window_closed')),
        ADD CONSTRAINT consultations_opened_early_complete
          CHECK ((opened_early_at IS NULL) = (opened_early_by IS NULL) AND (opened_early_at IS NULL) = (opened_early_reason IS NULL)),
        ADD CONSTRAINT consultations_no_show_party
          CHECK ((status = 'no_show') = (no_show_party IS NOT NULL))`);
    // Open consultations whose window has passed are closed by the worker's sweep; this finds them.
    await q.query(
      `CREATE INDEX consultations_open_by_end_idx ON consultations (ends_at)
        WHERE status IN ('scheduled', 'waiting', 'in_progress')`,
    );
    await q.query(`ALTER TABLE consultation_room_events DROP CONSTRAINT consultation_room_events_kind_check`);
    await q.query(
      `ALTER TABLE consultation_room_events ADD CONSTRAINT consultation_room_events_kind_check CHECK (kind IN (${NEW_KINDS}))`,
    );
    // The window closing has no participant and no SFU node; an early opening has a person but no node.
    await q.query(`
      ALTER TABLE consultation_room_events
        ALTER COLUMN participant_id DROP NOT NULL,
        ALTER COLUMN participant_role DROP NOT NULL,
        ALTER COLUMN display_name DROP NOT NULL,
        ALTER COLUMN sfu_node_id DROP NOT NULL,
        ADD CONSTRAINT consultation_room_events_sfu_complete CHECK (
          kind IN ('opened_early', 'window_closed')
          OR (participant_id IS NOT NULL AND participant_role IS NOT NULL AND display_name IS NOT NULL AND sfu_node_id IS NOT NULL))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM consultation_room_events WHERE kind IN ('opened_early', 'window_closed')`);
    await q.query(`
      ALTER TABLE consultation_room_events
        DROP CONSTRAINT consultation_room_events_sfu_complete,
        ALTER COLUMN participant_id SET NOT NULL,
        ALTER COLUMN participant_role SET NOT NULL,
        ALTER COLUMN display_name SET NOT NULL,
        ALTER COLUMN sfu_node_id SET NOT NULL`);
    await q.query(`ALTER TABLE consultation_room_events DROP CONSTRAINT consultation_room_events_kind_check`);
    await q.query(
      `ALTER TABLE consultation_room_events ADD CONSTRAINT consultation_room_events_kind_check CHECK (kind IN (${OLD_KINDS}))`,
    );
    await q.query(`DROP INDEX IF EXISTS consultations_open_by_end_idx`);
    await q.query(`
      ALTER TABLE consultations
        DROP CONSTRAINT consultations_no_show_party,
        DROP CONSTRAINT consultations_opened_early_complete,
        DROP COLUMN end_cause, DROP COLUMN no_show_party, DROP COLUMN opened_early_reason,
        DROP COLUMN opened_early_by, DROP COLUMN opened_early_at`);
    await q.query(`
      ALTER TABLE institutions
        DROP COLUMN coordinator_booking_notice_minutes, DROP COLUMN patient_booking_notice_minutes,
        DROP COLUMN join_grace_minutes, DROP COLUMN staff_join_lead_minutes, DROP COLUMN join_lead_minutes`);
  }
}
