import { ValidateBy, type ValidationOptions } from 'class-validator';
import { isValidTimeZone } from '@yiqiao/domain';
import { quoteValue } from './error-text';

/** An IANA time zone name that luxon knows, e.g. "America/New_York" (not an offset like "+08:00"). */
export function IsIanaTimeZone(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isIanaTimeZone',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && isValidTimeZone(value),
        defaultMessage: (args) =>
          `${args?.property ?? 'timeZone'} must be an IANA time zone such as "Europe/London" or "Asia/Shanghai" (got ${quoteValue(args?.value)})`,
      },
    },
    options,
  );
}
