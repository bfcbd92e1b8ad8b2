import { registerDecorator, ValidationArguments, ValidationOptions } from 'class-validator';
import { DateTime } from 'luxon';
import { isIsoDate, isLocalTime, isValidTimeZone, SHANGHAI_ZONE } from '@yiqiao/domain';

/**
 * Years an instant or a calendar day may fall in. Far enough for any booking horizon (at most 60
 * months), near enough that every date maths (luxon, JS Date, PostgreSQL ranges) stays 4-digit.
 */
export const FIRST_YEAR = 2000;
export const LAST_YEAR = 2999;
const YEARS = `between the years ${FIRST_YEAR} and ${LAST_YEAR}`;

/** A bad value, quoted up to a short prefix so a huge input is not echoed back. */
export function quoted(value: unknown): string {
  const text = typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
  return JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}…` : text);
}

type Message = (property: string, value: unknown) => string;

function rule(name: string, test: (value: unknown) => boolean, message: Message) {
  return (options?: ValidationOptions) =>
    (target: object, propertyName: string): void =>
      registerDecorator({
        name,
        target: target.constructor,
        propertyName,
        options: { message: (args: ValidationArguments) => message(args.property, args.value), ...options },
        validator: { validate: test },
      });
}

const inYears = (year: number) => year >= FIRST_YEAR && year <= LAST_YEAR;

/** An IANA time zone name such as "America/New_York" or "Asia/Kathmandu". */
export const IsIanaTimeZone = rule(
  'isIanaTimeZone',
  (v) => typeof v === 'string' && isValidTimeZone(v),
  (p, v) =>
    `${p} must be an IANA time zone name such as "Europe/London" or "America/New_York" (got ${quoted(v)})`,
);

/** A real calendar day "yyyy-MM-dd" in 2000–2999. */
export const IsCalendarDate = rule(
  'isCalendarDate',
  (v) => typeof v === 'string' && isIsoDate(v) && inYears(Number(v.slice(0, 4))),
  (p, v) => `${p} must be a calendar date written yyyy-MM-dd ${YEARS}, e.g. 2026-03-09 (got ${quoted(v)})`,
);

/** A wall-clock time "HH:mm" (24 h). */
export const IsWallClock = rule(
  'isWallClock',
  (v) => typeof v === 'string' && isLocalTime(v),
  (p, v) => `${p} must be a 24-hour time written HH:mm, e.g. 09:30 (got ${quoted(v)})`,
);

const INSTANT =
  /^\d{4}-\d{2}-\d{2}T([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,3})?)?(Z|[+-](0\d|1[0-4]):[0-5]\d)$/;

/** Whether an instant string is real (no 30 February, no 24:00, no +99:99) and within the years, in UTC and Shanghai. */
export function isBoundedInstant(value: string): boolean {
  if (!INSTANT.test(value)) return false;
  const parsed = DateTime.fromISO(value, { setZone: true });
  const millis = Date.parse(value);
  if (!parsed.isValid || !Number.isFinite(millis) || parsed.toMillis() !== millis) return false;
  return inYears(parsed.toUTC().year) && inYears(DateTime.fromMillis(millis, { zone: SHANGHAI_ZONE }).year);
}

/** An instant written ISO 8601 with an explicit offset or Z (so no zone is ever guessed), in 2000–2999. */
export const IsInstantWithOffset = rule(
  'isInstantWithOffset',
  (v) => typeof v === 'string' && isBoundedInstant(v),
  (p, v) =>
    `${p} must be an ISO 8601 instant with an offset, a real date ${YEARS}, e.g. 2026-03-09T09:00:00+08:00 or ` +
    `2026-03-09T01:00:00Z (got ${quoted(v)})`,
);

/**
 * For fields already checked by IsISO8601: the value must also be a date JS can represent, in
 * 2000–2999 (IsISO8601 alone lets "+99:99" offsets and year 9999 through to the database).
 */
export const IsInstantInYears = rule(
  'isInstantInYears',
  (v) => {
    if (typeof v !== 'string') return false;
    const millis = Date.parse(v);
    return Number.isFinite(millis) && inYears(new Date(millis).getUTCFullYear());
  },
  (p, v) => `${p} must be a real date-time ${YEARS} (got ${quoted(v)})`,
);

/**
 * The span from `earlier` to `later` in days: calendar days counted both included (a day to itself is
 * 1), instants by elapsed time. NaN when either cannot be read.
 */
function spanDays(later: string, earlier: string): number {
  if (isIsoDate(later) && isIsoDate(earlier)) {
    return DateTime.fromISO(later).diff(DateTime.fromISO(earlier), 'days').days + 1;
  }
  if (isIsoDate(later) !== isIsoDate(earlier)) return Number.NaN;
  return (Date.parse(later) - Date.parse(earlier)) / 86_400_000;
}

function inclusive(value: string): boolean {
  return isIsoDate(value);
}

function related(
  name: string,
  other: string,
  test: (days: number, value: string) => boolean,
  message: (args: ValidationArguments) => string,
): (options?: ValidationOptions) => PropertyDecorator {
  return (options) => (target, propertyName) =>
    registerDecorator({
      name,
      target: target.constructor,
      propertyName: propertyName as string,
      constraints: [other],
      options: { message, ...options },
      validator: {
        validate(value: unknown, args: ValidationArguments): boolean {
          const start = (args.object as Record<string, unknown>)[other];
          if (typeof value !== 'string' || typeof start !== 'string') return true;
          const days = spanDays(value, start);
          // An unreadable value is its own field's error, not this one.
          return Number.isNaN(days) || test(days, value);
        },
      },
    });
}

const both = (args: ValidationArguments, other: string) =>
  `got ${other} ${quoted((args.object as Record<string, unknown>)[other])}, ${args.property} ${quoted(args.value)}`;

/** `to` must not be before `from` (the other property), when both are given. */
export function IsNotBefore(other: string, options?: ValidationOptions): PropertyDecorator {
  return related(
    'isNotBefore',
    other,
    (days, value) => (inclusive(value) ? days >= 1 : days >= 0),
    (args) => `${args.property} must not be before ${other} (${both(args, other)})`,
  )(options);
}

/**
 * The range from the other property to this one spans at most `maxDays` days: calendar days are
 * counted both included (from = to is 1 day); instants by elapsed time.
 */
export function SpansAtMostDays(
  other: string,
  maxDays: number,
  options?: ValidationOptions,
): PropertyDecorator {
  return related(
    'spansAtMostDays',
    other,
    (days) => days <= maxDays,
    (args) =>
      `${other}..${args.property} may span at most ${maxDays} days; ask for a shorter range (${both(args, other)})`,
  )(options);
}
