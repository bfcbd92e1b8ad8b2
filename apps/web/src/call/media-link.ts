import { Device, type types } from 'mediasoup-client';
import type { Socket } from 'socket.io-client';
import {
  ClientEvent,
  type ConsumeResult,
  type IceServer,
  type MediaSource,
  type ProduceResult,
  type ProducerInfo,
  type RestartIceResult,
  type TransportOptions,
} from '@yiqiao/contracts/sfu';
import { request } from './signal';

/** Simulcast: three spatial layers so the SFU can forward what each receiver's tile needs. */
const VIDEO_ENCODINGS: RTCRtpEncodingParameters[] = [
  { scaleResolutionDownBy: 4, maxBitrate: 150_000 },
  { scaleResolutionDownBy: 2, maxBitrate: 500_000 },
  { scaleResolutionDownBy: 1, maxBitrate: 1_200_000 },
];

/** The link was closed (rejoin, reconnection, leaving) while one of its steps was under way. */
export class MediaLinkClosed extends Error {
  constructor() {
    super('media link closed');
  }
}

/** A consumer being created; the server may close it (or its producer) before it is ready here. */
interface PendingConsumer {
  consumerId?: string;
  closed: boolean;
}

/** What became of one producer's consumption: its consumer, nothing (gone meanwhile), or an error. */
export interface ConsumeOutcome {
  info: ProducerInfo;
  consumer: types.Consumer | null;
  error?: unknown;
}

/**
 * The media half of one signalling session: the mediasoup-client Device, one send and one receive
 * transport, our producers and the consumers of everyone else. Rebuilt after every (re)join.
 *
 * Everything starts at construction and runs concurrently: both transports are requested while the
 * device loads, and each consume or produce waits only for the transport it needs, so receiving the
 * others never queues behind sending our own camera and microphone.
 */
export class MediaLink {
  readonly device = new Device();
  sendTransport: types.Transport | null = null;
  recvTransport: types.Transport | null = null;
  readonly producers = new Map<MediaSource, types.Producer>();
  readonly consumers = new Map<string, types.Consumer>();
  /** by producer id: consumed, or being consumed (so a producer announced twice is consumed once) */
  private readonly consuming = new Map<string, PendingConsumer>();
  private readonly loaded: Promise<void>;
  private readonly recvReady: Promise<types.Transport>;
  private readonly sendReady: Promise<types.Transport>;
  private closed = false;

  constructor(
    private readonly socket: Socket,
    private readonly iceServers: IceServer[],
    routerRtpCapabilities: types.RtpCapabilities,
    private readonly onTransportState: (state: string) => void,
  ) {
    // the receive side first: it is what the person is waiting to see
    const recvOptions = this.requestTransport('recv');
    const sendOptions = this.requestTransport('send');
    this.loaded = this.device.load({ routerRtpCapabilities });
    this.recvReady = this.createTransport('recv', recvOptions);
    this.sendReady = this.createTransport('send', sendOptions);
    // failures surface to whoever waits for a transport; these only keep them from being "unhandled"
    for (const step of [this.loaded, this.recvReady, this.sendReady]) step.catch(() => undefined);
  }

  private requestTransport(direction: 'send' | 'recv'): Promise<TransportOptions> {
    const options = request<TransportOptions>(this.socket, ClientEvent.CreateTransport, { direction });
    options.catch(() => undefined);
    return options;
  }

  private async createTransport(
    direction: 'send' | 'recv',
    requested: Promise<TransportOptions>,
  ): Promise<types.Transport> {
    const [options] = await Promise.all([requested, this.loaded]);
    if (this.closed) throw new MediaLinkClosed();
    const params = { ...options, iceServers: this.iceServers as RTCIceServer[] };
    const transport =
      direction === 'send'
        ? this.device.createSendTransport(params)
        : this.device.createRecvTransport(params);
    transport.on('connect', ({ dtlsParameters }, callback, errback) => {
      request(this.socket, ClientEvent.ConnectTransport, { transportId: transport.id, dtlsParameters })
        .then(() => callback())
        .catch(errback);
    });
    if (direction === 'send')
      transport.on('produce', ({ kind, rtpParameters, appData }, callback, errback) => {
        const source = (appData as { source: MediaSource }).source;
        request<ProduceResult>(this.socket, ClientEvent.Produce, {
          transportId: transport.id,
          kind,
          rtpParameters,
          source,
        })
          .then(({ producerId }) => callback({ id: producerId }))
          .catch(errback);
      });
    transport.on('connectionstatechange', (state) => {
      this.onTransportState(state);
      if (state === 'failed' || state === 'disconnected') void this.restartIce(transport);
    });
    if (direction === 'send') this.sendTransport = transport;
    else this.recvTransport = transport;
    return transport;
  }

  private async restartIce(transport: types.Transport): Promise<void> {
    if (transport.closed || this.socket.disconnected) return;
    try {
      const { iceParameters } = await request<RestartIceResult>(this.socket, ClientEvent.RestartIce, {
        transportId: transport.id,
      });
      await transport.restartIce({ iceParameters });
    } catch {
      // the socket reconnect path rebuilds everything if this does not help
    }
  }

  async produce(track: MediaStreamTrack, source: MediaSource, paused: boolean): Promise<types.Producer> {
    const transport = await this.sendReady;
    const producer = await transport.produce({
      track,
      appData: { source },
      stopTracks: false,
      ...(track.kind === 'video'
        ? { encodings: VIDEO_ENCODINGS, codecOptions: { videoGoogleStartBitrate: 1000 } }
        : {}),
    });
    if (this.closed) {
      producer.close();
      throw new MediaLinkClosed();
    }
    if (paused) producer.pause();
    this.producers.set(source, producer);
    return producer;
  }

  /**
   * Creates consumers (paused on the server) for these producers once the receive transport exists:
   * all the requests at once, then one local negotiation for all the answers. A producer already
   * consumed here is skipped; one that went away meanwhile gives a null consumer. Call `resume` as soon
   * as a consumer is attached.
   */
  async consume(infos: ProducerInfo[]): Promise<ConsumeOutcome[]> {
    if (infos.length === 0) return [];
    const wanted = infos.filter(
      (info, i) =>
        !this.consuming.has(info.producerId) &&
        infos.findIndex((other) => other.producerId === info.producerId) === i,
    );
    const pendings = wanted.map((info) => {
      const pending: PendingConsumer = { closed: false };
      this.consuming.set(info.producerId, pending);
      return pending;
    });
    let creations: Promise<types.Consumer | null>[];
    try {
      const transport = await this.recvReady;
      const answers = await Promise.allSettled(
        wanted.map((info, i) =>
          request<ConsumeResult>(this.socket, ClientEvent.Consume, {
            transportId: transport.id,
            producerId: info.producerId,
            rtpCapabilities: this.device.rtpCapabilities,
          }).then((result) => {
            pendings[i].consumerId = result.consumerId;
            return result;
          }),
        ),
      );
      // every transport.consume() call in the same tick: mediasoup-client adds them in one negotiation
      creations = answers.map((answer, i) => this.attach(transport, wanted[i], pendings[i], answer));
    } catch (error) {
      creations = wanted.map(() => Promise.reject(error));
    }
    const created = await Promise.allSettled(creations);
    return created.map((outcome, i) => {
      const info = wanted[i];
      const consumer = outcome.status === 'fulfilled' ? outcome.value : null;
      if (!consumer && this.consuming.get(info.producerId) === pendings[i])
        this.consuming.delete(info.producerId);
      return outcome.status === 'fulfilled' ? { info, consumer } : { info, consumer, error: outcome.reason };
    });
  }

  private attach(
    transport: types.Transport,
    info: ProducerInfo,
    pending: PendingConsumer,
    answer: PromiseSettledResult<ConsumeResult>,
  ): Promise<types.Consumer | null> {
    if (answer.status === 'rejected') return Promise.reject(answer.reason);
    if (this.closed) return Promise.reject(new MediaLinkClosed());
    if (pending.closed) return Promise.resolve(null);
    const result = answer.value;
    return transport
      .consume({
        id: result.consumerId,
        producerId: result.producerId,
        kind: result.kind,
        rtpParameters: result.rtpParameters,
        appData: { userId: info.userId, source: info.source },
      })
      .then((consumer) => {
        if (this.closed || pending.closed) {
          consumer.close();
          if (this.closed) throw new MediaLinkClosed();
          return null;
        }
        this.consumers.set(consumer.id, consumer);
        return consumer;
      });
  }

  /** Asks the server to start forwarding: the consumer is wired up on this side. */
  async resume(consumer: types.Consumer): Promise<void> {
    await request(this.socket, ClientEvent.ResumeConsumer, { consumerId: consumer.id });
  }

  /** The server closed a consumer: closes it here, or makes sure it is dropped once its creation ends. */
  closeConsumer(consumerId: string): types.Consumer | undefined {
    const consumer = this.consumers.get(consumerId);
    if (!consumer) {
      for (const pending of this.consuming.values())
        if (pending.consumerId === consumerId) pending.closed = true;
      return undefined;
    }
    consumer.close();
    this.consumers.delete(consumerId);
    this.consuming.delete(consumer.producerId);
    return consumer;
  }

  /** A remote producer closed: closes its consumer here (or drops it once its creation ends). */
  closeConsumerOfProducer(producerId: string): types.Consumer | undefined {
    const consumer = [...this.consumers.values()].find((c) => c.producerId === producerId);
    if (consumer) return this.closeConsumer(consumer.id);
    const pending = this.consuming.get(producerId);
    if (pending) pending.closed = true;
    return undefined;
  }

  close(): void {
    this.closed = true;
    for (const consumer of this.consumers.values()) consumer.close();
    this.consumers.clear();
    this.consuming.clear();
    for (const producer of this.producers.values()) producer.close();
    this.producers.clear();
    this.sendTransport?.close();
    this.recvTransport?.close();
  }
}
