import { DEFAULT_OFFER_POLICY, isLateCancellation, planOffers } from './offer-policy';

const now = new Date('2026-12-01T00:00:00Z');
const hoursLater = (h: number) => new Date(now.getTime() + h * 3600_000);
const minutesLater = (min: number) => new Date(now.getTime() + min * 60_000);

describe('planOffers', () => {
  it('makes one offer with the long deadline when the consultation is far away', () => {
    const plan = planOffers(now, hoursLater(72), DEFAULT_OFFER_POLICY);
    expect(plan).toMatchObject({ kind: 'offer', parallel: 1, urgent: false });
    expect(plan.kind === 'offer' && plan.deadline).toEqual(hoursLater(4));
  });

  it('makes parallel offers with a short deadline when the consultation is close', () => {
    const plan = planOffers(now, hoursLater(6), DEFAULT_OFFER_POLICY);
    expect(plan).toMatchObject({ kind: 'offer', parallel: 3, urgent: true });
    expect(plan.kind === 'offer' && plan.deadline).toEqual(minutesLater(15));
  });

  it('never lets a deadline before the cut-off pass the cut-off', () => {
    const plan = planOffers(now, minutesLater(70), DEFAULT_OFFER_POLICY);
    expect(plan).toMatchObject({ kind: 'offer', cutoffAt: minutesLater(10) });
    expect(plan.kind === 'offer' && plan.deadline).toEqual(minutesLater(10));
  });

  it('broadcasts inside the cut-off instead of giving up: the urgent deadline, how long to the start', () => {
    expect(planOffers(now, minutesLater(40), DEFAULT_OFFER_POLICY)).toEqual({
      kind: 'broadcast',
      deadline: minutesLater(15),
      cutoffAt: minutesLater(-20),
      minutesToStart: 40,
    });
  });

  it('broadcasts from the very instant of the cut-off', () => {
    expect(planOffers(now, minutesLater(60), DEFAULT_OFFER_POLICY).kind).toBe('broadcast');
    expect(planOffers(now, new Date(minutesLater(60).getTime() + 1), DEFAULT_OFFER_POLICY).kind).toBe(
      'offer',
    );
  });

  it('never lets a broadcast deadline pass the start', () => {
    const startsAt = new Date(now.getTime() + 5 * 60_000 + 30_000);
    const plan = planOffers(now, startsAt, DEFAULT_OFFER_POLICY);
    expect(plan).toMatchObject({ kind: 'broadcast', deadline: startsAt, minutesToStart: 6 });
  });

  it('honours a cut-off longer than the urgent window', () => {
    const policy = { ...DEFAULT_OFFER_POLICY, cutoffMinutes: 180, urgentOfferSeconds: 600 };
    expect(planOffers(now, hoursLater(2), policy)).toMatchObject({
      kind: 'broadcast',
      deadline: minutesLater(10),
      minutesToStart: 120,
    });
  });

  it('stops offering once the consultation has started', () => {
    expect(planOffers(now, now, DEFAULT_OFFER_POLICY)).toEqual({
      kind: 'too_late',
      cutoffAt: minutesLater(-60),
    });
    expect(planOffers(now, minutesLater(-5), DEFAULT_OFFER_POLICY).kind).toBe('too_late');
  });

  it('plans the same at any hour and date: 03:00 and 11:30 Shanghai, Sunday evening, New Year’s Eve', () => {
    for (const at of [
      '2026-12-01T19:00:00Z', // 03:00 Shanghai, Wednesday
      '2026-12-02T03:30:00Z', // 11:30 Shanghai, Wednesday
      '2026-12-06T11:45:00Z', // 19:45 Shanghai, Sunday
      '2026-12-31T15:30:00Z', // 23:30 Shanghai, 31 December (the start is next year)
    ]) {
      const clock = new Date(at);
      const plan = planOffers(clock, new Date(clock.getTime() + 40 * 60_000), DEFAULT_OFFER_POLICY);
      expect(plan).toEqual({
        kind: 'broadcast',
        deadline: new Date(clock.getTime() + 15 * 60_000),
        cutoffAt: new Date(clock.getTime() - 20 * 60_000),
        minutesToStart: 40,
      });
    }
  });

  it('counts a cancellation within the late window only', () => {
    expect(isLateCancellation(now, hoursLater(2), DEFAULT_OFFER_POLICY)).toBe(true);
    expect(isLateCancellation(now, hoursLater(48), DEFAULT_OFFER_POLICY)).toBe(false);
  });
});
