import { MigrationInterface, QueryRunner } from 'typeorm';

/** The specialist's clinical notes on a consultation: one current text per consultation. */
export class ConsultationNotes1763860000000 implements MigrationInterface {
  name = 'ConsultationNotes1763860000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE consultation_notes (
        consultation_id uuid PRIMARY KEY REFERENCES consultations(id) ON DELETE CASCADE,
        body text NOT NULL CHECK (length(body) <= 20000),
        author_id uuid NOT NULL REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE consultation_notes`);
  }
}
