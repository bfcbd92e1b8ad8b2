import { ClientEvent, ENDING_ROLES, ServerEvent } from '@yiqiao/contracts';
import type { EndedNotice } from '@yiqiao/contracts';
import { empty } from '../schemas';
import { SignalFailure } from '../signal-failure';
import { defineHandler } from '../signal-handler';

/**
 * Ends the consultation for everyone; later join tokens for it are refused. Only once a patient has
 * been let in: before that there is nothing to end, and the window closing records who did not come.
 */
export const endRoomHandler = defineHandler({
  event: ClientEvent.EndRoom,
  schema: empty,
  requires: 'staff',
  async handle({ room, peer, services }) {
    if (!ENDING_ROLES.includes(peer.role))
      throw new SignalFailure('forbidden', 'Only the specialist may end the consultation.');
    if (!room.started)
      throw new SignalFailure(
        'not_started',
        'Nobody has been admitted yet, so there is nothing to end; if the patient does not come, the consultation is recorded as a no-show when its window closes.',
      );
    await services.admissions.markEnded(room.consultationId);
    services.publisher.report(room.consultationId, peer, 'ended');
    const everyone = [...room.peers.values()];
    for (const other of everyone)
      other.socket.emit(ServerEvent.Ended, { endedBy: peer.displayName } satisfies EndedNotice);
    services.rooms.close(room.consultationId);
    setImmediate(() => everyone.forEach((other) => other.socket.disconnect(true)));
    return {};
  },
});
