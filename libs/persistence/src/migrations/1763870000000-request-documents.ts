import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Medical documents (reports, scans) a patient attaches to a consultation request. The bytes live in
 * PostgreSQL so an upload is durable, backed up and deleted together with the request.
 */
export class RequestDocuments1763870000000 implements MigrationInterface {
  name = 'RequestDocuments1763870000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE consultation_request_documents (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        request_id uuid NOT NULL REFERENCES consultation_requests(id) ON DELETE CASCADE,
        uploaded_by uuid NOT NULL REFERENCES users(id),
        file_name text NOT NULL CHECK (length(file_name) BETWEEN 1 AND 255),
        content_type text NOT NULL CHECK (content_type IN ('application/pdf', 'image/jpeg', 'image/png')),
        size_bytes integer NOT NULL CHECK (size_bytes > 0 AND size_bytes <= 10485760),
        sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
        content bytea NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(
      `CREATE INDEX consultation_request_documents_request_idx ON consultation_request_documents (request_id, created_at)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE consultation_request_documents`);
  }
}
