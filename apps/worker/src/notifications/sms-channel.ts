import type { MessageContext } from '@yiqiao/notifications';
import type { DeliveryChannel, OutgoingMessage } from './channel';

export interface SmsSettings {
  url: string;
  token?: string;
  timeoutMs: number;
}

/**
 * SMS through an HTTP provider: POST {to, text, reference} as JSON. The delivery id goes along as
 * `reference` and `Idempotency-Key`, so a provider that deduplicates sends a retried message once.
 */
export class HttpSmsChannel implements DeliveryChannel {
  readonly name = 'sms' as const;
  readonly callsProvider = true;

  constructor(private readonly settings: SmsSettings) {}

  appliesTo(context: MessageContext): boolean {
    return Boolean(context.recipient.phone);
  }

  async send({ deliveryId, context, message }: OutgoingMessage): Promise<string | null> {
    const response = await fetch(this.settings.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'idempotency-key': deliveryId,
        ...(this.settings.token ? { authorization: `Bearer ${this.settings.token}` } : {}),
      },
      body: JSON.stringify({ to: context.recipient.phone, text: message.sms, reference: deliveryId }),
      signal: AbortSignal.timeout(this.settings.timeoutMs),
    });
    const body = await response.text();
    if (!response.ok) throw new Error(`SMS provider answered ${response.status}: ${body.slice(0, 300)}`);
    return providerId(body);
  }
}

function providerId(body: string): string | null {
  try {
    const parsed: unknown = JSON.parse(body);
    if (parsed && typeof parsed === 'object' && 'id' in parsed) return String(parsed.id);
  } catch {
    // a provider that answers with plain text has no id to record
  }
  return null;
}
