import { z } from 'zod';
import type { types } from 'mediasoup';
import { ClientEvent } from '@yiqiao/contracts';
import { dtlsParameters, id } from '../schemas';
import { defineHandler } from '../signal-handler';
import { connectOnce } from './connect-once';
import { transportOf } from './lookup';

export const connectTransportHandler = defineHandler({
  event: ClientEvent.ConnectTransport,
  schema: z.object({ transportId: id, dtlsParameters }).strict(),
  requires: 'in_call',
  async handle({ peer }, payload) {
    await connectOnce(transportOf(peer, payload.transportId), payload.dtlsParameters as types.DtlsParameters);
    return {};
  },
});
