import { HttpStatus } from '@nestjs/common';
import {
  pgError,
  PG_EXCLUSION_VIOLATION,
  PG_FOREIGN_KEY_VIOLATION,
  PG_UNIQUE_VIOLATION,
} from '@yiqiao/persistence';

export interface ErrorAnswer {
  status: number;
  message: string;
}

/** `Key (department_id)=(…) is not present in table "departments".` → `department_id` */
function keyColumn(detail: string | undefined): string | undefined {
  return /Key \(([^)]+)\)=/.exec(detail ?? '')?.[1];
}

/**
 * Known PostgreSQL failures that come from the caller's input, as a 4xx a person can act on. Services
 * should validate first; this is the safety net so such a failure is never a 500. Returns undefined
 * for anything else (a genuine server error).
 */
export function answerForPgError(error: unknown): ErrorAnswer | undefined {
  const pg = pgError(error);
  if (!pg?.code) return undefined;
  const column = keyColumn(pg.detail);
  switch (pg.code) {
    case '22P02': // invalid_text_representation, e.g. 'abc'::uuid
      return {
        status: HttpStatus.BAD_REQUEST,
        message: 'A value has the wrong format (an id must be a UUID)',
      };
    case '22007': // invalid_datetime_format
    case '22008': // datetime_field_overflow
      return { status: HttpStatus.BAD_REQUEST, message: 'A date or time is not valid (use ISO 8601)' };
    case '22021': // character_not_in_repertoire, e.g. a NUL character in text
    case '22P05': // untranslatable_character
      return {
        status: HttpStatus.BAD_REQUEST,
        message: 'A text contains a character that cannot be stored (such as NUL); remove it',
      };
    case '22025': // invalid_escape_sequence (LIKE patterns)
    case '2201B': // invalid_regular_expression
      return { status: HttpStatus.BAD_REQUEST, message: 'A search text has a form that cannot be used' };
    case '22001': // string_data_right_truncation
      return { status: HttpStatus.BAD_REQUEST, message: 'A text value is too long' };
    case '22003': // numeric_value_out_of_range
      return { status: HttpStatus.BAD_REQUEST, message: 'A number is out of range' };
    case '23514': // check_violation
      return {
        status: HttpStatus.BAD_REQUEST,
        message: `A value breaks a rule (${pg.constraint ?? 'check'})`,
      };
    case '23502': // not_null_violation
      return { status: HttpStatus.BAD_REQUEST, message: 'A required value is missing' };
    case PG_FOREIGN_KEY_VIOLATION:
      // On insert/update: the referenced record does not exist. On delete: something still uses it.
      return /is still referenced/.test(pg.detail ?? '')
        ? { status: HttpStatus.CONFLICT, message: 'This record is still in use and cannot be removed' }
        : {
            status: HttpStatus.BAD_REQUEST,
            message: `${column ?? 'A referenced record'} refers to a record that does not exist`,
          };
    case PG_UNIQUE_VIOLATION:
      return { status: HttpStatus.CONFLICT, message: `${column ?? 'A value'} is already in use` };
    case PG_EXCLUSION_VIOLATION:
      return { status: HttpStatus.CONFLICT, message: 'This conflicts with an existing booking' };
    default:
      return undefined;
  }
}
