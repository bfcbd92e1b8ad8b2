import ical, { ICalCalendarMethod, ICalEventStatus } from 'ical-generator';
import { KINDS_WITH_INVITE } from '../kinds';
import type { MessageContext } from './message-context';
import { translator } from './i18n';

export interface CalendarInvite {
  method: 'REQUEST' | 'CANCEL';
  content: string;
}

/** The event's UID: one per consultation, so every update replaces the same calendar entry. */
export function consultationEventUid(consultationId: string): string {
  return `consultation-${consultationId}@yiqiao`;
}

/**
 * An iTIP invite (REQUEST, or CANCEL for a cancellation) with times in UTC. SEQUENCE comes from the
 * notification row (it grows with every reschedule), DTSTAMP from the row's creation, so a retried
 * e-mail carries the very same invite.
 */
export function calendarInvite(
  context: MessageContext,
  options: { organizerEmail: string; link: string | null },
): CalendarInvite | null {
  const { notification, recipient, consultation } = context;
  if (!consultation || !KINDS_WITH_INVITE.includes(notification.kind)) return null;
  const cancel = notification.kind === 'cancelled';
  // Kinds planned by other features carry no SEQUENCE: they repeat the latest one planned before them.
  const sequence = Number(notification.data.icsSequence ?? notification.sequenceSoFar);
  const t = translator(recipient.locale);
  const calendar = ical({
    prodId: { company: 'Yiqiao', product: 'consultations', language: recipient.locale.toUpperCase() },
    method: cancel ? ICalCalendarMethod.CANCEL : ICalCalendarMethod.REQUEST,
  });
  calendar.createEvent({
    id: consultationEventUid(consultation.id),
    sequence: Number.isFinite(sequence) ? sequence : 0,
    stamp: notification.createdAt,
    start: consultation.startsAt,
    end: consultation.endsAt,
    summary: t('calendar.summary', {
      department: consultation.departmentName,
      specialist: consultation.specialistName,
    }),
    description: options.link ?? undefined,
    url: options.link ?? undefined,
    status: cancel ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    organizer: { name: 'Yiqiao 医桥', email: options.organizerEmail },
    attendees: [{ name: recipient.fullName, email: recipient.email }],
  });
  return { method: cancel ? 'CANCEL' : 'REQUEST', content: calendar.toString() };
}
