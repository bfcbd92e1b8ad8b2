import { DateTime } from 'luxon';
import { SHANGHAI_ZONE } from '../time-zones';
import type { Interval } from './types';

export interface ZonedSpan {
  zone: string;
  /** ISO 8601 with the zone's offset at that instant, e.g. "2026-03-09T09:00:00+08:00". */
  start: string;
  end: string;
}

/** One span of time as UTC, Shanghai wall clock and the patient's wall clock. */
export interface TwoClockSpan {
  startsAt: string;
  endsAt: string;
  shanghai: ZonedSpan;
  patient: ZonedSpan | null;
}

const iso = (instant: Date, zone: string): string =>
  DateTime.fromJSDate(instant, { zone }).toISO({ suppressMilliseconds: true }) as string;

export function zonedSpan(span: Interval, zone: string): ZonedSpan {
  return { zone, start: iso(span.start, zone), end: iso(span.end, zone) };
}

export function twoClocks(span: Interval, patientZone: string | null): TwoClockSpan {
  return {
    startsAt: iso(span.start, 'UTC'),
    endsAt: iso(span.end, 'UTC'),
    shanghai: zonedSpan(span, SHANGHAI_ZONE),
    patient: patientZone ? zonedSpan(span, patientZone) : null,
  };
}
