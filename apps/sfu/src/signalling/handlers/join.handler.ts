import { ClientEvent, ServerEvent } from '@yiqiao/contracts';
import type { JoinResult } from '@yiqiao/contracts';
import { Peer } from '../../rooms/peer';
import { placePeer } from '../../rooms/participation';
import { WITHDRAWN_MESSAGE } from '../../rooms/room-control.listener';
import { turnIceServers } from '@yiqiao/contracts';
import { empty } from '../schemas';
import { SignalFailure } from '../signal-failure';
import { defineHandler } from '../signal-handler';

const MAX_PEERS_PER_ROOM = 10;

/**
 * Enters the room (or the waiting room). Idempotent for the same socket: after `room:rejoin` the
 * client calls it again to get fresh router capabilities; a new socket of the same user replaces the
 * old one and keeps the admission.
 */
export const joinHandler = defineHandler({
  event: ClientEvent.Join,
  schema: empty,
  requires: 'socket',
  async handle(ctx): Promise<JoinResult> {
    const { claims, services, socket } = ctx;
    if (await services.admissions.hasEnded(claims.cid))
      throw new SignalFailure('room_ended', 'This consultation has ended.');
    if (await services.admissions.isBarred(claims.cid, claims.sub))
      throw new SignalFailure('forbidden', WITHDRAWN_MESSAGE);
    const room = await services.rooms.getOrCreate(claims.cid);
    let peer = room.peers.get(claims.sub);
    if (peer && peer.socket === socket) {
      peer.closeMedia();
    } else {
      if (!peer && room.peers.size >= MAX_PEERS_PER_ROOM)
        throw new SignalFailure('forbidden', 'This consultation room is full.');
      const previous = peer;
      if (previous) {
        // the same person on a new socket (network change): the new one takes over, the old one is
        // dropped without a "left" (it is forgotten before its disconnect handler runs)
        for (const producerId of previous.producers.keys())
          room.broadcast(ServerEvent.ProducerClosed, { producerId }, previous);
        previous.closeMedia();
        room.peers.delete(previous.userId);
        previous.socket.disconnect(true);
      }
      peer = new Peer(claims, socket);
      room.peers.set(peer.userId, peer);
      await placePeer(room, peer, services);
      if (!previous) services.publisher.report(room.consultationId, peer, 'joined');
    }
    return {
      self: peer.info(),
      routerRtpCapabilities: room.router.rtpCapabilities as JoinResult['routerRtpCapabilities'],
      participants: room.participantsVisibleTo(peer),
      producers: room.producersFor(peer),
      iceServers: turnIceServers(
        services.config.TURN_SECRET,
        services.config.TURN_URLS,
        peer.userId,
        services.config.TURN_TTL_SECONDS,
      ),
    };
  },
});
