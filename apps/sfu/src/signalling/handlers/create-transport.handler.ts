import { z } from 'zod';
import type { types } from 'mediasoup';
import { ClientEvent } from '@yiqiao/contracts';
import type { TransportOptions } from '@yiqiao/contracts';
import { INITIAL_OUTGOING_BITRATE } from '../../media/media-codecs';
import { defineHandler } from '../signal-handler';
import { createInSlot } from './media-slot';

export const createTransportHandler = defineHandler({
  event: ClientEvent.CreateTransport,
  schema: z.object({ direction: z.enum(['send', 'recv']) }).strict(),
  requires: 'in_call',
  async handle({ room, peer, services }, { direction }): Promise<TransportOptions> {
    const { MEDIASOUP_LISTEN_IP, MEDIASOUP_ANNOUNCED_IP } = services.config;
    const transport = await createInSlot<types.WebRtcTransport>(peer, 'transport', {
      create: () =>
        room.router.createWebRtcTransport({
          listenIps: [{ ip: MEDIASOUP_LISTEN_IP, announcedIp: MEDIASOUP_ANNOUNCED_IP }],
          enableUdp: true,
          enableTcp: true,
          preferUdp: true,
          initialAvailableOutgoingBitrate: INITIAL_OUTGOING_BITRATE,
          appData: { direction, userId: peer.userId },
        }),
      adopt: (made) => {
        peer.transports.set(made.id, made);
        made.observer.once('close', () => peer.transports.delete(made.id));
      },
      discard: (made) => made.close(),
    });
    return {
      id: transport.id,
      iceParameters: transport.iceParameters,
      iceCandidates: transport.iceCandidates as TransportOptions['iceCandidates'],
      dtlsParameters: transport.dtlsParameters as TransportOptions['dtlsParameters'],
    };
  },
});
