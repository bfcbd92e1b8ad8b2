/**
 * The one source of "now" for every business rule (join window, notice, cut-offs, reminders, offer
 * deadlines). Nest injects it by this class; tests replace or move it, so no rule reads the host clock.
 */
export abstract class Clock {
  abstract now(): Date;
}

/** The host's clock: what every app runs with. */
export class SystemClock extends Clock {
  now(): Date {
    return new Date();
  }
}
