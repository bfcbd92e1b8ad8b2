import nodemailer, { Transporter } from 'nodemailer';
import type { DeliveryChannel, OutgoingMessage } from './channel';

export interface EmailSettings {
  smtpUrl: string;
  from: string;
  timeoutMs: number;
}

/** E-mail over SMTP with the calendar invite as a text/calendar part (understood by calendar apps). */
export class EmailChannel implements DeliveryChannel {
  readonly name = 'email' as const;
  private readonly transport: Transporter;
  private readonly messageIdDomain: string;

  constructor(private readonly settings: EmailSettings) {
    this.transport = nodemailer.createTransport(settings.smtpUrl, {
      connectionTimeout: settings.timeoutMs,
      greetingTimeout: settings.timeoutMs,
      socketTimeout: settings.timeoutMs,
    });
    this.messageIdDomain = /@([^>\s]+)>?$/.exec(settings.from)?.[1] ?? 'yiqiao.local';
  }

  appliesTo(): boolean {
    return true;
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
