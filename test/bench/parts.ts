import type { BenchPart } from './part';
import { SFU_CAPACITY } from './sfu/capacity-part';

/** Every benchmark part, in the order `npm run bench` runs them. */
export const BENCH_PARTS: BenchPart[] = [SFU_CAPACITY];
