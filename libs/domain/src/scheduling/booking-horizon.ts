import { DateTime } from 'luxon';
import { SHANGHAI_ZONE } from '../time-zones';

/** How far ahead a consultation may start, per institution (institutions.booking_horizon_months). */
export const DEFAULT_BOOKING_HORIZON_MONTHS = 18;
export const MIN_BOOKING_HORIZON_MONTHS = 1;
export const MAX_BOOKING_HORIZON_MONTHS = 60;

/**
 * The last Shanghai calendar day a consultation may start on: today in Shanghai plus the horizon
 * (luxon clamps the day, so 31 December + 18 months is 30 June).
 */
export function lastBookableDay(now: Date, horizonMonths: number): string {
  return DateTime.fromJSDate(now, { zone: SHANGHAI_ZONE })
    .plus({ months: horizonMonths })
    .toISODate() as string;
}

/** The first instant beyond the horizon: Shanghai midnight after the last bookable day. */
export function horizonEnd(now: Date, horizonMonths: number): Date {
  return DateTime.fromJSDate(now, { zone: SHANGHAI_ZONE })
    .plus({ months: horizonMonths })
    .startOf('day')
    .plus({ days: 1 })
    .toJSDate();
}

/** Whether a start lies beyond the horizon (after the last bookable Shanghai day). */
export function beyondHorizon(start: Date, now: Date, horizonMonths: number): boolean {
  return start.getTime() >= horizonEnd(now, horizonMonths).getTime();
}
