import { DateTime } from 'luxon';
import { Locale, SHANGHAI_ZONE, isValidTimeZone } from '@yiqiao/domain';

/** A moment as the recipient reads it: full date, time and zone abbreviation, in their language. */
export function formatMoment(moment: Date, zone: string, locale: Locale): string {
  return DateTime.fromJSDate(moment, { zone: safeZone(zone) })
    .setLocale(locale)
    .toLocaleString({ ...DateTime.DATETIME_FULL, weekday: 'long' });
}

/** The two clocks every message shows: the recipient's zone and Shanghai. */
export function twoClocks(moment: Date, zone: string, locale: Locale) {
  const recipientZone = safeZone(zone);
  return {
    zone: recipientZone,
    local: formatMoment(moment, recipientZone, locale),
    shanghai: formatMoment(moment, SHANGHAI_ZONE, locale),
    sameZone: recipientZone === SHANGHAI_ZONE,
  };
}

/** "in 1 hour", "через 1 час", "1 時間後"… from the moment the reminder is due. */
export function relativeTo(moment: Date, base: Date, locale: Locale): string {
  return DateTime.fromJSDate(moment).toRelative({ base: DateTime.fromJSDate(base), locale }) ?? '';
}

function safeZone(zone: string): string {
  return isValidTimeZone(zone) ? zone : SHANGHAI_ZONE;
}
