import nodemailer, { Transporter } from 'nodemailer';
import SMTPPool from 'nodemailer/lib/smtp-pool';
import type { MessageContext } from '@yiqiao/notifications';
import type { DeliveryChannel, OutgoingMessage } from './channel';
import { smtpSocketWithoutDelay } from './smtp-socket';

export interface EmailSettings {
  smtpUrl: string;
  from: string;
  timeoutMs: number;
  /** SMTP connections kept open and reused (nodemailer pool), and messages sent over each one. */
  maxConnections: number;
  maxMessages: number;
}

/** E-mail over pooled SMTP connections with the calendar invite as a text/calendar part (understood by calendar apps). */
export class EmailChannel implements DeliveryChannel {
  readonly name = 'email' as const;
  readonly callsProvider = true;
  private readonly transport: Transporter;
  private readonly messageIdDomain: string;

  constructor(private readonly settings: EmailSettings) {
    // One TCP + greeting (+ TLS/AUTH) handshake per connection, not per message; the pool
    // reconnects by itself after an error or after maxMessages.
    // (An SMTPPool built here, not createTransport({url, pool}): given a url, createTransport keeps
    // only what the url says and would drop the pool and timeout settings.)
    this.transport = nodemailer.createTransport(
      new SMTPPool({
        url: settings.smtpUrl,
        pool: true,
        maxConnections: settings.maxConnections,
        maxMessages: settings.maxMessages,
        connectionTimeout: settings.timeoutMs,
        greetingTimeout: settings.timeoutMs,
        socketTimeout: settings.timeoutMs,
        getSocket: smtpSocketWithoutDelay(settings.timeoutMs),
      }),
    );
    this.messageIdDomain = /@([^>\s]+)>?$/.exec(settings.from)?.[1] ?? 'yiqiao.local';
  }

  appliesTo(context: MessageContext): boolean {
    return context.recipient.email.length > 0;
  }

  /** The Message-ID is derived from the delivery id, so a repeat after a crash is recognisable. */
  messageIdFor(deliveryId: string): string {
    return `<delivery-${deliveryId}@${this.messageIdDomain}>`;
  }

  async send({ deliveryId, context, message, invite }: OutgoingMessage): Promise<string> {
    const info = await this.transport.sendMail({
      from: this.settings.from,
      to: { name: context.recipient.fullName, address: context.recipient.email },
      subject: message.subject,
      text: message.text,
      html: message.html,
      messageId: this.messageIdFor(deliveryId),
      headers: {
        'Content-Language': message.locale,
        'X-Yiqiao-Notification': context.notification.id,
        'X-Yiqiao-Kind': context.notification.kind,
      },
      icalEvent: invite
        ? { method: invite.method, content: invite.content, filename: 'invite.ics' }
        : undefined,
    });
    return String(info.messageId);
  }

  close(): void {
    this.transport.close();
  }
}
