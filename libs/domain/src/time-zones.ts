import { IANAZone } from 'luxon';

export const SHANGHAI_ZONE = 'Asia/Shanghai';

export function isValidTimeZone(zone: string): boolean {
  return IANAZone.isValidZone(zone);
}
