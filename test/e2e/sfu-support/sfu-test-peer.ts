import { eventually } from '@yiqiao/testing';
import './wrtc-globals';
import { Device, types } from 'mediasoup-client';
import { io, Socket } from 'socket.io-client';
import { ClientEvent, ServerEvent, SFU_NAMESPACE } from '@yiqiao/contracts';
import type {
  Ack,
  ConsumeResult,
  JoinResult,
  ProduceResult,
  ProducerInfo,
  RestartIceResult,
  SignalError,
  TransportOptions,
} from '@yiqiao/contracts';
import { SyntheticMedia } from './synthetic-media';

export class SignalRefused extends Error {
  constructor(readonly error: SignalError) {
    super(`${error.code}: ${error.message}`);
  }
}

/** Connects a socket.io client with a join token; resolves when the handshake is accepted. */
export function connectSocket(url: string, auth: Record<string, unknown>): Promise<Socket> {
  const socket = io(`${url}${SFU_NAMESPACE}`, {
    auth,
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
    timeout: 5_000,
  });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', (error) => {
      socket.close();
      reject(error);
    });
  });
}

/** How a peer's transports reach the SFU: directly (default) or, e.g., only through a TURN relay. */
export interface TransportIce {
  iceServers?: RTCIceServer[];
  iceTransportPolicy?: RTCIceTransportPolicy;
}

/**
 * A participant as the web client behaves: joins, sends a synthetic camera (three simulcast layers)
 * and microphone, consumes everyone else, and redoes its media after `room:admitted` or `room:rejoin`.
 */
export class SfuTestPeer {
  readonly events: { event: string; payload: unknown }[] = [];
  joinResult: JoinResult | null = null;
  private device: Device | null = null;
  private sendTransport: types.Transport | null = null;
  private recvTransport: types.Transport | null = null;
  private media: SyntheticMedia | null = null;
  private mediaStarting: Promise<void> | null = null;
  mediaRounds = 0;
  /** producers announced to this peer (join result, admission, producer:new) */
  private readonly known = new Map<string, ProducerInfo>();

  /** ICE settings for the transports created from now on (e.g. relay-only through TURN). */
  ice: TransportIce = {};

  private constructor(readonly socket: Socket) {
    socket.onAny((event: string, payload: unknown) => this.events.push({ event, payload }));
    socket.on(ServerEvent.NewProducer, (info: ProducerInfo) => {
      this.known.set(info.producerId, info);
      void this.consume(info).catch(() => undefined);
    });
    socket.on(ServerEvent.ProducerClosed, ({ producerId }: { producerId: string }) =>
      this.known.delete(producerId),
    );
    socket.on(ServerEvent.Admitted, ({ producers }: { producers: ProducerInfo[] }) => {
      for (const info of producers) this.known.set(info.producerId, info);
      void this.startMedia().catch(() => undefined);
    });
    socket.on(ServerEvent.Rejoin, () => void this.rejoin().catch(() => undefined));
  }

  static async connect(url: string, consultationId: string, token: string): Promise<SfuTestPeer> {
    return new SfuTestPeer(await connectSocket(url, { token, consultationId }));
  }

  /** Sends one request; resolves with the ack (ok or error). */
  async request<T>(event: string, payload: unknown = {}): Promise<Ack<T>> {
    return (await this.socket.timeout(10_000).emitWithAck(event, payload)) as Ack<T>;
  }

  /** Sends one request and returns its data, or throws the server's refusal. */
  async call<T>(event: string, payload: unknown = {}): Promise<T> {
    const ack = await this.request<T>(event, payload);
    if (!ack.ok) throw new SignalRefused(ack.error);
    return ack.data;
  }

  async join(): Promise<JoinResult> {
    this.joinResult = await this.call<JoinResult>(ClientEvent.Join);
    this.known.clear();
    for (const info of this.joinResult.producers) this.known.set(info.producerId, info);
    this.device = await Device.factory({ handlerName: 'Chrome111' });
    await this.device.load({ routerRtpCapabilities: this.joinResult.routerRtpCapabilities });
    return this.joinResult;
  }

  /** Creates transports, produces camera and mic, consumes what others send. */
  startMedia(): Promise<void> {
    this.mediaStarting ??= this.doStartMedia().finally(() => (this.mediaStarting = null));
    return this.mediaStarting;
  }

  private async doStartMedia(): Promise<void> {
    this.sendTransport = await this.transport('send');
    this.recvTransport = await this.transport('recv');
    this.media ??= new SyntheticMedia();
    await this.sendTransport.produce({
      track: this.media.video,
      encodings: [
        { rid: 'r0', scaleResolutionDownBy: 4, maxBitrate: 100_000 },
        { rid: 'r1', scaleResolutionDownBy: 2, maxBitrate: 300_000 },
        { rid: 'r2', scaleResolutionDownBy: 1, maxBitrate: 900_000 },
      ],
      appData: { source: 'camera' },
      stopTracks: false,
    });
    await this.sendTransport.produce({
      track: this.media.audio,
      codecOptions: { opusDtx: true, opusFec: true },
      appData: { source: 'mic' },
      stopTracks: false,
    });
    for (const info of [...this.known.values()]) await this.consume(info);
    this.mediaRounds++;
  }

  private async transport(direction: 'send' | 'recv'): Promise<types.Transport> {
    const options = {
      ...(await this.call<TransportOptions>(ClientEvent.CreateTransport, { direction })),
      ...this.ice,
    };
    const transport =
      direction === 'send'
        ? this.device!.createSendTransport(options)
        : this.device!.createRecvTransport(options);
    transport.on('connect', ({ dtlsParameters }, callback, errback) => {
      this.call(ClientEvent.ConnectTransport, { transportId: transport.id, dtlsParameters }).then(
        () => callback(),
        errback,
      );
    });
    transport.on('produce', ({ kind, rtpParameters, appData }, callback, errback) => {
      this.call<ProduceResult>(ClientEvent.Produce, {
        transportId: transport.id,
        kind,
        rtpParameters,
        source: (appData as { source: string }).source,
      }).then(({ producerId }) => {
        this.producerIds.set(kind, producerId);
        callback({ id: producerId });
      }, errback);
    });
    return transport;
  }

  private readonly consumed = new Set<string>();

  private async consume(info: ProducerInfo): Promise<void> {
    const recv = this.recvTransport;
    if (!recv || recv.closed || this.consumed.has(`${recv.id}:${info.producerId}`)) return;
    this.consumed.add(`${recv.id}:${info.producerId}`);
    const result = await this.call<ConsumeResult>(ClientEvent.Consume, {
      transportId: recv.id,
      producerId: info.producerId,
      rtpCapabilities: this.device!.rtpCapabilities,
    });
    await recv.consume({
      id: result.consumerId,
      producerId: result.producerId,
      kind: result.kind,
      rtpParameters: result.rtpParameters,
    });
    this.consumerIds.set(result.consumerId, result);
    await this.call(ClientEvent.ResumeConsumer, { consumerId: result.consumerId });
  }

  /** This peer's current producer id per kind. */
  readonly producerIds = new Map<'audio' | 'video', string>();

  /** Consumers this peer holds, with the producer and owner each one receives from. */
  readonly consumerIds = new Map<string, ConsumeResult>();

  /** After a media-server restart: drop local transports, join again, redo media. No user action. */
  private async rejoin(): Promise<void> {
    this.sendTransport?.close();
    this.recvTransport?.close();
    this.sendTransport = this.recvTransport = null;
    await this.join();
    if (this.joinResult?.self.status === 'in_call') await this.startMedia();
  }

  /** What the client does when its network changes: new ICE credentials on both transports. */
  async restartIce(): Promise<void> {
    for (const transport of [this.sendTransport, this.recvTransport]) {
      if (!transport) continue;
      const { iceParameters } = await this.call<RestartIceResult>(ClientEvent.RestartIce, {
        transportId: transport.id,
      });
      await transport.restartIce({ iceParameters });
    }
  }

  /** The candidate types (host, srflx, relay) of the selected pairs on both transports. */
  async selectedCandidateTypes(): Promise<string[]> {
    const types: string[] = [];
    for (const transport of [this.sendTransport, this.recvTransport]) {
      if (!transport || transport.closed) continue;
      const stats = await transport.getStats();
      const byId = new Map<string, { candidateType?: string }>();
      stats.forEach((s: { id: string; candidateType?: string }) => byId.set(s.id, s));
      stats.forEach((s: { type: string; state?: string; nominated?: boolean; localCandidateId?: string }) => {
        if (s.type === 'candidate-pair' && s.state === 'succeeded' && s.nominated && s.localCandidateId)
          types.push(byId.get(s.localCandidateId)?.candidateType ?? 'unknown');
      });
    }
    return types;
  }

  /** Bytes received so far on the current receive transport, by kind. */
  async inboundBytes(): Promise<{ audio: number; video: number }> {
    const totals = { audio: 0, video: 0 };
    if (!this.recvTransport || this.recvTransport.closed) return totals;
    const stats = await this.recvTransport.getStats();
    stats.forEach((s: { type: string; kind?: 'audio' | 'video'; bytesReceived?: number }) => {
      if (s.type === 'inbound-rtp' && s.kind) totals[s.kind] += s.bytesReceived ?? 0;
    });
    return totals;
  }

  received(event: string): unknown[] {
    return this.events.filter((e) => e.event === event).map((e) => e.payload);
  }

  /** Closes everything native; wrtc crashes at process exit if peer connections or sources outlive it. */
  async close(): Promise<void> {
    this.sendTransport?.close();
    this.recvTransport?.close();
    this.media?.stop();
    this.socket.close();
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
}

export { eventually };

/** Waits until audio and video bytes received grow beyond a baseline for every given peer. */
export async function expectMediaFlowing(peers: SfuTestPeer[], minGrowth = 2_000): Promise<void> {
  const baseline = await Promise.all(peers.map((p) => p.inboundBytes()));
  await eventually(async () => {
    const now = await Promise.all(peers.map((p) => p.inboundBytes()));
    return now.every(
      (n, i) => n.audio - baseline[i].audio >= minGrowth && n.video - baseline[i].video >= minGrowth,
    );
  }, 'audio and video bytes to grow on every receiver');
}
