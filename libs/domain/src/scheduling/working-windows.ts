import { DateTime } from 'luxon';
import { SHANGHAI_ZONE } from '../time-zones';
import { mergeIntervals, subtractIntervals } from './intervals';
import { daysBetween, wallClock } from './local-time';
import type {
  AvailabilityException,
  CalendarDay,
  Interval,
  IsoWeekday,
  MakeupDayRule,
  WeeklyRule,
} from './types';

export interface WorkingWindowsInput {
  rules: readonly WeeklyRule[];
  exceptions: readonly AvailabilityException[];
  /** Calendar rows by date ("yyyy-MM-dd"); days without a row are ordinary days. */
  calendar: ReadonlyMap<string, CalendarDay>;
  makeupRule: MakeupDayRule;
  /** First and last Shanghai calendar day, both included. */
  from: string;
  to: string;
}

export interface DayPlan {
  date: string;
  /** The weekday whose weekly rules apply, or null when nothing applies (a public holiday). */
  scheduleWeekday: IsoWeekday | null;
  calendarDay: CalendarDay | null;
}

/** Which weekly schedule a Shanghai day follows, given the holiday calendar and the institution's rule. */
export function planDay(
  date: string,
  calendar: ReadonlyMap<string, CalendarDay>,
  makeupRule: MakeupDayRule,
): DayPlan {
  const calendarDay = calendar.get(date) ?? null;
  const ownWeekday = DateTime.fromISO(date, { zone: SHANGHAI_ZONE }).weekday as IsoWeekday;
  if (!calendarDay) return { date, scheduleWeekday: ownWeekday, calendarDay };
  if (calendarDay.kind === 'holiday') return { date, scheduleWeekday: null, calendarDay };
  const scheduleWeekday =
    makeupRule.kind === 'fixed_weekday' ? makeupRule.weekday : (calendarDay.scheduleWeekday ?? ownWeekday);
  return { date, scheduleWeekday, calendarDay };
}

function ruleApplies(rule: WeeklyRule, date: string, weekday: IsoWeekday): boolean {
  return (
    rule.weekday === weekday &&
    rule.effectiveFrom <= date &&
    (rule.effectiveUntil === null || date <= rule.effectiveUntil)
  );
}

/**
 * The instants a specialist works between two Shanghai days: weekly rules (on holidays none, on make-up
 * days those of the weekday the institution's rule names), minus time off, plus extra sessions. Extra
 * sessions count even on holidays: the specialist chose to work.
 */
export function workingWindows(input: WorkingWindowsInput): Interval[] {
  const fromRules: Interval[] = [];
  for (const date of daysBetween(input.from, input.to)) {
    const plan = planDay(date, input.calendar, input.makeupRule);
    if (plan.scheduleWeekday === null) continue;
    for (const rule of input.rules) {
      if (!ruleApplies(rule, date, plan.scheduleWeekday)) continue;
      fromRules.push({
        start: wallClock(date, rule.startLocal).toJSDate(),
        end: wallClock(date, rule.endLocal).toJSDate(),
      });
    }
  }
  const timeOff = input.exceptions.filter((e) => e.kind === 'time_off');
  const extra = input.exceptions.filter((e) => e.kind === 'extra_session');
  const rangeStart = wallClock(input.from, '00:00').toJSDate();
  const rangeEnd = wallClock(input.to, '00:00').plus({ days: 1 }).toJSDate();
  const extraInRange = extra
    .filter((e) => e.start < rangeEnd && rangeStart < e.end)
    .map((e) => ({
      start: e.start < rangeStart ? rangeStart : e.start,
      end: e.end > rangeEnd ? rangeEnd : e.end,
    }));
  const withoutTimeOff = subtractIntervals(fromRules, timeOff);
  return mergeIntervals([...withoutTimeOff, ...subtractIntervals(extraInRange, timeOff)]);
}
