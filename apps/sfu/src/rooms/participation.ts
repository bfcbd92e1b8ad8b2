import { ServerEvent, WAITING_ROOM_ROLES } from '@yiqiao/contracts';
import type { RemovedNotice } from '@yiqiao/contracts';
import type { SignalServices } from '../signalling/signal-handler';
import type { Peer } from './peer';
import type { Room } from './room';

/** The call starts when the specialist and the patient are both in it. */
function maybeStart(room: Room, actor: Peer, services: SignalServices): void {
  if (room.started) return;
  const inCall = room.inCall();
  if (inCall.some((p) => p.role === 'specialist') && inCall.some((p) => p.role === 'patient')) {
    room.started = true;
    services.publisher.report(room.consultationId, actor, 'started');
  }
}

/** Moves a peer into the call and tells everyone already there. */
export function enterCall(room: Room, peer: Peer, services: SignalServices): void {
  peer.status = 'in_call';
  room.broadcast(ServerEvent.ParticipantJoined, peer.info(), peer);
  if (room.activeSpeakerUserId)
    peer.socket.emit(ServerEvent.ActiveSpeaker, { userId: room.activeSpeakerUserId });
  maybeStart(room, peer, services);
}

/** Places a peer in the waiting room (unless already admitted) and notifies the staff. */
export async function placePeer(room: Room, peer: Peer, services: SignalServices): Promise<void> {
  const waits =
    WAITING_ROOM_ROLES.includes(peer.role) &&
    !(await services.admissions.isAdmitted(room.consultationId, peer.userId));
  if (!waits) {
    enterCall(room, peer, services);
    return;
  }
  peer.status = 'waiting';
  room.notifyStaff(ServerEvent.WaitingJoined, peer.info());
}

/** Takes a peer out of the room (disconnect, removal, decline) and tells the others. */
export function leaveRoom(room: Room, peer: Peer, services: SignalServices): void {
  if (room.peers.get(peer.userId) !== peer) return;
  const wasInCall = peer.status === 'in_call';
  for (const producer of peer.producers.values())
    room.broadcast(ServerEvent.ProducerClosed, { producerId: producer.id }, peer);
  peer.closeMedia();
  room.peers.delete(peer.userId);
  if (wasInCall) room.broadcast(ServerEvent.ParticipantLeft, { userId: peer.userId });
  else room.notifyStaff(ServerEvent.WaitingLeft, { userId: peer.userId });
  services.publisher.report(room.consultationId, peer, 'left');
  services.rooms.closeIfEmpty(room);
}

/** Puts someone out of the call: their admission is gone (they would wait again), they are told why. */
export async function removePeer(
  room: Room,
  target: Peer,
  services: SignalServices,
  notice: RemovedNotice,
): Promise<void> {
  await services.admissions.revoke(room.consultationId, target.userId);
  target.socket.emit(ServerEvent.Removed, notice);
  leaveRoom(room, target, services);
  target.socket.disconnect(true);
}
