import { z } from 'zod';
import { types } from 'mediasoup';
import { ClientEvent, ServerEvent } from '@yiqiao/contracts';
import type { ConnectionQuality, ProduceResult, ProducerInfo } from '@yiqiao/contracts';
import { invalidField } from '../invalid-field';
import { checkProducerSupport, checkTransportConflicts } from '../producer-support';
import { id, rtpParameters } from '../schemas';
import { SignalFailure } from '../signal-failure';
import { defineHandler } from '../signal-handler';
import { transportOf } from './lookup';
import { createInSlot } from './media-slot';

function qualityOf(scores: types.ProducerScore[]): ConnectionQuality {
  if (scores.length === 0) return 'unknown';
  const worst = Math.min(...scores.map((s) => s.score));
  return worst >= 7 ? 'good' : worst >= 4 ? 'fair' : 'poor';
}

/** mediasoup's own "not supported" (e.g. an H264 profile the router does not offer) is the client's. */
function asRefusal(error: unknown): unknown {
  return error instanceof types.UnsupportedError
    ? invalidField(ClientEvent.Produce, 'rtpParameters.codecs', error.message)
    : error;
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
    const { source } = payload;
    if (
      peer.pendingSources.has(source) ||
      [...peer.producers.values()].some((p) => peer.sourceOf(p) === source)
    )
      throw new SignalFailure('forbidden', `You already send ${source}; close it first.`);
    checkProducerSupport(payload.kind, payload.rtpParameters, room.router.rtpCapabilities);
    checkTransportConflicts(
      payload.rtpParameters,
      [...peer.producers.values()].filter(
        (p) => !p.closed && (p.appData as { transportId?: string }).transportId === transport.id,
      ),
    );
    peer.pendingSources.add(source);
    let producer: types.Producer;
    try {
      producer = await createInSlot<types.Producer>(peer, 'producer', {
        create: () =>
          transport
            .produce({
              kind: payload.kind,
              rtpParameters: payload.rtpParameters as types.RtpParameters,
              appData: { userId: peer.userId, source, transportId: transport.id },
            })
            .catch((error: unknown) => Promise.reject(asRefusal(error))),
        adopt: (made) => {
          peer.producers.set(made.id, made);
          made.observer.once('close', () => peer.producers.delete(made.id));
        },
        discard: (made) => made.close(),
      });
    } finally {
      peer.pendingSources.delete(source);
    }
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
      source,
      paused: producer.paused,
    };
    room.broadcast(ServerEvent.NewProducer, info, peer);
    // every list (the sender's too: a quality update may have gone out before this producer existed)
    // shows who is muted or has no video; staff's Mute buttons depend on it
    room.broadcast(ServerEvent.ParticipantUpdated, peer.info());
    return { producerId: producer.id };
  },
});
