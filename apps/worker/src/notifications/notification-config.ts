import { z } from 'zod';
import { positiveInt, url } from '@yiqiao/config';

const optionalUrl = (protocols: string[]) =>
  z
    .string()
    .optional()
    .refine(
      (value) => {
        if (value === undefined || value === '') return true;
        try {
          return protocols.includes(new URL(value).protocol);
        } catch {
          return false;
        }
      },
      `must be empty or a URL starting with ${protocols.map((p) => `${p}//`).join(' or ')}`,
    )
    .transform((value) => (value ? value : undefined));

/** Notification delivery settings; defaults suit production, tests shrink the delays. */
export const notificationEnv = {
  /** Where e-mail goes; the default is the local catcher that `npm start` runs. */
  SMTP_URL: url('smtp://127.0.0.1:1025', ['smtp:', 'smtps:']),
  MAIL_FROM: z
    .string()
    .regex(
      /<[^@\s>]+@[^@\s>]+>$|^[^@\s<]+@[^@\s>]+$/,
      'must be an address, e.g. "Yiqiao <no-reply@example.org>"',
    )
    .default('Yiqiao 医桥 <no-reply@yiqiao.local>'),
  SMTP_TIMEOUT_MS: positiveInt(30_000),
  /** Open SMTP connections per worker; also the provider sends (SMTP, SMS) in flight per worker. */
  SMTP_MAX_CONNECTIONS: positiveInt(10),
  /** Messages sent over one pooled SMTP connection before it is replaced. */
  SMTP_MAX_MESSAGES: positiveInt(100),
  /** SMS over HTTP: unset disables the SMS channel. */
  SMS_PROVIDER_URL: optionalUrl(['http:', 'https:']),
  SMS_PROVIDER_TOKEN: z.string().optional(),
  /** Attempts per channel before a delivery is marked failed. */
  DELIVERY_MAX_ATTEMPTS: positiveInt(8),
  /** First retry delay; doubles per attempt up to DELIVERY_BACKOFF_MAX_MS. */
  DELIVERY_BACKOFF_MS: positiveInt(30_000),
  DELIVERY_BACKOFF_MAX_MS: positiveInt(60 * 60_000),
  /** How long a claimed (sending) delivery is protected; must exceed the slowest send (SMTP timeouts). */
  DELIVERY_LEASE_MS: positiveInt(5 * 60_000),
  /** BullMQ job lock: a worker that dies mid-job has its job picked up again after this long. */
  NOTIFICATION_JOB_LOCK_MS: positiveInt(30_000),
  /**
   * Jobs in flight per worker. A job mostly waits (PostgreSQL round trips, the SMTP/SMS provider), so
   * far more than the cores: at ~0.3 s per job against a remote provider, 50 per worker lets two
   * workers deliver ~300/s, above the ~170/s of 10,000 reminders due in one minute (issue 8).
   */
  NOTIFICATION_CONCURRENCY: positiveInt(50),
  RECONCILE_INTERVAL_SECONDS: positiveInt(60),
};
