import { shiftDate, testClockOffset } from './test-clock';

describe('test clock', () => {
  it('moves "now" by the offset and leaves explicit instants alone', () => {
    const scope = { Date };
    shiftDate(scope, 86_400_000);
    const shifted = new scope.Date();
    expect(shifted.getTime() - Date.now()).toBeGreaterThan(86_400_000 - 1_000);
    expect(scope.Date.now() - Date.now()).toBeGreaterThan(86_400_000 - 1_000);
    expect(new scope.Date('2026-12-31T15:30:00Z').toISOString()).toBe('2026-12-31T15:30:00.000Z');
    expect(scope.Date.UTC(2026, 0, 1)).toBe(Date.UTC(2026, 0, 1));
    expect(shifted).toBeInstanceOf(Date);
  });

  it('derives one offset from YIQIAO_TEST_NOW and keeps it for the whole run', () => {
    const env: NodeJS.ProcessEnv = { YIQIAO_TEST_NOW: '2030-01-01T00:00:00Z' };
    const offset = testClockOffset(env);
    expect(Math.abs(Date.now() + offset - Date.parse('2030-01-01T00:00:00Z'))).toBeLessThan(1_000);
    expect(env.YIQIAO_TEST_CLOCK_OFFSET_MS).toBe(String(offset));
    expect(testClockOffset({})).toBe(0);
    expect(() => testClockOffset({ YIQIAO_TEST_NOW: 'tomorrow' })).toThrow(/not an ISO 8601 instant/);
  });
});
