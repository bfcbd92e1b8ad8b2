import type { BenchPart } from './part';
import { JOIN_TIME } from './join/join-part';
import { SFU_CAPACITY } from './sfu/capacity-part';
import { SIGNALLING } from './signalling/signalling-part';
import { BOOKING } from './booking/booking-part';
import { REMINDERS } from './reminders/reminders-part';
import { INTERPRETERS_PART } from './interpreters/interpreters-part';

/** Every benchmark part, in the order `npm run bench` runs them. */
export const BENCH_PARTS: BenchPart[] = [
  SFU_CAPACITY,
  JOIN_TIME,
  SIGNALLING,
  BOOKING,
  REMINDERS,
  INTERPRETERS_PART,
];
