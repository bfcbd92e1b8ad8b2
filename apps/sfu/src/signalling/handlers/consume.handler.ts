import { z } from 'zod';
import type { types } from 'mediasoup';
import { ClientEvent, ServerEvent } from '@yiqiao/contracts';
import type { ConsumeResult } from '@yiqiao/contracts';
import { id, rtpCapabilities } from '../schemas';
import { SignalFailure } from '../signal-failure';
import { defineHandler } from '../signal-handler';
import { transportOf } from './lookup';

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
    const caps = payload.rtpCapabilities as unknown as types.RtpCapabilities;
    if (!room.router.canConsume({ producerId: found.producer.id, rtpCapabilities: caps }))
      throw new SignalFailure('invalid_payload', 'Your device cannot decode this media (rtpCapabilities).');
    const consumer = await transport.consume({
      producerId: found.producer.id,
      rtpCapabilities: caps,
      paused: true,
      appData: {
        producerUserId: found.owner.userId,
        spatialLayers: found.producer.rtpParameters.encodings?.length ?? 1,
      },
    });
    peer.consumers.set(consumer.id, consumer);
    peer.views.set(consumer.id, { clientReady: false, visible: true, height: DEFAULT_TILE_HEIGHT });
    const forget = () => {
      peer.consumers.delete(consumer.id);
      peer.views.delete(consumer.id);
    };
    consumer.observer.once('close', forget);
    consumer.on('producerclose', () => {
      forget();
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
