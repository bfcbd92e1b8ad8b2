import { closeAlertMessage, escalationReasons } from './escalation';

describe('escalationReasons', () => {
  const funnel = { considered: 3, withPair: 3, qualified: 3, free: 3, available: 3 };
  const base = { languagesKnown: true, funnel, refusals: 0, timing: null };

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

  it('puts the timing first: inside the cut-off, or the start reached', () => {
    expect(escalationReasons({ ...base, refusals: 2, timing: 'inside_cutoff' })).toEqual([
      'inside_cutoff',
      'all_declined',
    ]);
    expect(
      escalationReasons({ ...base, timing: 'inside_cutoff', funnel: { ...funnel, free: 0, available: 0 } }),
    ).toEqual(['inside_cutoff', 'all_busy']);
    expect(escalationReasons({ ...base, refusals: 1, timing: 'start_reached' })).toEqual([
      'start_reached',
      'all_declined',
    ]);
    expect(escalationReasons({ ...base, languagesKnown: false, timing: 'inside_cutoff' })).toEqual([
      'inside_cutoff',
      'languages_unknown',
    ]);
  });

  it('still names a cause when the timing is the only one left (e.g. offers withdrawn elsewhere)', () => {
    expect(escalationReasons({ ...base, timing: 'inside_cutoff' })).toEqual(['inside_cutoff', 'all_busy']);
  });

  it('needs no other cause when the start came with offers still open', () => {
    expect(escalationReasons({ ...base, timing: 'start_reached' })).toEqual(['start_reached']);
  });
});

describe('closeAlertMessage', () => {
  it('says how soon and how many were asked', () => {
    expect(closeAlertMessage(40, 3)).toBe(
      'Starts in 40 minutes; offers sent to 3 interpreters at once (the first to accept is booked)',
    );
    expect(closeAlertMessage(1, 1)).toBe(
      'Starts in 1 minute; offers sent to 1 interpreter at once (the first to accept is booked)',
    );
  });
});
