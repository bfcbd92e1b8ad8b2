import { registerDecorator, ValidationOptions } from 'class-validator';
import { isIsoDate, isLocalTime, isValidTimeZone } from '@yiqiao/domain';

function rule(name: string, test: (value: unknown) => boolean, message: string) {
  return (options?: ValidationOptions) =>
    (target: object, propertyName: string): void =>
      registerDecorator({
        name,
        target: target.constructor,
        propertyName,
        options: { message, ...options },
        validator: { validate: test },
      });
}

/** An IANA time zone name such as "America/New_York" or "Asia/Kathmandu". */
export const IsIanaTimeZone = rule(
  'isIanaTimeZone',
  (v) => typeof v === 'string' && isValidTimeZone(v),
  '$property must be an IANA time zone name such as "Europe/London" or "America/New_York" (got "$value")',
);

/** A real calendar day "yyyy-MM-dd". */
export const IsCalendarDate = rule(
  'isCalendarDate',
  (v) => typeof v === 'string' && isIsoDate(v),
  '$property must be a calendar date written yyyy-MM-dd, e.g. 2026-03-09 (got "$value")',
);

/** A wall-clock time "HH:mm" (24 h). */
export const IsWallClock = rule(
  'isWallClock',
  (v) => typeof v === 'string' && isLocalTime(v),
  '$property must be a 24-hour time written HH:mm, e.g. 09:30 (got "$value")',
);

/** An instant written ISO 8601 with an explicit offset or Z, so no zone is ever guessed. */
export const IsInstantWithOffset = rule(
  'isInstantWithOffset',
  (v) =>
    typeof v === 'string' &&
    /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/.test(v) &&
    !Number.isNaN(Date.parse(v)),
  '$property must be an ISO 8601 instant with an offset, e.g. 2026-03-09T09:00:00+08:00 or 2026-03-09T01:00:00Z (got "$value")',
);
