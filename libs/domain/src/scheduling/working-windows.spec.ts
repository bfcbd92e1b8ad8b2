import { planDay, workingWindows } from './working-windows';
import type { CalendarDay, WeeklyRule } from './types';

const weekdays = (start: string, end: string): WeeklyRule[] =>
  ([1, 2, 3, 4, 5] as const).map((weekday) => ({
    weekday,
    startLocal: start,
    endLocal: end,
    effectiveFrom: '2026-01-01',
    effectiveUntil: null,
  }));

const calendar = new Map<string, CalendarDay>([
  [
    '2026-10-01',
    { date: '2026-10-01', kind: 'holiday', nameEn: 'National Day', nameZh: '国庆节', scheduleWeekday: null },
  ],
  [
    '2026-10-10',
    {
      date: '2026-10-10',
      kind: 'makeup_workday',
      nameEn: 'National Day make-up',
      nameZh: '国庆节调休上班',
      scheduleWeekday: 3,
    },
  ],
]);

describe('working windows in Shanghai time', () => {
  it('turns a weekly rule into UTC instants at the same Shanghai wall clock every day', () => {
    const windows = workingWindows({
      rules: weekdays('09:00', '12:00'),
      exceptions: [],
      calendar: new Map(),
      makeupRule: { kind: 'calendar_weekday' },
      from: '2026-03-06',
      to: '2026-03-09',
    });
    expect(windows.map((w) => w.start.toISOString())).toEqual([
      '2026-03-06T01:00:00.000Z',
      '2026-03-09T01:00:00.000Z',
    ]);
  });

  it('has no rule windows on a public holiday', () => {
    const windows = workingWindows({
      rules: weekdays('09:00', '12:00'),
      exceptions: [],
      calendar,
      makeupRule: { kind: 'calendar_weekday' },
      from: '2026-10-01',
      to: '2026-10-01',
    });
    expect(windows).toEqual([]);
  });

  it('follows the calendar weekday or the institution’s fixed weekday on a make-up day', () => {
    expect(planDay('2026-10-10', calendar, { kind: 'calendar_weekday' }).scheduleWeekday).toBe(3);
    expect(planDay('2026-10-10', calendar, { kind: 'fixed_weekday', weekday: 1 }).scheduleWeekday).toBe(1);
    const rules: WeeklyRule[] = [
      {
        weekday: 1,
        startLocal: '08:00',
        endLocal: '09:00',
        effectiveFrom: '2026-01-01',
        effectiveUntil: null,
      },
      {
        weekday: 3,
        startLocal: '14:00',
        endLocal: '15:00',
        effectiveFrom: '2026-01-01',
        effectiveUntil: null,
      },
    ];
    const onCalendar = workingWindows({
      rules,
      exceptions: [],
      calendar,
      makeupRule: { kind: 'calendar_weekday' },
      from: '2026-10-10',
      to: '2026-10-10',
    });
    expect(onCalendar.map((w) => w.start.toISOString())).toEqual(['2026-10-10T06:00:00.000Z']);
    const fixedMonday = workingWindows({
      rules,
      exceptions: [],
      calendar,
      makeupRule: { kind: 'fixed_weekday', weekday: 1 },
      from: '2026-10-10',
      to: '2026-10-10',
    });
    expect(fixedMonday.map((w) => w.start.toISOString())).toEqual(['2026-10-10T00:00:00.000Z']);
  });

  it('respects effective dates, time off and extra sessions', () => {
    const windows = workingWindows({
      rules: [
        {
          weekday: 2,
          startLocal: '09:00',
          endLocal: '12:00',
          effectiveFrom: '2026-06-09',
          effectiveUntil: '2026-06-16',
        },
      ],
      exceptions: [
        { kind: 'time_off', start: new Date('2026-06-09T02:00:00Z'), end: new Date('2026-06-09T03:00:00Z') },
        {
          kind: 'extra_session',
          start: new Date('2026-06-13T01:00:00Z'),
          end: new Date('2026-06-13T02:00:00Z'),
        },
      ],
      calendar: new Map(),
      makeupRule: { kind: 'calendar_weekday' },
      from: '2026-06-01',
      to: '2026-06-30',
    });
    expect(windows.map((w) => [w.start.toISOString(), w.end.toISOString()])).toEqual([
      ['2026-06-09T01:00:00.000Z', '2026-06-09T02:00:00.000Z'],
      ['2026-06-09T03:00:00.000Z', '2026-06-09T04:00:00.000Z'],
      ['2026-06-13T01:00:00.000Z', '2026-06-13T02:00:00.000Z'],
      ['2026-06-16T01:00:00.000Z', '2026-06-16T04:00:00.000Z'],
    ]);
  });
});
