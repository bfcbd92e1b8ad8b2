import { z } from 'zod';
import { ClientEvent, ServerEvent } from '@yiqiao/contracts';
import { id } from '../schemas';
import { defineHandler } from '../signal-handler';
import { producerOf } from './lookup';

/** Unmute. */
export const resumeProducerHandler = defineHandler({
  event: ClientEvent.ResumeProducer,
  schema: z.object({ producerId: id }).strict(),
  requires: 'in_call',
  async handle({ room, peer }, { producerId }) {
    await producerOf(peer, producerId).resume();
    room.broadcast(ServerEvent.ParticipantUpdated, peer.info());
    return {};
  },
});
