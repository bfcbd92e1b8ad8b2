import { noShowParty } from './no-show-party';

describe('no-show party', () => {
  it('names whoever did not come', () => {
    expect(noShowParty({ patient: false, specialist: true })).toBe('patient');
    expect(noShowParty({ patient: true, specialist: false })).toBe('specialist');
    expect(noShowParty({ patient: false, specialist: false })).toBe('both');
  });

  it('blames the specialist when the patient waited but was never admitted', () => {
    expect(noShowParty({ patient: true, specialist: true })).toBe('specialist');
  });
});
