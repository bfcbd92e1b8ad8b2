/** ISO weekday as luxon numbers it: 1 = Monday … 7 = Sunday. */
export type IsoWeekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

/** A span of time between two instants, half open: [start, end). */
export interface Interval {
  start: Date;
  end: Date;
}

/** A weekly session of a specialist, in Asia/Shanghai wall-clock time. */
export interface WeeklyRule {
  weekday: IsoWeekday;
  /** "HH:mm" in Asia/Shanghai. */
  startLocal: string;
  /** "HH:mm" in Asia/Shanghai, after startLocal. */
  endLocal: string;
  /** First Shanghai calendar day the rule applies ("yyyy-MM-dd"). */
  effectiveFrom: string;
  /** Last Shanghai calendar day the rule applies, inclusive; null = open ended. */
  effectiveUntil: string | null;
}

export type ExceptionKind = 'time_off' | 'extra_session';

/** A one-off change to a specialist's week: time off removes time, an extra session adds it. */
export interface AvailabilityException extends Interval {
  kind: ExceptionKind;
}

export type CalendarDayKind = 'holiday' | 'makeup_workday';

/** One row of the mainland holiday calendar. */
export interface CalendarDay {
  /** "yyyy-MM-dd", a Shanghai calendar day. */
  date: string;
  kind: CalendarDayKind;
  nameEn: string;
  nameZh: string;
  /** For make-up working days: whose weekday's schedule the day follows, as the calendar lists it. */
  scheduleWeekday: IsoWeekday | null;
  /** True for a fixed-date statutory holiday assumed because the year's notice is not loaded yet. */
  provisional?: boolean;
}

/** How an institution staffs a make-up working day (调休). */
export type MakeupDayRule = { kind: 'calendar_weekday' } | { kind: 'fixed_weekday'; weekday: IsoWeekday };

export const MAKEUP_DAY_RULE_KINDS = ['calendar_weekday', 'fixed_weekday'] as const;

/** The waking hours a patient accepts, "HH:mm" in the patient's own zone. */
export interface PatientHours {
  zone: string;
  earliest: string;
  latest: string;
}

export const DEFAULT_PATIENT_EARLIEST = '07:00';
export const DEFAULT_PATIENT_LATEST = '22:00';
