import { MigrationInterface, QueryRunner } from 'typeorm';
import { HOLIDAYS_2026 } from '../seed/holidays-2026';
import { replaceHolidayYear } from '../seed/holidays-load';

/** Reference data every deployment needs: the official 2026 mainland holiday calendar. */
export class Holidays20261763820000001 implements MigrationInterface {
  name = 'Holidays20261763820000001';

  async up(q: QueryRunner): Promise<void> {
    await replaceHolidayYear(q.manager, HOLIDAYS_2026, null);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM holiday_calendar_years WHERE year = 2026`);
  }
}
