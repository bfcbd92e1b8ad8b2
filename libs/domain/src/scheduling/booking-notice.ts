import type { Role } from '../roles';

/** An institution's minimum notice for a booking's start, in minutes. */
export interface BookingNotice {
  /** Patients booking or moving their own consultation (default 120). */
  patientMinutes: number;
  /** Coordinators and administrators (default 0). */
  coordinatorMinutes: number;
}

/** Patients book with the patients' notice; everyone else who may book (staff) with the coordinators'. */
export function noticeMinutesFor(role: Role, notice: BookingNotice): number {
  return role === 'patient' ? notice.patientMinutes : notice.coordinatorMinutes;
}

/** The instant `noticeMinutes` after `now`: a start before it is too soon. */
export function noticeBoundary(now: Date, noticeMinutes: number): Date {
  return new Date(now.getTime() + noticeMinutes * 60_000);
}

/** Whether a start keeps the notice: in the future, and not before now + notice. */
export function keepsNotice(start: Date, now: Date, noticeMinutes: number): boolean {
  return start > now && start >= noticeBoundary(now, noticeMinutes);
}

/** The earliest start a person can pick, to the minute: now + notice, rounded up to the next whole minute. */
export function earliestBookableStart(now: Date, noticeMinutes: number): Date {
  const boundary = noticeBoundary(now, noticeMinutes).getTime();
  return new Date(Math.ceil(boundary / 60_000) * 60_000);
}

/**
 * Whether a start is no further from now than a cut-off, i.e. the cut-off instant (start − cut-off) has
 * come: the interpreter search escalates at once from then on (planOffers in libs/interpreters).
 */
export function insideCutoff(start: Date, now: Date, cutoffMinutes: number): boolean {
  return start.getTime() - now.getTime() <= cutoffMinutes * 60_000;
}
