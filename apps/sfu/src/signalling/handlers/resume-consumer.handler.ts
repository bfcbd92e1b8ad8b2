import { z } from 'zod';
import { ClientEvent } from '@yiqiao/contracts';
import { id } from '../schemas';
import { defineHandler } from '../signal-handler';
import { consumerOf } from './lookup';

export const resumeConsumerHandler = defineHandler({
  event: ClientEvent.ResumeConsumer,
  schema: z.object({ consumerId: id }).strict(),
  requires: 'in_call',
  async handle({ room, peer }, { consumerId }) {
    consumerOf(peer, consumerId);
    const view = peer.views.get(consumerId);
    if (view) view.clientReady = true;
    await room.applyView(peer, consumerId);
    return {};
  },
});
