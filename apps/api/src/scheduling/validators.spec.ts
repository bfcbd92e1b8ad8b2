import 'reflect-metadata';
import { validateSync } from 'class-validator';
import {
  IsCalendarDate,
  IsInstantWithOffset,
  IsNotBefore,
  isBoundedInstant,
  quoted,
  SpansAtMostDays,
} from './validators';

class DayRange {
  @IsCalendarDate() from!: string;
  @IsCalendarDate() @IsNotBefore('from') @SpansAtMostDays('from', 31) to!: string;
}

class Instant {
  @IsInstantWithOffset() startsAt!: string;
}

const messages = (object: object) => validateSync(object).flatMap((e) => Object.values(e.constraints ?? {}));
const range = (from: string, to: string) => Object.assign(new DayRange(), { from, to });

describe('instants', () => {
  it.each([
    '2026-03-09T09:00:00+08:00',
    '2026-03-09T01:00:00Z',
    '2026-03-09T01:00Z',
    '2300-01-01T01:00:00.123Z',
    '2999-12-31T15:59:59Z',
  ])('accepts %s', (value) => expect(isBoundedInstant(value)).toBe(true));

  it.each([
    '9999-12-31T15:00:00Z', // year 9999, and 10000 in Shanghai
    '2999-12-31T16:00:00Z', // 3000 in Shanghai
    '1999-12-31T15:59:59Z',
    '+275760-09-13T00:00:00Z',
    '2026-02-30T09:00:00Z',
    '2026-03-09T24:00:00Z',
    '2026-03-09T09:00:00+99:99',
    '2026-03-09T09:00:00',
    '2026-03-09',
  ])('refuses %s', (value) => expect(isBoundedInstant(value)).toBe(false));

  it('names the field, the allowed years and a short prefix of the value', () => {
    const [message] = messages(Object.assign(new Instant(), { startsAt: `9999-${'9'.repeat(500)}` }));
    expect(message).toContain(
      'startsAt must be an ISO 8601 instant with an offset, a real date between the years 2000 and 2999',
    );
    expect(message.length).toBeLessThan(260);
  });
});

describe('day ranges', () => {
  it('accepts one day and up to the span', () => {
    expect(messages(range('2026-03-09', '2026-03-09'))).toEqual([]);
    expect(messages(range('2026-03-01', '2026-03-31'))).toEqual([]);
  });

  it('refuses to before from, naming both', () => {
    expect(messages(range('2026-03-10', '2026-03-09'))).toEqual([
      'to must not be before from (got from "2026-03-10", to "2026-03-09")',
    ]);
  });

  it('refuses a range longer than the span', () => {
    expect(messages(range('2026-03-01', '2026-04-01'))).toEqual([
      expect.stringContaining('from..to may span at most 31 days'),
    ]);
  });

  it('leaves an unreadable end to its own rule', () => {
    expect(messages(range('2026-03-10', 'soon'))).toEqual([
      expect.stringContaining('to must be a calendar date'),
    ]);
  });

  it('refuses years outside 2000–2999', () => {
    expect(messages(range('9999-12-01', '9999-12-31'))).toHaveLength(2);
  });
});

describe('quoted', () => {
  it('cuts long values', () => expect(quoted('x'.repeat(100))).toBe(`"${'x'.repeat(40)}…"`));
});
