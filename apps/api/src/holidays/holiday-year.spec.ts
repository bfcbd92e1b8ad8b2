import { holidayYear } from './holiday-year';

describe('holidayYear', () => {
  it.each(['2000', '2026', '2095', '2200'])('reads %s', (raw) => expect(holidayYear(raw)).toBe(Number(raw)));

  it.each(['0x7EA', '2026 ', ' 2026', '+2026', '2026.0', '2e3', '1999', '2201', '02026', '', '９９９９'])(
    'refuses %j with a 400 naming the field and the range',
    (raw) => {
      expect(() => holidayYear(raw)).toThrow(/^year must be a year written with 4 digits, from 2000 to 2200/);
    },
  );

  it('quotes only a short prefix of a long value', () => {
    expect(() => holidayYear('7'.repeat(1000))).toThrow(`(got "${'7'.repeat(20)}…")`);
  });
});
