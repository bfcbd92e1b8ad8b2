import { DateTime } from 'luxon';
import { SHANGHAI_ZONE } from '@yiqiao/domain/time-zones';
import { now } from './clock';

export { SHANGHAI_ZONE };

/** A UTC instant from the api rendered in one IANA zone and the UI language. */
export function formatInZone(iso: string, zone: string, locale: string, withDate = true): string {
  const time = DateTime.fromISO(iso, { zone: 'utc' }).setZone(zone).setLocale(locale);
  return time.toLocaleString(withDate ? DateTime.DATETIME_MED_WITH_WEEKDAY : DateTime.TIME_SIMPLE);
}

export function zoneLabel(zone: string, iso: string, locale: string): string {
  const time = DateTime.fromISO(iso, { zone: 'utc' }).setZone(zone).setLocale(locale);
  return time.offsetNameShort ?? zone;
}

export function sameOffset(zoneA: string, zoneB: string, iso: string): boolean {
  const instant = DateTime.fromISO(iso, { zone: 'utc' });
  return instant.setZone(zoneA).offset === instant.setZone(zoneB).offset;
}

export function startOfWeekIn(zone: string, reference: DateTime = now()): DateTime {
  return reference.setZone(zone).startOf('week');
}

export function isoDate(time: DateTime): string {
  return time.toISODate() ?? '';
}

export function minutesUntil(iso: string): number {
  return Math.round(DateTime.fromISO(iso).diff(now(), 'minutes').minutes);
}
