import { z } from 'zod';
import { ClientEvent } from '@yiqiao/contracts';
import { id } from '../schemas';
import { defineHandler } from '../signal-handler';
import { consumerOf } from './lookup';

/** The client reports how it shows a video; the SFU forwards the matching layer (or nothing). */
export const setConsumerViewHandler = defineHandler({
  event: ClientEvent.SetConsumerView,
  schema: z
    .object({
      consumerId: id,
      visible: z.boolean(),
      width: z.number().int().min(0).max(8192),
      height: z.number().int().min(0).max(8192),
    })
    .strict(),
  requires: 'in_call',
  async handle({ room, peer }, { consumerId, visible, height }) {
    consumerOf(peer, consumerId);
    const view = peer.views.get(consumerId);
    if (view) Object.assign(view, { visible, height });
    await room.applyView(peer, consumerId);
    return {};
  },
});
