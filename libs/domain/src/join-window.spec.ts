import { joinWindow, joinWindowState } from './join-window';

const rules = { leadMinutes: 15, staffLeadMinutes: 30, graceMinutes: 30 };
const span = {
  startsAt: new Date('2026-12-08T06:00:00Z'), // 14:00 Shanghai
  endsAt: new Date('2026-12-08T06:30:00Z'),
  openedEarlyAt: null,
};

describe('join window', () => {
  const window = joinWindow(span, rules);

  it('opens earlier for staff than for participants and closes after the grace period', () => {
    expect(window.participantsOpenAt.toISOString()).toBe('2026-12-08T05:45:00.000Z');
    expect(window.staffOpenAt.toISOString()).toBe('2026-12-08T05:30:00.000Z');
    expect(window.closesAt.toISOString()).toBe('2026-12-08T07:00:00.000Z');
  });

  it('is half-open: open from the opening instant, closed at the closing instant', () => {
    expect(joinWindowState(window, 'participant', new Date('2026-12-08T05:44:59Z'))).toBe('not_open');
    expect(joinWindowState(window, 'participant', new Date('2026-12-08T05:45:00Z'))).toBe('open');
    expect(joinWindowState(window, 'staff', new Date('2026-12-08T05:30:00Z'))).toBe('open');
    expect(joinWindowState(window, 'staff', new Date('2026-12-08T06:59:59Z'))).toBe('open');
    expect(joinWindowState(window, 'staff', new Date('2026-12-08T07:00:00Z'))).toBe('closed');
  });

  it('opens for everyone at a coordinator’s early start, but never later than the rules say', () => {
    const early = joinWindow({ ...span, openedEarlyAt: new Date('2026-12-08T02:10:00Z') }, rules);
    expect(early.participantsOpenAt.toISOString()).toBe('2026-12-08T02:10:00.000Z');
    expect(early.staffOpenAt.toISOString()).toBe('2026-12-08T02:10:00.000Z');
    const late = joinWindow({ ...span, openedEarlyAt: new Date('2026-12-08T05:50:00Z') }, rules);
    expect(late.staffOpenAt.toISOString()).toBe('2026-12-08T05:30:00.000Z');
    expect(late.participantsOpenAt.toISOString()).toBe('2026-12-08T05:45:00.000Z');
  });
});
