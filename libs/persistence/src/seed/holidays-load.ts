import type { EntityManager } from 'typeorm';
import type { CalendarDay } from '@yiqiao/domain';

export interface HolidayYearInput {
  year: number;
  /** Where the dates come from (the official notice), shown to coordinators. */
  source: string;
  days: readonly CalendarDay[];
}

/**
 * Replaces one year of the mainland holiday calendar in the caller's transaction: the year's row and
 * every day of it, so a corrected notice can be reloaded without leftovers.
 */
export async function replaceHolidayYear(
  manager: EntityManager,
  input: HolidayYearInput,
  loadedBy: string | null,
): Promise<void> {
  await manager.query(`DELETE FROM holiday_calendar_days WHERE year = $1`, [input.year]);
  await manager.query(
    `INSERT INTO holiday_calendar_years (year, source, loaded_by, loaded_at) VALUES ($1, $2, $3, now())
     ON CONFLICT (year) DO UPDATE SET source = EXCLUDED.source, loaded_by = EXCLUDED.loaded_by, loaded_at = now()`,
    [input.year, input.source, loadedBy],
  );
  for (const day of input.days) {
    await manager.query(
      `INSERT INTO holiday_calendar_days (date, year, kind, name_zh, name_en, schedule_weekday)
       VALUES ($1, $2, $3, $4, $5, $6)`,
      [day.date, input.year, day.kind, day.nameZh, day.nameEn, day.scheduleWeekday],
    );
  }
}
