import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Rotating refresh tokens. Only a SHA-256 of each token is stored (tokens are 256 random bits, so a
 * slow hash adds nothing). All tokens minted from one login share a family: presenting a token that
 * was already rotated means it leaked, and the whole family is revoked.
 */
export class RefreshTokens1763810000000 implements MigrationInterface {
  name = 'RefreshTokens1763810000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE refresh_tokens (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        family_id uuid NOT NULL,
        token_hash text NOT NULL UNIQUE,
        expires_at timestamptz NOT NULL,
        rotated_at timestamptz,
        revoked_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX refresh_tokens_family_idx ON refresh_tokens (family_id)`);
    await q.query(`CREATE INDEX refresh_tokens_user_idx ON refresh_tokens (user_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS refresh_tokens`);
  }
}
