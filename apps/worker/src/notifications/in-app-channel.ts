import type { MessageContext } from '@yiqiao/notifications';
import type { DeliveryChannel } from './channel';

/**
 * The in-app inbox: the delivery row itself is the inbox entry, published when marked sent. Only
 * users have an inbox; guests have no account.
 */
export class InAppChannel implements DeliveryChannel {
  readonly name = 'in_app' as const;
  readonly callsProvider = false;

  appliesTo(context: MessageContext): boolean {
    return context.recipient.kind === 'user';
  }

  async send(): Promise<null> {
    return null;
  }
}
