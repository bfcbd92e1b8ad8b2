import { DateTime } from 'luxon';
import { SHANGHAI_ZONE } from '../time-zones';

const HH_MM = /^([01]\d|2[0-3]):([0-5]\d)$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export function isLocalTime(value: string): boolean {
  return HH_MM.test(value);
}

/** True for a real calendar day written "yyyy-MM-dd" (rejects 2026-02-30). */
export function isIsoDate(value: string): boolean {
  return ISO_DATE.test(value) && DateTime.fromISO(value, { zone: SHANGHAI_ZONE }).isValid;
}

/** The instant at which a wall clock in `zone` shows `time` on `date`. */
export function wallClock(date: string, time: string, zone: string = SHANGHAI_ZONE): DateTime {
  const parsed = DateTime.fromISO(`${date}T${time}`, { zone });
  if (!parsed.isValid) throw new Error(`Invalid local time ${date}T${time} in ${zone}`);
  return parsed;
}

/** Every Shanghai calendar day from `from` to `to`, both included. */
export function daysBetween(from: string, to: string): string[] {
  const days: string[] = [];
  let day = DateTime.fromISO(from, { zone: SHANGHAI_ZONE });
  const last = DateTime.fromISO(to, { zone: SHANGHAI_ZONE });
  while (day <= last) {
    days.push(day.toISODate() as string);
    day = day.plus({ days: 1 });
  }
  return days;
}

/** The Shanghai calendar day an instant falls on. */
export function shanghaiDate(instant: Date): string {
  return DateTime.fromJSDate(instant, { zone: SHANGHAI_ZONE }).toISODate() as string;
}

/** The years a range of Shanghai days touches, so missing holiday calendars can be flagged. */
export function yearsBetween(from: string, to: string): number[] {
  const first = Number(from.slice(0, 4));
  const last = Number(to.slice(0, 4));
  const years: number[] = [];
  for (let year = first; year <= last; year += 1) years.push(year);
  return years;
}
