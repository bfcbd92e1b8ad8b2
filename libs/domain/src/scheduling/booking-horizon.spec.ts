import { beyondHorizon, horizonEnd, lastBookableDay } from './booking-horizon';

describe('booking horizon', () => {
  it('ends on the Shanghai day `months` ahead, included', () => {
    const now = new Date('2026-03-09T03:00:00+08:00');
    expect(lastBookableDay(now, 18)).toBe('2027-09-09');
    expect(horizonEnd(now, 18).toISOString()).toBe('2027-09-09T16:00:00.000Z');
    expect(beyondHorizon(new Date('2027-09-09T23:59:00+08:00'), now, 18)).toBe(false);
    expect(beyondHorizon(new Date('2027-09-10T00:00:00+08:00'), now, 18)).toBe(true);
  });

  it('counts from the Shanghai day, not the UTC one', () => {
    // 23:30 on 31 December in Shanghai is still 31 December 15:30 UTC: the day is Shanghai's.
    const newYearsEve = new Date('2026-12-31T23:30:00+08:00');
    expect(lastBookableDay(newYearsEve, 18)).toBe('2028-06-30');
    expect(lastBookableDay(newYearsEve, 1)).toBe('2027-01-31');
    // 03:00 in Shanghai is the previous day in UTC.
    expect(lastBookableDay(new Date('2026-06-10T03:00:00+08:00'), 1)).toBe('2026-07-10');
  });

  it('treats far-future starts as beyond it', () => {
    const now = new Date('2026-06-14T19:45:00+08:00');
    expect(beyondHorizon(new Date('2300-01-01T01:00:00Z'), now, 60)).toBe(true);
    expect(beyondHorizon(new Date('2031-06-14T12:00:00+08:00'), now, 60)).toBe(false);
  });
});
