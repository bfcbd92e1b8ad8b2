import { DateTime } from 'luxon';
import { overlaps } from './intervals';
import { wallClock } from './local-time';
import type { Interval, PatientHours } from './types';

export interface SlotSearchInput {
  windows: readonly Interval[];
  durationMinutes: number;
  /** Live bookings of the specialist and of the patient. */
  busy: readonly Interval[];
  /** Minimum gap the institution keeps between a busy period and a new consultation. */
  bufferMinutes: number;
  /** Null when the search is not on behalf of a patient (e.g. a board). */
  patientHours: PatientHours | null;
  /** Slots must start after this instant. */
  now: Date;
  /** Slots must also start at or after this instant: now + the caller's booking notice. */
  notBefore?: Date;
}

function widen(interval: Interval, minutes: number): Interval {
  return {
    start: DateTime.fromJSDate(interval.start).minus({ minutes }).toJSDate(),
    end: DateTime.fromJSDate(interval.end).plus({ minutes }).toJSDate(),
  };
}

/** Whether a slot lies inside the patient's acceptable hours on the patient's own calendar day. */
export function withinPatientHours(slot: Interval, hours: PatientHours): boolean {
  const localStart = DateTime.fromJSDate(slot.start, { zone: hours.zone });
  const localEnd = DateTime.fromJSDate(slot.end, { zone: hours.zone });
  const day = localStart.toISODate() as string;
  const earliest = wallClock(day, hours.earliest, hours.zone);
  const latest = wallClock(day, hours.latest, hours.zone);
  return localStart >= earliest && localEnd <= latest;
}

/** Whether a slot keeps the buffer to every busy period. */
export function clearOfBusy(slot: Interval, busy: readonly Interval[], bufferMinutes: number): boolean {
  return !busy.some((b) => overlaps(slot, widen(b, bufferMinutes)));
}

/** Whether an interval lies wholly inside one working window. */
export function insideWindows(slot: Interval, windows: readonly Interval[]): boolean {
  return windows.some((w) => w.start <= slot.start && slot.end <= w.end);
}

/**
 * Cuts working windows into back-to-back slots of the consultation's length and keeps those that start
 * in the future and not before `notBefore` (so only bookable slots are offered), keep the buffer to
 * busy periods and fall within the patient's waking hours.
 */
export function findSlots(input: SlotSearchInput): Interval[] {
  const slots: Interval[] = [];
  for (const window of input.windows) {
    let start = DateTime.fromJSDate(window.start);
    const windowEnd = DateTime.fromJSDate(window.end);
    for (;;) {
      const end = start.plus({ minutes: input.durationMinutes });
      if (end > windowEnd) break;
      const slot = { start: start.toJSDate(), end: end.toJSDate() };
      if (
        slot.start > input.now &&
        (input.notBefore === undefined || slot.start >= input.notBefore) &&
        clearOfBusy(slot, input.busy, input.bufferMinutes) &&
        (input.patientHours === null || withinPatientHours(slot, input.patientHours))
      ) {
        slots.push(slot);
      }
      start = end;
    }
  }
  return slots;
}
