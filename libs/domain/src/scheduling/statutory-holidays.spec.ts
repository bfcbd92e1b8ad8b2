import { DateTime } from 'luxon';
import { SHANGHAI_ZONE } from '../time-zones';
import { statutoryFixedHolidays, withStatutoryHolidays } from './statutory-holidays';
import { workingWindows } from './working-windows';
import type { CalendarDay, WeeklyRule } from './types';

describe('fixed-date statutory holidays (全国年节及纪念日放假办法, as amended from 2025)', () => {
  it('are 1 Jan, 1–2 May and 1–3 Oct from 2025 on', () => {
    expect(statutoryFixedHolidays(2027).map((d) => d.date)).toEqual([
      '2027-01-01',
      '2027-05-01',
      '2027-05-02',
      '2027-10-01',
      '2027-10-02',
      '2027-10-03',
    ]);
    for (const day of statutoryFixedHolidays(2027)) {
      expect(day).toMatchObject({ kind: 'holiday', scheduleWeekday: null, provisional: true });
    }
    expect(statutoryFixedHolidays(2027).map((d) => d.nameZh)).toEqual([
      '元旦',
      '劳动节',
      '劳动节',
      '国庆节',
      '国庆节',
      '国庆节',
    ]);
  });

  it('Labour Day was one day (1 May) before the 2025 amendment', () => {
    expect(statutoryFixedHolidays(2024).map((d) => d.date)).toEqual([
      '2024-01-01',
      '2024-05-01',
      '2024-10-01',
      '2024-10-02',
      '2024-10-03',
    ]);
  });

  it('are added only for missing years, only inside the range, never over a loaded row', () => {
    const loaded: CalendarDay = {
      date: '2026-10-01',
      kind: 'holiday',
      nameZh: '国庆节',
      nameEn: 'National Day',
      scheduleWeekday: null,
    };
    const merged = withStatutoryHolidays(
      new Map([[loaded.date, loaded]]),
      [2027],
      '2026-09-30',
      '2027-05-01',
    );
    expect([...merged.keys()]).toEqual(['2026-10-01', '2027-01-01', '2027-05-01']);
    expect(merged.get('2026-10-01')).toBe(loaded);
    expect(merged.get('2027-05-01')?.provisional).toBe(true);
    expect(withStatutoryHolidays(new Map(), [], '2027-01-01', '2027-12-31').size).toBe(0);
  });

  it('leave the specialist no working time on those Shanghai days, and the days around untouched', () => {
    const rules: WeeklyRule[] = ([1, 2, 3, 4, 5, 6, 7] as const).map((weekday) => ({
      weekday,
      startLocal: '09:00',
      endLocal: '10:00',
      effectiveFrom: '2026-01-01',
      effectiveUntil: null,
    }));
    const windows = workingWindows({
      rules,
      exceptions: [],
      calendar: withStatutoryHolidays(new Map(), [2027], '2027-04-30', '2027-05-03'),
      makeupRule: { kind: 'calendar_weekday' },
      from: '2027-04-30',
      to: '2027-05-03',
    });
    const days = windows.map((w) => DateTime.fromJSDate(w.start, { zone: SHANGHAI_ZONE }).toISODate());
    expect(days).toEqual(['2027-04-30', '2027-05-03']);
  });
});
