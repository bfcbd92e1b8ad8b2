import { z } from 'zod';
import { ClientEvent, ServerEvent } from '@yiqiao/contracts';
import { id } from '../schemas';
import { defineHandler } from '../signal-handler';
import { producerOf } from './lookup';

/** Stops a source (e.g. screen sharing); consumers of it close and their owners are told. */
export const closeProducerHandler = defineHandler({
  event: ClientEvent.CloseProducer,
  schema: z.object({ producerId: id }).strict(),
  requires: 'in_call',
  async handle({ room, peer }, { producerId }) {
    producerOf(peer, producerId).close();
    room.broadcast(ServerEvent.ProducerClosed, { producerId }, peer);
    room.broadcast(ServerEvent.ParticipantUpdated, peer.info());
    return {};
  },
});
