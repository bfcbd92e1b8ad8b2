import { DateTime } from 'luxon';
import { HOLIDAYS_2026 } from './holidays-2026';

const weekday = (date: string) => DateTime.fromISO(date, { zone: 'Asia/Shanghai' }).weekday;

describe('2026 mainland holiday calendar (State Council notice of 2025-11-04)', () => {
  const holidays = HOLIDAYS_2026.days.filter((d) => d.kind === 'holiday');
  const makeup = HOLIDAYS_2026.days.filter((d) => d.kind === 'makeup_workday');

  it('has the notice’s seven breaks with their lengths', () => {
    const byName = new Map<string, number>();
    for (const day of holidays) byName.set(day.nameEn, (byName.get(day.nameEn) ?? 0) + 1);
    expect(Object.fromEntries(byName)).toEqual({
      "New Year's Day": 3,
      'Spring Festival': 9,
      'Qingming Festival': 3,
      'Labour Day': 5,
      'Dragon Boat Festival': 3,
      'Mid-Autumn Festival': 3,
      'National Day': 7,
    });
    expect(holidays[0].date).toBe('2026-01-01');
    expect(holidays.find((d) => d.nameEn === 'Spring Festival')?.date).toBe('2026-02-15');
    expect(holidays[holidays.length - 1].date).toBe('2026-10-07');
  });

  it('lists the make-up working days on the weekdays the notice names (周日/周六)', () => {
    expect(makeup.map((d) => [d.date, weekday(d.date)])).toEqual([
      ['2026-01-04', 7],
      ['2026-02-14', 6],
      ['2026-02-28', 6],
      ['2026-05-09', 6],
      ['2026-09-20', 7],
      ['2026-10-10', 6],
    ]);
    for (const day of makeup) expect(day.scheduleWeekday).toBeGreaterThanOrEqual(1);
    for (const day of makeup) expect(day.scheduleWeekday).toBeLessThanOrEqual(5);
  });

  it('pairs each make-up day with a weekday that is off during its break', () => {
    for (const day of makeup) {
      const offWeekdays = holidays
        .filter((h) => h.nameEn === day.nameEn.replace(' make-up working day', ''))
        .map((h) => weekday(h.date));
      expect(offWeekdays).toContain(day.scheduleWeekday);
    }
  });

  it('has valid, unique dates, all in 2026', () => {
    const dates = HOLIDAYS_2026.days.map((d) => d.date);
    expect(new Set(dates).size).toBe(dates.length);
    for (const date of dates) expect(DateTime.fromISO(date).year).toBe(2026);
  });
});
