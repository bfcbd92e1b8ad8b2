import { UnprocessableEntityException } from '@nestjs/common';

/**
 * 422 `beyond_horizon`: the start (or a slot search's first day) is after the institution's last
 * bookable day. The message names that day in Shanghai time and what to do instead.
 */
export function beyondHorizon(
  what: string,
  lastBookableDay: string,
  horizonMonths: number,
): UnprocessableEntityException {
  return new UnprocessableEntityException({
    statusCode: 422,
    error: 'Unprocessable Entity',
    code: 'beyond_horizon',
    message:
      `${what} is beyond this hospital's booking horizon of ${horizonMonths} month${horizonMonths === 1 ? '' : 's'}: ` +
      `the last bookable ` +
      `day is ${lastBookableDay} (Shanghai time). Pick a day up to then.`,
    lastBookableDay,
    horizonMonths,
  });
}
