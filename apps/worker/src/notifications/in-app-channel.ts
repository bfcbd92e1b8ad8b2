import type { DeliveryChannel } from './channel';

/** The in-app inbox: the delivery row itself is the inbox entry, published when marked sent. */
export class InAppChannel implements DeliveryChannel {
  readonly name = 'in_app' as const;
  readonly callsProvider = false;

  appliesTo(): boolean {
    return true;
  }

  async send(): Promise<null> {
    return null;
  }
}
