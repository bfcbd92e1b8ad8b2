import { BadRequestException } from '@nestjs/common';

/** Years a holiday calendar may be loaded or read for. */
export const FIRST_HOLIDAY_YEAR = 2000;
export const LAST_HOLIDAY_YEAR = 2200;

/**
 * The `:year` path segment as a year: exactly four digits (no sign, hex, spaces or decimals), from
 * 2000 to 2200. Read from the raw text: the global pipe's number conversion would take "0x7EA" and
 * "2026 " for 2026.
 */
export function holidayYear(raw: string): number {
  const year = /^\d{4}$/.test(raw) ? Number(raw) : Number.NaN;
  if (!(year >= FIRST_HOLIDAY_YEAR && year <= LAST_HOLIDAY_YEAR)) {
    const shown = JSON.stringify(raw.length > 20 ? `${raw.slice(0, 20)}…` : raw);
    throw new BadRequestException(
      `year must be a year written with 4 digits, from ${FIRST_HOLIDAY_YEAR} to ${LAST_HOLIDAY_YEAR}, such as 2027 (got ${shown})`,
    );
  }
  return year;
}
