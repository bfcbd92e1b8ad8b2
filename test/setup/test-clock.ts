import { shiftDate, testClockOffset } from '../../libs/testing/src/test-clock';

// Test-only (see libs/testing/src/test-clock.ts): a jest worker, or an app process started with
// `node --require`, runs at the run's moved instant. Nothing happens at offset 0.
const offset = testClockOffset();
if (offset !== 0) shiftDate(globalThis, offset);
