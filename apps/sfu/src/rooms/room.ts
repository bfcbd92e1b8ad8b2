import type { types } from 'mediasoup';
import { ADMITTING_ROLES, ServerEvent } from '@yiqiao/contracts';
import type { ParticipantInfo, ProducerInfo } from '@yiqiao/contracts';
import { decideLayers } from './layer-policy';
import { Peer } from './peer';

/** One consultation's call: a router on one worker, its peers and an active-speaker observer. */
export class Room {
  readonly peers = new Map<string, Peer>();
  router!: types.Router;
  worker!: types.Worker;
  activeSpeakerUserId: string | null = null;
  started = false;
  private observer: types.ActiveSpeakerObserver | null = null;

  constructor(readonly consultationId: string) {}

  /** (Re)creates the router on a worker; used at creation and after the previous worker died. */
  async attach(worker: types.Worker, mediaCodecs: types.RtpCodecCapability[]): Promise<void> {
    this.worker = worker;
    this.router = await worker.createRouter({
      mediaCodecs,
      appData: { consultationId: this.consultationId },
    });
    this.observer = await this.router.createActiveSpeakerObserver({ interval: 300 });
    this.observer.on('dominantspeaker', ({ producer }) => {
      this.activeSpeakerUserId = (producer.appData as { userId: string }).userId;
      this.broadcast(ServerEvent.ActiveSpeaker, { userId: this.activeSpeakerUserId });
      void this.applyAllViews();
    });
  }

  async observeAudio(producer: types.Producer): Promise<void> {
    if (producer.kind === 'audio' && this.observer && !this.observer.closed)
      await this.observer.addProducer({ producerId: producer.id });
  }

  inCall(): Peer[] {
    return [...this.peers.values()].filter((p) => p.status === 'in_call');
  }

  waiting(): Peer[] {
    return [...this.peers.values()].filter((p) => p.status === 'waiting');
  }

  staff(): Peer[] {
    return this.inCall().filter((p) => ADMITTING_ROLES.includes(p.role));
  }

  participantsVisibleTo(peer: Peer): ParticipantInfo[] {
    if (peer.status !== 'in_call') return [];
    const seesWaiting = ADMITTING_ROLES.includes(peer.role);
    return [...this.peers.values()]
      .filter((p) => p !== peer && (p.status === 'in_call' || seesWaiting))
      .map((p) => p.info());
  }

  producersFor(peer: Peer): ProducerInfo[] {
    if (peer.status !== 'in_call') return [];
    return this.inCall()
      .filter((p) => p !== peer)
      .flatMap((owner) =>
        [...owner.producers.values()].map((producer) => ({
          producerId: producer.id,
          userId: owner.userId,
          kind: producer.kind,
          source: owner.sourceOf(producer),
          paused: producer.paused,
        })),
      );
  }

  findProducer(producerId: string): { owner: Peer; producer: types.Producer } | null {
    for (const owner of this.inCall()) {
      const producer = owner.producers.get(producerId);
      if (producer && !producer.closed) return { owner, producer };
    }
    return null;
  }

  /** Sends to every in-call peer except `except`. */
  broadcast(event: string, payload: unknown, except?: Peer): void {
    for (const peer of this.inCall()) if (peer !== except) peer.socket.emit(event, payload);
  }

  notifyStaff(event: string, payload: unknown): void {
    for (const peer of this.staff()) peer.socket.emit(event, payload);
  }

  async applyView(peer: Peer, consumerId: string): Promise<void> {
    const consumer = peer.consumers.get(consumerId);
    const view = peer.views.get(consumerId);
    if (!consumer || consumer.closed || !view || !view.clientReady) return;
    if (consumer.kind === 'audio') {
      if (consumer.paused) await consumer.resume();
      return;
    }
    const { producerUserId, spatialLayers } = consumer.appData as {
      producerUserId: string;
      spatialLayers: number;
    };
    const decision = decideLayers(
      {
        visible: view.visible,
        height: view.height,
        isActiveSpeaker: producerUserId === this.activeSpeakerUserId,
      },
      Math.max(0, spatialLayers - 1),
    );
    if (!decision.forward) {
      if (!consumer.paused) await consumer.pause();
      return;
    }
    if (consumer.type === 'simulcast' || consumer.type === 'svc')
      await consumer.setPreferredLayers({
        spatialLayer: decision.spatialLayer,
        temporalLayer: decision.temporalLayer,
      });
    if (consumer.paused) await consumer.resume();
  }

  async applyAllViews(): Promise<void> {
    for (const peer of this.inCall())
      for (const consumerId of peer.consumers.keys())
        await this.applyView(peer, consumerId).catch(() => undefined);
  }

  close(): void {
    for (const peer of this.peers.values()) peer.closeMedia();
    if (!this.router?.closed) this.router?.close();
  }
}
