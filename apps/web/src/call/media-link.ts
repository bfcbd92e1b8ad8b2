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

/**
 * The media half of one signalling session: the mediasoup-client Device, one send and one receive
 * transport, our producers and the consumers of everyone else. Rebuilt after every (re)join.
 */
export class MediaLink {
  readonly device = new Device();
  sendTransport: types.Transport | null = null;
  recvTransport: types.Transport | null = null;
  readonly producers = new Map<MediaSource, types.Producer>();
  readonly consumers = new Map<string, types.Consumer>();

  constructor(
    private readonly socket: Socket,
    private readonly iceServers: IceServer[],
    private readonly onTransportState: (state: string) => void,
  ) {}

  async load(routerRtpCapabilities: types.RtpCapabilities): Promise<void> {
    await this.device.load({ routerRtpCapabilities });
    this.sendTransport = await this.createTransport('send');
    this.recvTransport = await this.createTransport('recv');
  }

  private async createTransport(direction: 'send' | 'recv'): Promise<types.Transport> {
    const options = await request<TransportOptions>(this.socket, ClientEvent.CreateTransport, { direction });
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
    if (!this.sendTransport) throw new Error('send transport not ready');
    const producer = await this.sendTransport.produce({
      track,
      appData: { source },
      stopTracks: false,
      ...(track.kind === 'video'
        ? { encodings: VIDEO_ENCODINGS, codecOptions: { videoGoogleStartBitrate: 1000 } }
        : {}),
    });
    if (paused) producer.pause();
    this.producers.set(source, producer);
    return producer;
  }

  /** Creates a consumer (paused on the server), then asks the server to resume it once it is wired up. */
  async consume(info: ProducerInfo): Promise<types.Consumer | null> {
    if (!this.recvTransport) return null;
    const result = await request<ConsumeResult>(this.socket, ClientEvent.Consume, {
      transportId: this.recvTransport.id,
      producerId: info.producerId,
      rtpCapabilities: this.device.rtpCapabilities,
    });
    const consumer = await this.recvTransport.consume({
      id: result.consumerId,
      producerId: result.producerId,
      kind: result.kind,
      rtpParameters: result.rtpParameters,
      appData: { userId: info.userId, source: info.source },
    });
    this.consumers.set(consumer.id, consumer);
    await request(this.socket, ClientEvent.ResumeConsumer, { consumerId: consumer.id });
    return consumer;
  }

  closeConsumer(consumerId: string): types.Consumer | undefined {
    const consumer = this.consumers.get(consumerId);
    consumer?.close();
    this.consumers.delete(consumerId);
    return consumer;
  }

  consumerOfProducer(producerId: string): types.Consumer | undefined {
    return [...this.consumers.values()].find((c) => c.producerId === producerId);
  }

  close(): void {
    for (const consumer of this.consumers.values()) consumer.close();
    this.consumers.clear();
    for (const producer of this.producers.values()) producer.close();
    this.producers.clear();
    this.sendTransport?.close();
    this.recvTransport?.close();
  }
}
