import { DateTime } from 'luxon';
import {
  matchInterpreters,
  withinWorkingHours,
  type ConsultationNeed,
  type InterpreterFacts,
} from './matching';

const shanghai = (iso: string) => DateTime.fromISO(iso, { zone: 'Asia/Shanghai' }).toJSDate();

const need = (overrides: Partial<ConsultationNeed> = {}): ConsultationNeed => ({
  consultationId: 'c1',
  startsAt: shanghai('2026-12-01T10:00'), // a Tuesday
  endsAt: shanghai('2026-12-01T10:30'),
  languages: ['ru', 'zh-cmn'],
  specialty: 'oncology',
  requiresCertification: true,
  ...overrides,
});

const interpreter = (id: string, overrides: Partial<InterpreterFacts> = {}): InterpreterFacts => ({
  interpreterId: id,
  pairs: [['ru', 'zh-cmn']],
  specialties: [{ specialty: 'oncology', certified: true }],
  certifiedUntil: null,
  workingHours: [],
  busy: false,
  recentAssignments: 0,
  lateCancellations: 0,
  ...overrides,
});

describe('matchInterpreters', () => {
  it('keeps dialects apart: a Cantonese interpreter is not offered a Mandarin–Russian consultation', () => {
    const result = matchInterpreters(need(), [
      interpreter('cantonese', { pairs: [['ru', 'zh-yue']] }),
      interpreter('mandarin'),
    ]);
    expect(result.ranked.map((c) => c.interpreterId)).toEqual(['mandarin']);
    expect(result.funnel).toMatchObject({ considered: 2, withPair: 1 });
  });

  it('keeps Gulf and Levantine Arabic apart, whatever order the pair is stored in', () => {
    const arabic = need({ languages: ['ar-afb', 'zh-cmn'] });
    const result = matchInterpreters(arabic, [
      interpreter('levantine', { pairs: [['ar-apc', 'zh-cmn']] }),
      interpreter('gulf', { pairs: [['zh-cmn', 'ar-afb']] }),
    ]);
    expect(result.ranked.map((c) => c.interpreterId)).toEqual(['gulf']);
  });

  it('requires a valid specialty certification when the institution does', () => {
    const pool = [
      interpreter('uncertified', { specialties: [{ specialty: 'oncology', certified: false }] }),
      interpreter('other-specialty', { specialties: [{ specialty: 'cardiology', certified: true }] }),
      interpreter('lapsed', { certifiedUntil: '2026-11-30' }),
      interpreter('valid-on-the-day', { certifiedUntil: '2026-12-01' }),
    ];
    expect(matchInterpreters(need(), pool).ranked.map((c) => c.interpreterId)).toEqual(['valid-on-the-day']);
    const relaxed = matchInterpreters(need({ requiresCertification: false }), pool);
    expect(relaxed.ranked).toHaveLength(4);
    expect(relaxed.ranked[0].score.fit).toBe(2);
  });

  it('drops busy interpreters and those outside their Shanghai working hours', () => {
    const tuesdayMorning = [{ weekday: 2, startMinute: 9 * 60, endMinute: 12 * 60 }];
    const tuesdayAfternoon = [{ weekday: 2, startMinute: 13 * 60, endMinute: 18 * 60 }];
    const result = matchInterpreters(need(), [
      interpreter('busy', { busy: true }),
      interpreter('afternoons', { workingHours: tuesdayAfternoon }),
      interpreter('mornings', { workingHours: tuesdayMorning }),
    ]);
    expect(result.ranked.map((c) => c.interpreterId)).toEqual(['mornings']);
    expect(result.funnel).toEqual({ considered: 3, withPair: 3, qualified: 3, free: 2, available: 1 });
  });

  it('ranks by fit, then fewest recent assignments, then fewest late cancellations', () => {
    const result = matchInterpreters(need({ requiresCertification: false }), [
      interpreter('general', { specialties: [] }),
      interpreter('busy-week', { recentAssignments: 5 }),
      interpreter('unreliable', { recentAssignments: 1, lateCancellations: 3 }),
      interpreter('reliable', { recentAssignments: 1, lateCancellations: 0 }),
      interpreter('listed', { specialties: [{ specialty: 'oncology', certified: false }] }),
    ]);
    expect(result.ranked.map((c) => c.interpreterId)).toEqual([
      'reliable',
      'unreliable',
      'busy-week',
      'listed',
      'general',
    ]);
    expect(result.ranked.map((c) => c.rank)).toEqual([1, 2, 3, 4, 5]);
  });

  it('matches nobody when a language is unknown', () => {
    expect(matchInterpreters(need({ languages: null }), [interpreter('a')]).ranked).toEqual([]);
  });
});

describe('withinWorkingHours', () => {
  const window = [{ weekday: 2, startMinute: 9 * 60, endMinute: 17 * 60 }];

  it('needs the whole consultation inside one window, read in Shanghai time', () => {
    expect(withinWorkingHours(window, shanghai('2026-12-01T16:30'), shanghai('2026-12-01T17:00'))).toBe(true);
    expect(withinWorkingHours(window, shanghai('2026-12-01T16:45'), shanghai('2026-12-01T17:15'))).toBe(
      false,
    );
    expect(withinWorkingHours(window, shanghai('2026-12-02T10:00'), shanghai('2026-12-02T10:30'))).toBe(
      false,
    );
  });

  it('reads a UTC instant in Shanghai (01:30 UTC Tuesday is 09:30 in Shanghai)', () => {
    const start = new Date('2026-12-01T01:30:00Z');
    expect(withinWorkingHours(window, start, new Date('2026-12-01T02:00:00Z'))).toBe(true);
  });

  it('treats an interpreter without rules as available any time', () => {
    expect(withinWorkingHours([], shanghai('2026-12-06T03:00'), shanghai('2026-12-06T03:30'))).toBe(true);
  });
});
