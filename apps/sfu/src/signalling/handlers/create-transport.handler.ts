import { z } from 'zod';
import { ClientEvent } from '@yiqiao/contracts';
import type { TransportOptions } from '@yiqiao/contracts';
import { INITIAL_OUTGOING_BITRATE } from '../../media/media-codecs';
import { SignalFailure } from '../signal-failure';
import { defineHandler } from '../signal-handler';

const MAX_TRANSPORTS_PER_PEER = 4;

export const createTransportHandler = defineHandler({
  event: ClientEvent.CreateTransport,
  schema: z.object({ direction: z.enum(['send', 'recv']) }).strict(),
  requires: 'in_call',
  async handle({ room, peer, services }, { direction }): Promise<TransportOptions> {
    if (peer.transports.size >= MAX_TRANSPORTS_PER_PEER)
      throw new SignalFailure('forbidden', `At most ${MAX_TRANSPORTS_PER_PEER} transports per participant.`);
    const { MEDIASOUP_LISTEN_IP, MEDIASOUP_ANNOUNCED_IP } = services.config;
    const transport = await room.router.createWebRtcTransport({
      listenIps: [{ ip: MEDIASOUP_LISTEN_IP, announcedIp: MEDIASOUP_ANNOUNCED_IP }],
      enableUdp: true,
      enableTcp: true,
      preferUdp: true,
      initialAvailableOutgoingBitrate: INITIAL_OUTGOING_BITRATE,
      appData: { direction, userId: peer.userId },
    });
    peer.transports.set(transport.id, transport);
    transport.observer.once('close', () => peer.transports.delete(transport.id));
    return {
      id: transport.id,
      iceParameters: transport.iceParameters,
      iceCandidates: transport.iceCandidates as TransportOptions['iceCandidates'],
      dtlsParameters: transport.dtlsParameters as TransportOptions['dtlsParameters'],
    };
  },
});
