import type { CalendarInvite, Channel, MessageContext, RenderedMessage } from '@yiqiao/notifications';

export interface OutgoingMessage {
  /** Stable across retries: providers and receivers can use it to recognise a repeat. */
  deliveryId: string;
  context: MessageContext;
  message: RenderedMessage;
  invite: CalendarInvite | null;
}

/** One way of reaching a person. `send` resolves with the provider's message id once it accepted. */
export interface DeliveryChannel {
  readonly name: Channel;
  appliesTo(context: MessageContext): boolean;
  send(outgoing: OutgoingMessage): Promise<string | null>;
}

export const DELIVERY_CHANNELS = Symbol('DELIVERY_CHANNELS');
