import type { CalendarDay } from './types';

/**
 * The mainland's fixed-date public holidays (days off), from 全国年节及纪念日放假办法 (the national
 * regulation on public holidays and commemorative days), article 2, as amended by the State Council's
 * decision of 10 November 2024 (国务院关于修改《全国年节及纪念日放假办法》的决定), in force from 1 January 2025:
 * 元旦 1 January (1 day), 劳动节 1–2 May (2 days), 国庆节 1–3 October (3 days). The amendment gave Labour
 * Day its second day, 2 May; before 2025 it was 1 May alone (which is all the issue text lists), hence
 * `since`. The other statutory holidays (春节 including 除夕, 清明节, 端午节, 中秋节) move with the lunar
 * calendar or the solar terms, so they are not here: only a year's State Council notice can place them,
 * and that notice also adds the bridging days and make-up working days (调休). These dates are used only
 * for a year whose notice is not loaded; such a year stays flagged to coordinators.
 */
export const STATUTORY_FIXED_HOLIDAYS: readonly {
  month: number;
  day: number;
  nameZh: string;
  nameEn: string;
  /** First year the date is a holiday (the 2025 amendment), when not always. */
  since?: number;
}[] = [
  { month: 1, day: 1, nameZh: '元旦', nameEn: "New Year's Day" },
  { month: 5, day: 1, nameZh: '劳动节', nameEn: 'Labour Day' },
  { month: 5, day: 2, nameZh: '劳动节', nameEn: 'Labour Day', since: 2025 },
  { month: 10, day: 1, nameZh: '国庆节', nameEn: 'National Day' },
  { month: 10, day: 2, nameZh: '国庆节', nameEn: 'National Day' },
  { month: 10, day: 3, nameZh: '国庆节', nameEn: 'National Day' },
];

const pad = (n: number) => String(n).padStart(2, '0');

/** A year's fixed-date statutory holidays as provisional calendar rows ("yyyy-MM-dd" Shanghai days). */
export function statutoryFixedHolidays(year: number): CalendarDay[] {
  return STATUTORY_FIXED_HOLIDAYS.filter((h) => h.since === undefined || year >= h.since).map((h) => ({
    date: `${year}-${pad(h.month)}-${pad(h.day)}`,
    kind: 'holiday' as const,
    nameZh: h.nameZh,
    nameEn: h.nameEn,
    scheduleWeekday: null,
    provisional: true,
  }));
}

/**
 * The calendar of a range of Shanghai days with, for each year whose notice is not loaded, its
 * fixed-date statutory holidays added (rows the calendar already has are kept as they are).
 */
export function withStatutoryHolidays(
  days: ReadonlyMap<string, CalendarDay>,
  missingYears: readonly number[],
  from: string,
  to: string,
): Map<string, CalendarDay> {
  const merged = new Map(days);
  for (const year of missingYears) {
    for (const day of statutoryFixedHolidays(year)) {
      if (from <= day.date && day.date <= to && !merged.has(day.date)) merged.set(day.date, day);
    }
  }
  return new Map([...merged.entries()].sort(([a], [b]) => a.localeCompare(b)));
}
