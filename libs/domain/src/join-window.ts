import { DateTime } from 'luxon';

/** An institution's join rules (institutions.join_lead_minutes & co.). */
export interface JoinWindowRules {
  /** patients, guests and interpreters may join this long before the start */
  leadMinutes: number;
  /** the specialist and coordinators may open the room this long before the start */
  staffLeadMinutes: number;
  /** the room stays open this long after the scheduled end */
  graceMinutes: number;
}

export interface JoinWindow {
  participantsOpenAt: Date;
  staffOpenAt: Date;
  closesAt: Date;
}

/** Who a window opens for: staff may prepare the room earlier than the people they receive. */
export type JoinSide = 'staff' | 'participant';

export interface ScheduledSpan {
  startsAt: Date;
  endsAt: Date;
  /** a coordinator's "start now": the room opened for everyone at that instant */
  openedEarlyAt: Date | null;
}

export function joinWindow(span: ScheduledSpan, rules: JoinWindowRules): JoinWindow {
  const start = DateTime.fromJSDate(span.startsAt);
  const earlier = (a: Date, b: Date | null) => (b && b < a ? b : a);
  return {
    participantsOpenAt: earlier(start.minus({ minutes: rules.leadMinutes }).toJSDate(), span.openedEarlyAt),
    staffOpenAt: earlier(start.minus({ minutes: rules.staffLeadMinutes }).toJSDate(), span.openedEarlyAt),
    closesAt: DateTime.fromJSDate(span.endsAt).plus({ minutes: rules.graceMinutes }).toJSDate(),
  };
}

export function opensAtFor(window: JoinWindow, side: JoinSide): Date {
  return side === 'staff' ? window.staffOpenAt : window.participantsOpenAt;
}

export type JoinWindowState = 'not_open' | 'open' | 'closed';

/** Where `now` falls in the window for one side: [opensAt, closesAt). */
export function joinWindowState(window: JoinWindow, side: JoinSide, now: Date): JoinWindowState {
  if (now >= window.closesAt) return 'closed';
  return now < opensAtFor(window, side) ? 'not_open' : 'open';
}
