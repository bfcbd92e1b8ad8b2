import type { EntityManager } from 'typeorm';
import type { CalendarDay, IsoWeekday } from '@yiqiao/domain';
import { replaceHolidayYear, type HolidayYearInput } from './holidays-load';

/**
 * 国务院办公厅关于2026年部分节假日安排的通知 (State Council General Office, 4 November 2025, published by
 * Xinhua). The notice gives the days off and the days worked (上班); it does not say which weekday's
 * schedule a make-up day follows. We record the weekday of the day off each make-up day pays for,
 * pairing them in order (e.g. Sunday 4 January is worked in exchange for Friday 2 January).
 */
export const HOLIDAYS_2026_SOURCE =
  '国务院办公厅关于2026年部分节假日安排的通知 (2025-11-04); make-up weekdays paired with the swapped days off';

function holidayRange(first: string, count: number, nameZh: string, nameEn: string): CalendarDay[] {
  const [year, month, day] = first.split('-').map(Number);
  return Array.from({ length: count }, (_, i) => {
    const date = `${year}-${String(month).padStart(2, '0')}-${String(day + i).padStart(2, '0')}`;
    return { date, kind: 'holiday' as const, nameZh, nameEn, scheduleWeekday: null };
  });
}

function makeup(date: string, scheduleWeekday: IsoWeekday, nameZh: string, nameEn: string): CalendarDay {
  return {
    date,
    kind: 'makeup_workday',
    nameZh: `${nameZh}调休上班`,
    nameEn: `${nameEn} make-up working day`,
    scheduleWeekday,
  };
}

export const HOLIDAYS_2026: HolidayYearInput = {
  year: 2026,
  source: HOLIDAYS_2026_SOURCE,
  days: [
    // 一、元旦：1月1日（周四）至3日（周六）放假调休，共3天。1月4日（周日）上班。
    ...holidayRange('2026-01-01', 3, '元旦', "New Year's Day"),
    makeup('2026-01-04', 5, '元旦', "New Year's Day"),
    // 二、春节：2月15日至23日放假调休，共9天。2月14日（周六）、2月28日（周六）上班。
    ...holidayRange('2026-02-15', 9, '春节', 'Spring Festival'),
    makeup('2026-02-14', 5, '春节', 'Spring Festival'),
    makeup('2026-02-28', 1, '春节', 'Spring Festival'),
    // 三、清明节：4月4日（周六）至6日（周一）放假，共3天。
    ...holidayRange('2026-04-04', 3, '清明节', 'Qingming Festival'),
    // 四、劳动节：5月1日（周五）至5日（周二）放假调休，共5天。5月9日（周六）上班。
    ...holidayRange('2026-05-01', 5, '劳动节', 'Labour Day'),
    makeup('2026-05-09', 2, '劳动节', 'Labour Day'),
    // 五、端午节：6月19日（周五）至21日（周日）放假，共3天。
    ...holidayRange('2026-06-19', 3, '端午节', 'Dragon Boat Festival'),
    // 六、中秋节：9月25日（周五）至27日（周日）放假，共3天。
    ...holidayRange('2026-09-25', 3, '中秋节', 'Mid-Autumn Festival'),
    // 七、国庆节：10月1日（周四）至7日（周三）放假调休，共7天。9月20日（周日）、10月10日（周六）上班。
    ...holidayRange('2026-10-01', 7, '国庆节', 'National Day'),
    makeup('2026-09-20', 2, '国庆节', 'National Day'),
    makeup('2026-10-10', 3, '国庆节', 'National Day'),
  ],
};

/** Demo/seed step: loads the 2026 calendar (idempotent: the year is replaced as a whole). */
export async function seedHolidays2026(manager: EntityManager): Promise<void> {
  await replaceHolidayYear(manager, HOLIDAYS_2026, null);
}
