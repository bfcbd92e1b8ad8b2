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
  /** True when `send` hands the message to an outside provider (it then runs in a send slot). */
  readonly callsProvider: boolean;
  appliesTo(context: MessageContext): boolean;
  send(outgoing: OutgoingMessage): Promise<string | null>;
  /** Releases pooled connections; called once the worker has stopped taking jobs. */
  close?(): void;
}

export const DELIVERY_CHANNELS = Symbol('DELIVERY_CHANNELS');
