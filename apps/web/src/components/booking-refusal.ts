import i18n from 'i18next';
import { DateTime, Duration } from 'luxon';
import type { ApiError } from '../api/client';
import { formatInZone, SHANGHAI_ZONE } from '../time/format';

/**
 * The api's booking refusals a patient can meet (too little notice, beyond the booking horizon), in
 * the reader's language from the answer's code and details; null for anything else.
 */
export function describeBookingRefusal(error: ApiError): string | null {
  const { body } = error;
  const lng = i18n.language;
  if (error.code === 'notice_too_short' && typeof body.earliestStartsAt === 'string') {
    const minutes = Number(body.noticeMinutes);
    const notice = Duration.fromObject(minutes % 60 === 0 ? { hours: minutes / 60 } : { minutes })
      .reconfigure({ locale: lng })
      .toHuman();
    return i18n.t('bookingRefusal.noticeTooShort', {
      notice,
      earliest: formatInZone(body.earliestStartsAt, SHANGHAI_ZONE, lng),
    });
  }
  if (error.code === 'beyond_horizon' && typeof body.lastBookableDay === 'string') {
    return i18n.t('bookingRefusal.beyondHorizon', {
      months: Number(body.horizonMonths),
      day: DateTime.fromISO(body.lastBookableDay).setLocale(lng).toLocaleString(DateTime.DATE_MED),
    });
  }
  return null;
}
