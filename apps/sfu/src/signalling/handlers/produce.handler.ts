import { z } from 'zod';
import type { types } from 'mediasoup';
import { ClientEvent, ServerEvent } from '@yiqiao/contracts';
import type { ConnectionQuality, ProduceResult, ProducerInfo } from '@yiqiao/contracts';
import { id, rtpParameters } from '../schemas';
import { SignalFailure } from '../signal-failure';
import { defineHandler } from '../signal-handler';
import { transportOf } from './lookup';

function qualityOf(scores: types.ProducerScore[]): ConnectionQuality {
  if (scores.length === 0) return 'unknown';
  const worst = Math.min(...scores.map((s) => s.score));
  return worst >= 7 ? 'good' : worst >= 4 ? 'fair' : 'poor';
}

export const produceHandler = defineHandler({
  event: ClientEvent.Produce,
  schema: z
    .object({
      transportId: id,
      kind: z.enum(['audio', 'video']),
      rtpParameters,
      source: z.enum(['mic', 'camera', 'screen']),
    })
    .strict(),
  requires: 'in_call',
  async handle({ room, peer }, payload): Promise<ProduceResult> {
    const transport = transportOf(peer, payload.transportId);
    if ((transport.appData as { direction: string }).direction !== 'send')
      throw new SignalFailure('invalid_payload', 'Produce on a send transport.');
    if ((payload.source === 'mic') !== (payload.kind === 'audio'))
      throw new SignalFailure('invalid_payload', 'The microphone sends audio; camera and screen send video.');
    if ([...peer.producers.values()].some((p) => peer.sourceOf(p) === payload.source))
      throw new SignalFailure('forbidden', `You already send ${payload.source}; close it first.`);
    const producer = await transport.produce({
      kind: payload.kind,
      rtpParameters: payload.rtpParameters as unknown as types.RtpParameters,
      appData: { userId: peer.userId, source: payload.source },
    });
    peer.producers.set(producer.id, producer);
    producer.observer.once('close', () => peer.producers.delete(producer.id));
    producer.on('score', (scores) => {
      const quality = qualityOf(scores);
      if (quality === peer.quality) return;
      peer.quality = quality;
      room.broadcast(ServerEvent.ParticipantUpdated, peer.info());
    });
    await room.observeAudio(producer);
    const info: ProducerInfo = {
      producerId: producer.id,
      userId: peer.userId,
      kind: producer.kind,
      source: payload.source,
      paused: producer.paused,
    };
    room.broadcast(ServerEvent.NewProducer, info, peer);
    // every list (the sender's too: a quality update may have gone out before this producer existed)
    // shows who is muted or has no video; staff's Mute buttons depend on it
    room.broadcast(ServerEvent.ParticipantUpdated, peer.info());
    return { producerId: producer.id };
  },
});
