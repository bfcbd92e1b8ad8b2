import { z } from 'zod';
import { ClientEvent } from '@yiqiao/contracts';
import { removePeer } from '../../rooms/participation';
import { id } from '../schemas';
import { SignalFailure } from '../signal-failure';
import { defineHandler } from '../signal-handler';

/** Removes someone from the call; a patient or guest who comes back waits to be admitted again. */
export const removeParticipantHandler = defineHandler({
  event: ClientEvent.RemoveParticipant,
  schema: z.object({ userId: id }).strict(),
  requires: 'staff',
  async handle({ room, peer, services }, { userId }) {
    const target = room.peers.get(userId);
    if (!target) throw new SignalFailure('not_found', 'That person is not in the consultation.');
    if (target === peer) throw new SignalFailure('forbidden', 'You cannot remove yourself; leave instead.');
    if (target.role === 'specialist')
      throw new SignalFailure('forbidden', 'The specialist cannot be removed.');
    await removePeer(room, target, services, { by: peer.displayName });
    services.publisher.report(room.consultationId, peer, 'removed', userId);
    return {};
  },
});
