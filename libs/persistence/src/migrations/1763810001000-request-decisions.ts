import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Consultation requests: who closed a request (declined or withdrawn), when and why, so the patient
 * can be told; and an index for a patient's own list.
 */
export class RequestDecisions1763810001000 implements MigrationInterface {
  name = 'RequestDecisions1763810001000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE consultation_requests
        ADD COLUMN closed_reason text CHECK (char_length(closed_reason) <= 2000),
        ADD COLUMN closed_by uuid REFERENCES users(id),
        ADD COLUMN closed_at timestamptz,
        ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now()`);
    await q.query(
      `CREATE INDEX consultation_requests_patient_idx ON consultation_requests (patient_id, created_at)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS consultation_requests_patient_idx`);
    await q.query(`
      ALTER TABLE consultation_requests
        DROP COLUMN closed_reason, DROP COLUMN closed_by, DROP COLUMN closed_at, DROP COLUMN updated_at`);
  }
}
