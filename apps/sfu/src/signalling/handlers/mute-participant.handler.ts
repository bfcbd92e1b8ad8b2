import { z } from 'zod';
import { ClientEvent, ServerEvent } from '@yiqiao/contracts';
import type { MuteParticipantResult, MutedByStaffNotice } from '@yiqiao/contracts';
import { id } from '../schemas';
import { SignalFailure } from '../signal-failure';
import { defineHandler } from '../signal-handler';

/**
 * Staff silence someone's microphone (background noise, feedback): the SFU pauses the mic producer so
 * nothing is forwarded, whatever that person's client does. They may unmute themselves with
 * producer:resume; staff can quieten a participant, not gag them.
 *
 * No room event is reported: consultation_room_events only accepts the admission and lifecycle kinds.
 */
export const muteParticipantHandler = defineHandler({
  event: ClientEvent.MuteParticipant,
  schema: z.object({ userId: id }).strict(),
  requires: 'staff',
  async handle({ room, peer }, { userId }): Promise<MuteParticipantResult> {
    if (userId === peer.userId)
      throw new SignalFailure('forbidden', 'To mute yourself, use your own microphone button.');
    const target = room.peers.get(userId);
    if (!target || target.status !== 'in_call')
      throw new SignalFailure('not_found', 'That person is not in the call.');
    const live = [...target.producers.values()].filter(
      (p) => !p.closed && !p.paused && target.sourceOf(p) === 'mic',
    );
    if (live.length === 0) return { participant: target.info() };
    await Promise.all(live.map((producer) => producer.pause()));
    room.broadcast(ServerEvent.ParticipantUpdated, target.info());
    const notice: MutedByStaffNotice = { by: peer.displayName };
    target.socket.emit(ServerEvent.MutedByStaff, notice);
    return { participant: target.info() };
  },
});
