import { z } from 'zod';
import { ClientEvent, ServerEvent } from '@yiqiao/contracts';
import { enterCall } from '../../rooms/participation';
import { id } from '../schemas';
import { SignalFailure } from '../signal-failure';
import { defineHandler } from '../signal-handler';

/** Staff let a waiting participant in; the admission survives reconnects until the room ends. */
export const admitHandler = defineHandler({
  event: ClientEvent.Admit,
  schema: z.object({ userId: id }).strict(),
  requires: 'staff',
  async handle({ room, peer, services }, { userId }) {
    const waiting = room.peers.get(userId);
    if (!waiting || waiting.status !== 'waiting')
      throw new SignalFailure('not_found', 'That person is not in the waiting room any more.');
    await services.admissions.admit(room.consultationId, userId);
    enterCall(room, waiting, services);
    waiting.socket.emit(ServerEvent.Admitted, {
      participants: room.participantsVisibleTo(waiting),
      producers: room.producersFor(waiting),
    });
    room.notifyStaff(ServerEvent.WaitingLeft, { userId });
    services.publisher.report(room.consultationId, peer, 'admitted', userId);
    return { participant: waiting.info() };
  },
});
