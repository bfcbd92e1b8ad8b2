import { z } from 'zod';
import { ClientEvent, ServerEvent } from '@yiqiao/contracts';
import { leaveRoom } from '../../rooms/participation';
import { id } from '../schemas';
import { SignalFailure } from '../signal-failure';
import { defineHandler } from '../signal-handler';

export const declineHandler = defineHandler({
  event: ClientEvent.Decline,
  schema: z.object({ userId: id }).strict(),
  requires: 'staff',
  async handle({ room, peer, services }, { userId }) {
    const waiting = room.peers.get(userId);
    if (!waiting || waiting.status !== 'waiting')
      throw new SignalFailure('not_found', 'That person is not in the waiting room any more.');
    waiting.socket.emit(ServerEvent.Declined, { by: peer.displayName });
    leaveRoom(room, waiting, services);
    waiting.socket.disconnect(true);
    services.publisher.report(room.consultationId, peer, 'declined', userId);
    return {};
  },
});
