import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Automatic interpreter assignment: weekly working hours, one assignment row per consultation (its
 * state and, when it escalates, why) and one row per offer made (who, when, deadline, answer, and the
 * rank/score snapshot that explains the choice).
 *
 * Working hours are wall-clock minutes in Asia/Shanghai, like every availability in the product: the
 * coordinators who plan with them work in Shanghai time, and the api shows interpreters both clocks.
 * An interpreter without any rule has not restricted their hours and is considered available any time.
 */
export class InterpreterAssignment1763840000000 implements MigrationInterface {
  name = 'InterpreterAssignment1763840000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TYPE interpreter_assignment_state AS ENUM ('searching', 'offered', 'assigned', 'escalated', 'cancelled')`,
    );
    await q.query(
      `CREATE TYPE interpreter_offer_state AS ENUM ('offered', 'accepted', 'declined', 'expired', 'withdrawn')`,
    );
    await q.query(`
      CREATE TABLE interpreter_working_hours (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        interpreter_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        weekday smallint NOT NULL CHECK (weekday BETWEEN 1 AND 7),
        start_minute smallint NOT NULL CHECK (start_minute BETWEEN 0 AND 1439),
        end_minute smallint NOT NULL CHECK (end_minute BETWEEN 1 AND 1440),
        CHECK (end_minute > start_minute)
      )`);
    await q.query(
      `CREATE INDEX interpreter_working_hours_idx ON interpreter_working_hours (interpreter_id, weekday)`,
    );
    await q.query(`
      CREATE TABLE interpreter_assignments (
        consultation_id uuid PRIMARY KEY REFERENCES consultations(id) ON DELETE CASCADE,
        institution_id uuid NOT NULL REFERENCES institutions(id),
        state interpreter_assignment_state NOT NULL DEFAULT 'searching',
        interpreter_id uuid REFERENCES users(id),
        assigned_by uuid REFERENCES users(id),
        round integer NOT NULL DEFAULT 1 CHECK (round >= 1),
        excluded_interpreter_ids uuid[] NOT NULL DEFAULT '{}',
        escalation_reasons text[] NOT NULL DEFAULT '{}',
        escalation_details jsonb NOT NULL DEFAULT '{}',
        escalated_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(
      `CREATE INDEX interpreter_assignments_board_idx ON interpreter_assignments (institution_id, state)`,
    );
    await q.query(`
      CREATE TABLE interpreter_offers (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        consultation_id uuid NOT NULL REFERENCES consultations(id) ON DELETE CASCADE,
        interpreter_id uuid NOT NULL REFERENCES users(id),
        round integer NOT NULL,
        state interpreter_offer_state NOT NULL DEFAULT 'offered',
        offered_at timestamptz NOT NULL DEFAULT now(),
        deadline timestamptz NOT NULL,
        answered_at timestamptz,
        answer_reason text,
        rank integer NOT NULL,
        score jsonb NOT NULL,
        CHECK (deadline > offered_at),
        CHECK ((state = 'offered') = (answered_at IS NULL))
      )`);
    await q.query(
      `CREATE UNIQUE INDEX interpreter_offers_open_idx ON interpreter_offers (consultation_id, interpreter_id) WHERE state = 'offered'`,
    );
    await q.query(`CREATE INDEX interpreter_offers_inbox_idx ON interpreter_offers (interpreter_id, state)`);
    await q.query(
      `CREATE INDEX interpreter_offers_trail_idx ON interpreter_offers (consultation_id, offered_at)`,
    );
    await q.query(
      `CREATE INDEX interpreter_offers_due_idx ON interpreter_offers (deadline) WHERE state = 'offered'`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS interpreter_offers`);
    await q.query(`DROP TABLE IF EXISTS interpreter_assignments`);
    await q.query(`DROP TABLE IF EXISTS interpreter_working_hours`);
    await q.query(`DROP TYPE IF EXISTS interpreter_offer_state`);
    await q.query(`DROP TYPE IF EXISTS interpreter_assignment_state`);
  }
}
