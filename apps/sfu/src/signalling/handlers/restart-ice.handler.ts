import { z } from 'zod';
import { ClientEvent } from '@yiqiao/contracts';
import type { RestartIceResult } from '@yiqiao/contracts';
import { id } from '../schemas';
import { defineHandler } from '../signal-handler';
import { transportOf } from './lookup';

/** First step of recovering from a network change: new ICE credentials on the same transport. */
export const restartIceHandler = defineHandler({
  event: ClientEvent.RestartIce,
  schema: z.object({ transportId: id }).strict(),
  requires: 'in_call',
  async handle({ peer }, { transportId }): Promise<RestartIceResult> {
    const iceParameters = await transportOf(peer, transportId).restartIce();
    return { iceParameters };
  },
});
