import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * How far ahead a consultation may be booked or moved, per institution: months from today in Shanghai
 * (default 18, 1 to 60). Slot search offers nothing beyond it.
 */
export class BookingHorizon1764900000000 implements MigrationInterface {
  name = 'BookingHorizon1764900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE institutions
        ADD COLUMN booking_horizon_months int NOT NULL DEFAULT 18
          CHECK (booking_horizon_months BETWEEN 1 AND 60)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE institutions DROP COLUMN booking_horizon_months`);
  }
}
