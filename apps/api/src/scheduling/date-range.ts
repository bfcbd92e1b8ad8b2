import { BadRequestException } from '@nestjs/common';
import { DateTime } from 'luxon';

/**
 * Refuses a range of calendar days (both included) longer than `maxDays`, for endpoints that work day
 * by day. The order of from and to is checked by the DTO (IsNotBefore).
 */
export function assertDaySpan(from: string, to: string, maxDays: number): void {
  const days = DateTime.fromISO(to).diff(DateTime.fromISO(from), 'days').days + 1;
  if (days > maxDays) {
    throw new BadRequestException(
      `from..to spans ${days} days (${from} to ${to}); ask for at most ${maxDays} days at a time`,
    );
  }
}
