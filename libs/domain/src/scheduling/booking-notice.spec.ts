import {
  earliestBookableStart,
  insideCutoff,
  keepsNotice,
  noticeBoundary,
  noticeMinutesFor,
} from './booking-notice';

const notice = { patientMinutes: 120, coordinatorMinutes: 0 };
const at = (iso: string) => new Date(iso);

describe('booking notice', () => {
  it('patients get the patients’ notice; coordinators, admins and specialists the coordinators’', () => {
    expect(noticeMinutesFor('patient', notice)).toBe(120);
    expect(noticeMinutesFor('coordinator', notice)).toBe(0);
    expect(noticeMinutesFor('admin', notice)).toBe(0);
    expect(noticeMinutesFor('specialist', { patientMinutes: 120, coordinatorMinutes: 30 })).toBe(30);
  });

  it('refuses a start before now + notice and allows one exactly at it', () => {
    const now = at('2026-03-09T01:00:00Z'); // 09:00 Shanghai
    expect(noticeBoundary(now, 120).toISOString()).toBe('2026-03-09T03:00:00.000Z');
    expect(keepsNotice(at('2026-03-09T02:59:59Z'), now, 120)).toBe(false);
    expect(keepsNotice(at('2026-03-09T03:00:00Z'), now, 120)).toBe(true);
    expect(keepsNotice(at('2026-03-09T03:30:00Z'), now, 120)).toBe(true);
  });

  it('with no notice, any future start is fine but now itself is not', () => {
    const now = at('2026-12-31T15:30:00Z'); // 23:30 on 31 December in Shanghai
    expect(keepsNotice(now, now, 0)).toBe(false);
    expect(keepsNotice(at('2026-12-31T15:30:01Z'), now, 0)).toBe(true);
  });

  it('names the earliest start to the minute, rounded up so it is itself bookable', () => {
    const now = at('2026-03-08T11:45:27.300Z'); // 19:45:27 on a Sunday in Shanghai
    const earliest = earliestBookableStart(now, 120);
    expect(earliest.toISOString()).toBe('2026-03-08T13:46:00.000Z');
    expect(keepsNotice(earliest, now, 120)).toBe(true);
    expect(earliestBookableStart(at('2026-03-08T11:45:00Z'), 120).toISOString()).toBe(
      '2026-03-08T13:45:00.000Z',
    );
  });

  it('is inside the cut-off from the cut-off instant on (start − cut-off), as the interpreter search escalates', () => {
    const start = at('2026-03-09T03:00:00Z');
    expect(insideCutoff(start, at('2026-03-09T01:59:59Z'), 60)).toBe(false);
    expect(insideCutoff(start, at('2026-03-09T02:00:00Z'), 60)).toBe(true);
    expect(insideCutoff(start, at('2026-03-09T02:30:00Z'), 60)).toBe(true);
  });
});
