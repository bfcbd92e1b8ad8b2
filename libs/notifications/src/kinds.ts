/** What a notification tells its recipient. Each kind has a template in every locale file. */
export const NOTIFICATION_KINDS = [
  'booking_confirmed',
  'reminder',
  'rescheduled',
  'cancelled',
  'interpreter_offer',
  'interpreter_confirmed',
  'interpreter_escalation',
  'summary_available',
  'guest_invitation',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export const NOTIFICATION_STATUSES = ['pending', 'sent', 'failed', 'cancelled'] as const;
export type NotificationStatus = (typeof NOTIFICATION_STATUSES)[number];

export const CHANNELS = ['email', 'sms', 'in_app'] as const;
export type Channel = (typeof CHANNELS)[number];

/** pending → sending → sent | failed; a failed attempt that will be retried goes back to pending. */
export type DeliveryState = 'pending' | 'sending' | 'sent' | 'failed';

/** Kinds whose e-mail carries a calendar invite (the event is created, moved or removed). */
export const KINDS_WITH_INVITE: readonly NotificationKind[] = [
  'booking_confirmed',
  'rescheduled',
  'cancelled',
  'interpreter_confirmed',
  'guest_invitation',
];

export const TOO_LATE_REASON = 'too late to be useful';

export function isNotificationKind(value: string): value is NotificationKind {
  return (NOTIFICATION_KINDS as readonly string[]).includes(value);
}
