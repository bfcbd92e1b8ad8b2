import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What happens in a consultation's call, as reported by the SFU through the room-events queue:
 * each room event (joined, admitted, left, started, ended...) and the in-call chat. The row id is the
 * SFU's event id, so a redelivered job is stored once. Participant ids are not foreign keys because
 * invited guests (family members) join with a token-only identity.
 */
export class VideoRoomRecords1763850000000 implements MigrationInterface {
  name = 'VideoRoomRecords1763850000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE consultation_room_events (
        id uuid PRIMARY KEY,
        consultation_id uuid NOT NULL REFERENCES consultations(id) ON DELETE CASCADE,
        kind text NOT NULL CHECK (kind IN ('joined', 'admitted', 'declined', 'removed', 'left', 'started', 'ended')),
        participant_id uuid NOT NULL,
        participant_role text NOT NULL CHECK (participant_role IN ('patient', 'specialist', 'interpreter', 'coordinator', 'guest')),
        display_name text NOT NULL,
        subject_participant_id uuid,
        sfu_node_id text NOT NULL,
        occurred_at timestamptz NOT NULL,
        details jsonb NOT NULL DEFAULT '{}',
        recorded_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(
      `CREATE INDEX consultation_room_events_consultation_idx ON consultation_room_events (consultation_id, occurred_at)`,
    );
    await q.query(`
      CREATE TABLE consultation_chat_messages (
        id uuid PRIMARY KEY,
        consultation_id uuid NOT NULL REFERENCES consultations(id) ON DELETE CASCADE,
        sender_id uuid NOT NULL,
        sender_role text NOT NULL CHECK (sender_role IN ('patient', 'specialist', 'interpreter', 'coordinator', 'guest')),
        sender_name text NOT NULL,
        body text NOT NULL CHECK (char_length(body) BETWEEN 1 AND 2000),
        sent_at timestamptz NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(
      `CREATE INDEX consultation_chat_messages_consultation_idx ON consultation_chat_messages (consultation_id, sent_at)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS consultation_chat_messages`);
    await q.query(`DROP TABLE IF EXISTS consultation_room_events`);
  }
}
