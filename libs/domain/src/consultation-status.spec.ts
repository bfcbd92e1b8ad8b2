import { canTransition } from './consultation-status';

describe('consultation status lifecycle', () => {
  it('allows the normal path from scheduled to completed', () => {
    expect(canTransition('requested', 'scheduled')).toBe(true);
    expect(canTransition('scheduled', 'waiting')).toBe(true);
    expect(canTransition('waiting', 'in_progress')).toBe(true);
    expect(canTransition('in_progress', 'completed')).toBe(true);
  });

  it('never reopens a finished consultation', () => {
    for (const end of ['completed', 'cancelled', 'no_show'] as const) {
      expect(canTransition(end, 'scheduled')).toBe(false);
      expect(canTransition(end, 'in_progress')).toBe(false);
    }
  });

  it('does not cancel a call that is already running', () => {
    expect(canTransition('in_progress', 'cancelled')).toBe(false);
  });
});
