import { isValidTimeZone } from './time-zones';

describe('isValidTimeZone', () => {
  it('accepts IANA zones, also when asked again', () => {
    for (const zone of ['Asia/Shanghai', 'America/New_York', 'Asia/Kathmandu', 'Asia/Shanghai'])
      expect(isValidTimeZone(zone)).toBe(true);
  });

  it('refuses what is not a zone, also when asked again', () => {
    for (const zone of ['Mars/Olympus_Mons', '', 'GMT+25', 'Mars/Olympus_Mons'])
      expect(isValidTimeZone(zone)).toBe(false);
  });
});
