import { Injectable } from '@nestjs/common';

/**
 * The one place scheduling asks for the current instant (slots must be in the future, cut-offs count
 * back from a start). Tests of 2026's DST and holiday dates move it with jest.spyOn.
 */
@Injectable()
export class SchedulingClock {
  now(): Date {
    return new Date();
  }
}
