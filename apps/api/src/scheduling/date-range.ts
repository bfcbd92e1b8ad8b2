import { BadRequestException } from '@nestjs/common';
import { DateTime } from 'luxon';

/** Rejects an inverted or over-long range of calendar days with a message saying what to send. */
export function assertDayRange(from: string, to: string, maxDays: number): void {
  if (to < from) throw new BadRequestException(`to (${to}) is before from (${from}): send from <= to`);
  const days = DateTime.fromISO(to).diff(DateTime.fromISO(from), 'days').days + 1;
  if (days > maxDays) {
    throw new BadRequestException(
      `The range ${from}..${to} spans ${days} days; ask for at most ${maxDays} at a time`,
    );
  }
}
