import { z } from 'zod';
import { ClientEvent, ServerEvent } from '@yiqiao/contracts';
import { id } from '../schemas';
import { defineHandler } from '../signal-handler';
import { producerOf } from './lookup';

/** Mute: the SFU stops forwarding and everyone sees the mute state. */
export const pauseProducerHandler = defineHandler({
  event: ClientEvent.PauseProducer,
  schema: z.object({ producerId: id }).strict(),
  requires: 'in_call',
  async handle({ room, peer }, { producerId }) {
    await producerOf(peer, producerId).pause();
    room.broadcast(ServerEvent.ParticipantUpdated, peer.info());
    return {};
  },
});
