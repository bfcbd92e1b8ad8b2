import { ClientEvent, ENDING_ROLES, ServerEvent } from '@yiqiao/contracts';
import { empty } from '../schemas';
import { SignalFailure } from '../signal-failure';
import { defineHandler } from '../signal-handler';

/** Ends the consultation for everyone; later join tokens for it are refused. */
export const endRoomHandler = defineHandler({
  event: ClientEvent.EndRoom,
  schema: empty,
  requires: 'staff',
  async handle({ room, peer, services }) {
    if (!ENDING_ROLES.includes(peer.role))
      throw new SignalFailure('forbidden', 'Only the specialist may end the consultation.');
    await services.admissions.markEnded(room.consultationId);
    services.publisher.report(room.consultationId, peer, 'ended');
    const everyone = [...room.peers.values()];
    for (const other of everyone) other.socket.emit(ServerEvent.Ended, { endedBy: peer.displayName });
    services.rooms.close(room.consultationId);
    setImmediate(() => everyone.forEach((other) => other.socket.disconnect(true)));
    return {};
  },
});
