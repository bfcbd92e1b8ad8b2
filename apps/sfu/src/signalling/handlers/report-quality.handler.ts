import { z } from 'zod';
import { ClientEvent, ServerEvent } from '@yiqiao/contracts';
import { defineHandler } from '../signal-handler';

/** The client's own view of its connection (e.g. from getStats), shown in the participant list. */
export const reportQualityHandler = defineHandler({
  event: ClientEvent.ReportQuality,
  schema: z.object({ quality: z.enum(['good', 'fair', 'poor', 'unknown']) }).strict(),
  requires: 'in_call',
  async handle({ room, peer }, { quality }) {
    if (peer.quality !== quality) {
      peer.quality = quality;
      room.broadcast(ServerEvent.ParticipantUpdated, peer.info());
    }
    return {};
  },
});
