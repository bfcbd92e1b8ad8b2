import { findSlots, withinPatientHours } from './slots';
import { twoClocks } from './two-clocks';
import { workingWindows } from './working-windows';
import type { Interval, WeeklyRule } from './types';

const everyDay = (start: string, end: string): WeeklyRule[] =>
  ([1, 2, 3, 4, 5, 6, 7] as const).map((weekday) => ({
    weekday,
    startLocal: start,
    endLocal: end,
    effectiveFrom: '2026-01-01',
    effectiveUntil: null,
  }));

function slotsFor(day: string, zone: string, start = '08:00', end = '12:00', busy: Interval[] = []) {
  const windows = workingWindows({
    rules: everyDay(start, end),
    exceptions: [],
    calendar: new Map(),
    makeupRule: { kind: 'calendar_weekday' },
    from: day,
    to: day,
  });
  return findSlots({
    windows,
    durationMinutes: 30,
    busy,
    bufferMinutes: 0,
    patientHours: { zone, earliest: '07:00', latest: '22:00' },
    now: new Date('2026-01-01T00:00:00Z'),
  }).map((slot) => twoClocks(slot, zone));
}

describe('slots in two clocks', () => {
  it('New York across the March switch: Shanghai time stays, the patient clock moves an hour', () => {
    const before = slotsFor('2026-03-06', 'America/New_York', '09:00', '12:00');
    const after = slotsFor('2026-03-09', 'America/New_York', '09:00', '12:00');
    expect(before[0].shanghai.start).toBe('2026-03-06T09:00:00+08:00');
    expect(before[0].patient?.start).toBe('2026-03-05T20:00:00-05:00');
    expect(after[0].shanghai.start).toBe('2026-03-09T09:00:00+08:00');
    expect(after[0].patient?.start).toBe('2026-03-08T21:00:00-04:00');
    // Patient's 22:00 limit: 10:30 Shanghai still fits in EST, only 09:30 in EDT.
    expect(before.map((s) => s.shanghai.start.slice(11, 16))).toEqual(['09:00', '09:30', '10:00', '10:30']);
    expect(after.map((s) => s.shanghai.start.slice(11, 16))).toEqual(['09:00', '09:30']);
  });

  it('New York across the November switch', () => {
    const before = slotsFor('2026-10-30', 'America/New_York', '09:00', '12:00');
    const after = slotsFor('2026-11-02', 'America/New_York', '09:00', '12:00');
    expect(before[0].patient?.start).toBe('2026-10-29T21:00:00-04:00');
    expect(after[0].patient?.start).toBe('2026-11-01T20:00:00-05:00');
    expect(before[0].startsAt).toBe('2026-10-30T01:00:00Z');
    expect(after[0].startsAt).toBe('2026-11-02T01:00:00Z');
  });

  it('London across both 2026 switches', () => {
    expect(slotsFor('2026-03-27', 'Europe/London', '15:00', '16:00')[0].patient?.start).toBe(
      '2026-03-27T07:00:00Z'.replace('Z', '+00:00'),
    );
    expect(slotsFor('2026-03-30', 'Europe/London', '15:00', '16:00')[0].patient?.start).toBe(
      '2026-03-30T08:00:00+01:00',
    );
    expect(slotsFor('2026-10-23', 'Europe/London', '15:00', '16:00')[0].patient?.start).toBe(
      '2026-10-23T08:00:00+01:00',
    );
    expect(slotsFor('2026-10-26', 'Europe/London', '15:00', '16:00')[0].patient?.start).toBe(
      '2026-10-26T07:00:00+00:00',
    );
  });

  it('Kathmandu (+05:45): 09:00 Shanghai is 06:45 there, too early; 09:30 is 07:15', () => {
    const slots = slotsFor('2026-04-15', 'Asia/Kathmandu', '09:00', '10:00');
    expect(slots.map((s) => s.patient?.start)).toEqual(['2026-04-15T07:15:00+05:45']);
  });

  it('keeps the buffer around busy time and lets adjacent slots both exist', () => {
    const busy = [{ start: new Date('2026-04-15T01:00:00Z'), end: new Date('2026-04-15T01:30:00Z') }];
    const windows = [{ start: new Date('2026-04-15T00:00:00Z'), end: new Date('2026-04-15T03:00:00Z') }];
    const base = { windows, durationMinutes: 30, busy, patientHours: null, now: new Date('2026-01-01') };
    const noBuffer = findSlots({ ...base, bufferMinutes: 0 }).map((s) => s.start.toISOString().slice(11, 16));
    expect(noBuffer).toEqual(['00:00', '00:30', '01:30', '02:00', '02:30']);
    const buffered = findSlots({ ...base, bufferMinutes: 10 }).map((s) =>
      s.start.toISOString().slice(11, 16),
    );
    expect(buffered).toEqual(['00:00', '02:00', '02:30']);
  });

  it('never offers a slot that has started', () => {
    const windows = [{ start: new Date('2026-04-15T00:00:00Z'), end: new Date('2026-04-15T02:00:00Z') }];
    const slots = findSlots({
      windows,
      durationMinutes: 30,
      busy: [],
      bufferMinutes: 0,
      patientHours: null,
      now: new Date('2026-04-15T00:45:00Z'),
    });
    expect(slots.map((s) => s.start.toISOString())).toEqual([
      '2026-04-15T01:00:00.000Z',
      '2026-04-15T01:30:00.000Z',
    ]);
  });

  it('offers nothing that starts before notBefore (the caller’s notice), a slot exactly at it included', () => {
    const windows = [{ start: new Date('2026-04-15T00:00:00Z'), end: new Date('2026-04-15T04:00:00Z') }];
    const slots = findSlots({
      windows,
      durationMinutes: 30,
      busy: [],
      bufferMinutes: 0,
      patientHours: null,
      now: new Date('2026-04-15T00:45:00Z'),
      notBefore: new Date('2026-04-15T02:45:00Z'),
    });
    expect(slots.map((s) => s.start.toISOString())).toEqual([
      '2026-04-15T03:00:00.000Z',
      '2026-04-15T03:30:00.000Z',
    ]);
    const exact = findSlots({
      windows,
      durationMinutes: 30,
      busy: [],
      bufferMinutes: 0,
      patientHours: null,
      now: new Date('2026-04-15T01:00:00Z'),
      notBefore: new Date('2026-04-15T03:00:00Z'),
    });
    expect(exact[0].start.toISOString()).toBe('2026-04-15T03:00:00.000Z');
  });

  it('checks patient hours on the patient’s own day', () => {
    const slot = { start: new Date('2026-07-01T02:00:00Z'), end: new Date('2026-07-01T02:30:00Z') };
    expect(
      withinPatientHours(slot, { zone: 'America/Los_Angeles', earliest: '07:00', latest: '22:00' }),
    ).toBe(true);
    expect(
      withinPatientHours(slot, { zone: 'America/Los_Angeles', earliest: '07:00', latest: '19:00' }),
    ).toBe(false);
    expect(withinPatientHours(slot, { zone: 'Europe/Berlin', earliest: '03:00', latest: '05:00' })).toBe(
      true,
    );
  });
});
