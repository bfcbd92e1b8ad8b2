import { IANAZone } from 'luxon';

export const SHANGHAI_ZONE = 'Asia/Shanghai';

/**
 * Zones already found valid. luxon builds an Intl.DateTimeFormat on every check, which showed up at
 * ~5 % of a notification worker's CPU; only valid zones are kept, so the set never grows beyond the
 * real zones whatever input arrives.
 */
const knownValid = new Set<string>();

export function isValidTimeZone(zone: string): boolean {
  if (knownValid.has(zone)) return true;
  const valid = IANAZone.isValidZone(zone);
  if (valid) knownValid.add(zone);
  return valid;
}
