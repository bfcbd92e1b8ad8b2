import { escalationReasons } from './escalation';
import { DEFAULT_OFFER_POLICY, isLateCancellation, planOffers } from './offer-policy';

const now = new Date('2026-12-01T00:00:00Z');
const hoursLater = (h: number) => new Date(now.getTime() + h * 3600_000);

describe('planOffers', () => {
  it('makes one offer with the long deadline when the consultation is far away', () => {
    const plan = planOffers(now, hoursLater(72), DEFAULT_OFFER_POLICY);
    expect(plan).toMatchObject({ kind: 'offer', parallel: 1, urgent: false });
    expect(plan.kind === 'offer' && plan.deadline).toEqual(hoursLater(4));
  });

  it('makes parallel offers with a short deadline when the consultation is close', () => {
    const plan = planOffers(now, hoursLater(6), DEFAULT_OFFER_POLICY);
    expect(plan).toMatchObject({ kind: 'offer', parallel: 3, urgent: true });
    expect(plan.kind === 'offer' && plan.deadline).toEqual(new Date(now.getTime() + 15 * 60_000));
  });

  it('never lets a deadline pass the escalation cut-off', () => {
    const plan = planOffers(now, new Date(now.getTime() + 70 * 60_000), DEFAULT_OFFER_POLICY);
    expect(plan.kind === 'offer' && plan.deadline).toEqual(new Date(now.getTime() + 10 * 60_000));
  });

  it('escalates once the cut-off has passed', () => {
    expect(planOffers(now, new Date(now.getTime() + 30 * 60_000), DEFAULT_OFFER_POLICY).kind).toBe(
      'escalate',
    );
  });

  it('counts a cancellation within the late window only', () => {
    expect(isLateCancellation(now, hoursLater(2), DEFAULT_OFFER_POLICY)).toBe(true);
    expect(isLateCancellation(now, hoursLater(48), DEFAULT_OFFER_POLICY)).toBe(false);
  });
});

describe('escalationReasons', () => {
  const funnel = { considered: 3, withPair: 3, qualified: 3, free: 3, available: 3 };
  const base = { languagesKnown: true, funnel, refusals: 0, cutoffReached: false };

  it('names the most fundamental cause', () => {
    expect(
      escalationReasons({ ...base, funnel: { ...funnel, withPair: 0, qualified: 0, free: 0, available: 0 } }),
    ).toEqual(['no_language_pair']);
    expect(
      escalationReasons({ ...base, funnel: { ...funnel, qualified: 0, free: 0, available: 0 } }),
    ).toEqual(['no_certified_interpreter']);
    expect(escalationReasons({ ...base, funnel: { ...funnel, free: 0, available: 0 } })).toEqual([
      'all_busy',
    ]);
    expect(escalationReasons({ ...base, funnel: { ...funnel, available: 0 } })).toEqual([
      'outside_working_hours',
    ]);
    expect(escalationReasons({ ...base, refusals: 3 })).toEqual(['all_declined']);
    expect(escalationReasons({ ...base, languagesKnown: false })).toEqual(['languages_unknown']);
    expect(escalationReasons({ ...base, refusals: 1, funnel: { ...funnel, free: 0, available: 0 } })).toEqual(
      ['all_declined', 'all_busy'],
    );
  });

  it('adds the cut-off when time ran out', () => {
    expect(escalationReasons({ ...base, refusals: 1, cutoffReached: true })).toEqual([
      'cutoff_reached',
      'all_declined',
    ]);
  });
});
