import { randomBytes } from 'node:crypto';
import type { Consumer, PlainTransport, Producer, Router, RtpCapabilities } from 'mediasoup/lib/types';
import type { GeneratorClient } from './generator-client';

export const PARTICIPANT_ROLES = ['specialist', 'patient', 'interpreter', 'coordinator'] as const;
export type ParticipantRole = (typeof PARTICIPANT_ROLES)[number];

/** What a receiver's screen shows of one remote participant, as the web client reports it. */
export interface TileView {
  visible: boolean;
  width: number;
  height: number;
}

/** Chooses a consumer's preferred simulcast layer (or pause) from what its receiver shows. */
export type LayerChoice = { paused: true } | { paused: false; spatialLayer: number; temporalLayer: number };
export type LayerPolicy = (tile: TileView, isActiveSpeaker: boolean) => LayerChoice;

export interface Layout {
  /** How receiver `viewer` shows participant `shown` while `speaker` is the active speaker. */
  tile(viewer: ParticipantRole, shown: ParticipantRole, speaker: ParticipantRole): TileView;
}

export interface PolicyUnderTest {
  name: string;
  layerFor: LayerPolicy;
  /** Whether senders run Opus DTX (silent participants send almost nothing). */
  dtx: boolean;
}

let nextSsrc = 10_000;

/**
 * mediasoup re-picks a consumer's layers only when its preferred layers change, so the report goes
 * through a neighbouring layer first (as a tile that is resized while the layout settles).
 */
export async function reportAgain(
  consumer: Consumer,
  layers: { spatialLayer: number; temporalLayer: number },
): Promise<void> {
  const neighbour = layers.spatialLayer > 0 ? layers.spatialLayer - 1 : layers.spatialLayer + 1;
  await consumer.setPreferredLayers({ ...layers, spatialLayer: neighbour });
  await consumer.setPreferredLayers(layers);
}

interface Participant {
  role: ParticipantRole;
  send: PlainTransport;
  recv: PlainTransport;
  video?: Producer;
  audio?: Producer;
  consumers: Consumer[];
}

const VP8_FEEDBACK = [
  { type: 'nack' },
  { type: 'nack', parameter: 'pli' },
  { type: 'ccm', parameter: 'fir' },
];

/**
 * One consultation room of four participants built from PlainTransports: each sends 3-layer simulcast
 * VP8 + Opus from the load generator and receives the three others over SRTP into a counting sink.
 */
export class BenchRoom {
  readonly participants: Participant[] = [];
  readonly speaker: ParticipantRole = 'specialist';
  private readonly videoLayers = new Map<Consumer, { spatialLayer: number; temporalLayer: number }>();

  constructor(
    private readonly id: string,
    private readonly router: Router,
    private readonly generator: GeneratorClient,
    private readonly policy: PolicyUnderTest,
    private readonly layout: Layout,
    private readonly consumerCaps: RtpCapabilities,
  ) {}

  async open(): Promise<void> {
    for (const role of PARTICIPANT_ROLES) await this.addParticipant(role);
    for (const viewer of this.participants) {
      for (const shown of this.participants) if (shown !== viewer) await this.consume(viewer, shown);
    }
  }

  private async addParticipant(role: ParticipantRole): Promise<void> {
    const send = await this.router.createPlainTransport({
      listenIp: '127.0.0.1',
      rtcpMux: true,
      comedia: true,
    });
    const recv = await this.router.createPlainTransport({
      listenIp: '127.0.0.1',
      rtcpMux: true,
      comedia: false,
      enableSrtp: true,
      srtpCryptoSuite: 'AES_CM_128_HMAC_SHA1_80',
    });
    const sinkId = `${this.id}/${role}`;
    const sinkPort = await this.generator.addSink(sinkId);
    await recv.connect({
      ip: '127.0.0.1',
      port: sinkPort,
      srtpParameters: {
        cryptoSuite: 'AES_CM_128_HMAC_SHA1_80',
        keyBase64: randomBytes(30).toString('base64'),
      },
    });
    const ssrcs = { low: nextSsrc++, mid: nextSsrc++, high: nextSsrc++, audio: nextSsrc++ };
    const cname = `${sinkId}`;
    const video = await send.produce({
      kind: 'video',
      rtpParameters: {
        codecs: [{ mimeType: 'video/VP8', payloadType: 96, clockRate: 90000, rtcpFeedback: VP8_FEEDBACK }],
        encodings: [{ ssrc: ssrcs.low }, { ssrc: ssrcs.mid }, { ssrc: ssrcs.high }],
        rtcp: { cname },
      },
    });
    const audio = await send.produce({
      kind: 'audio',
      rtpParameters: {
        codecs: [
          {
            mimeType: 'audio/opus',
            payloadType: 100,
            clockRate: 48000,
            channels: 2,
            parameters: { usedtx: this.policy.dtx ? 1 : 0 },
          },
        ],
        encodings: [{ ssrc: ssrcs.audio }],
        rtcp: { cname },
      },
    });
    const speaking = role === this.speaker;
    await this.generator.addSender({
      id: sinkId,
      port: send.tuple.localPort,
      streams: [
        { recording: 'videoLow', ssrc: ssrcs.low },
        { recording: 'videoMid', ssrc: ssrcs.mid },
        { recording: 'videoHigh', ssrc: ssrcs.high },
        {
          recording: speaking ? 'audioSpeaking' : this.policy.dtx ? 'audioSilentDtx' : 'audioSilentNoDtx',
          ssrc: ssrcs.audio,
          dropDtxFrames: this.policy.dtx,
        },
      ],
    });
    this.participants.push({ role, send, recv, video, audio, consumers: [] });
  }

  private async consume(viewer: Participant, shown: Participant): Promise<void> {
    const tile = this.layout.tile(viewer.role, shown.role, this.speaker);
    const choice = this.policy.layerFor(tile, shown.role === this.speaker);
    const video = await viewer.recv.consume({
      producerId: shown.video!.id,
      rtpCapabilities: this.consumerCaps,
      paused: true,
    });
    if (!choice.paused) {
      const layers = { spatialLayer: choice.spatialLayer, temporalLayer: choice.temporalLayer };
      this.videoLayers.set(video, layers);
      await video.setPreferredLayers(layers);
      await video.resume();
    }
    const audio = await viewer.recv.consume({
      producerId: shown.audio!.id,
      rtpCapabilities: this.consumerCaps,
      paused: true,
    });
    await audio.resume();
    viewer.consumers.push(video, audio);
  }

  /**
   * Reports every video consumer's tile again, as the web client does once its tiles are drawn.
   * Without a bandwidth estimator mediasoup re-picks layers only on such events, and a simulcast
   * consumer can take its preferred layer only after the producer's Sender Reports arrived.
   */
  async reapplyViews(): Promise<void> {
    for (const [consumer, layers] of this.videoLayers) await reportAgain(consumer, layers);
  }

  /** How many video consumers forward each spatial layer right now ('paused' / 'none' otherwise). */
  countLayers(into: Record<string, number>): void {
    for (const p of this.participants)
      for (const c of p.consumers) {
        if (c.kind !== 'video') continue;
        const key = c.paused ? 'paused' : c.currentLayers ? `L${c.currentLayers.spatialLayer}` : 'none';
        into[key] = (into[key] ?? 0) + 1;
      }
  }

  get consumerCount(): number {
    return this.participants.reduce((n, p) => n + p.consumers.length, 0);
  }

  close(): void {
    for (const p of this.participants) {
      p.send.close();
      p.recv.close();
      this.generator.removeParticipant(`${this.id}/${p.role}`);
    }
  }
}
