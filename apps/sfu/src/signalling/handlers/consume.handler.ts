import { z } from 'zod';
import type { types } from 'mediasoup';
import { ClientEvent, ServerEvent } from '@yiqiao/contracts';
import type { ConsumeResult } from '@yiqiao/contracts';
import { id, rtpCapabilities } from '../schemas';
import { SignalFailure } from '../signal-failure';
import { defineHandler } from '../signal-handler';
import { transportOf } from './lookup';
import { createInSlot } from './media-slot';

const DEFAULT_TILE_HEIGHT = 360;

/** Consumers start paused; `consumer:resume` says the client is ready and forwarding begins. */
export const consumeHandler = defineHandler({
  event: ClientEvent.Consume,
  schema: z.object({ transportId: id, producerId: id, rtpCapabilities }).strict(),
  requires: 'in_call',
  async handle({ room, peer, socket }, payload): Promise<ConsumeResult> {
    const transport = transportOf(peer, payload.transportId);
    if ((transport.appData as { direction: string }).direction !== 'recv')
      throw new SignalFailure('invalid_payload', 'Consume on a receive transport.');
    const found = room.findProducer(payload.producerId);
    if (!found || found.owner === peer)
      throw new SignalFailure('not_found', 'That media is no longer available.');
    const caps = payload.rtpCapabilities as types.RtpCapabilities;
    if (!room.router.canConsume({ producerId: found.producer.id, rtpCapabilities: caps }))
      throw new SignalFailure('invalid_payload', 'Your device cannot decode this media (rtpCapabilities).');
    const forget = (consumerId: string) => {
      peer.consumers.delete(consumerId);
      peer.views.delete(consumerId);
    };
    const consumer = await createInSlot<types.Consumer>(peer, 'consumer', {
      create: () =>
        transport.consume({
          producerId: found.producer.id,
          rtpCapabilities: caps,
          paused: true,
          appData: {
            producerUserId: found.owner.userId,
            spatialLayers: found.producer.rtpParameters.encodings?.length ?? 1,
          },
        }),
      adopt: (made) => {
        peer.consumers.set(made.id, made);
        peer.views.set(made.id, { clientReady: false, visible: true, height: DEFAULT_TILE_HEIGHT });
        made.observer.once('close', () => forget(made.id));
      },
      discard: (made) => made.close(),
    });
    consumer.on('producerclose', () => {
      forget(consumer.id);
      socket.emit(ServerEvent.ConsumerClosed, { consumerId: consumer.id });
    });
    return {
      consumerId: consumer.id,
      producerId: found.producer.id,
      userId: found.owner.userId,
      kind: consumer.kind,
      rtpParameters: consumer.rtpParameters as ConsumeResult['rtpParameters'],
    };
  },
});
