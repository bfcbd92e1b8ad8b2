import { io, type Socket } from 'socket.io-client';
import {
  ClientEvent,
  ServerEvent,
  type ActiveSpeakerNotice,
  type ChatMessage,
  type ConsumerClosedNotice,
  type JoinResponse,
  type JoinResult,
  type MutedByStaffNotice,
  type ParticipantInfo,
  type ParticipantLeftNotice,
  type ProducerClosedNotice,
  type ProducerInfo,
  type RemovedNotice,
  type SignalErrorCode,
} from '@yiqiao/contracts/sfu';
import { inboundStats, roundTripSeconds, type InboundStats } from './media-stats';
import { MediaLink } from './media-link';
import { request, SignalRequestError } from './signal';

export type CallPhase =
  | 'connecting'
  | 'waiting'
  | 'in_call'
  | 'reconnecting'
  | 'declined'
  | 'removed'
  | 'withdrawn'
  | 'ended'
  | 'left'
  | 'failed';

/** Phases after which the person is out of the call (the page shows where to go next). */
export const FINAL_PHASES: readonly CallPhase[] = [
  'declined',
  'removed',
  'withdrawn',
  'ended',
  'left',
  'failed',
];

export interface RemoteMedia {
  userId: string;
  audio?: MediaStreamTrack;
  video?: MediaStreamTrack;
  videoConsumerId?: string;
}

/** Staff asked the SFU to mute someone and it refused (the person left, no permission, …). */
export interface MuteRefusal {
  userId: string;
  code: SignalErrorCode | 'timeout';
}

export interface CallState {
  phase: CallPhase;
  self: ParticipantInfo | null;
  participants: ParticipantInfo[];
  remote: RemoteMedia[];
  chat: ChatMessage[];
  activeSpeaker: string | null;
  micMuted: boolean;
  cameraOff: boolean;
  /** name of the staff member who muted our microphone, until we dismiss the notice or unmute */
  mutedBy: string | null;
  muteRefusal: MuteRefusal | null;
  error: string | null;
}

const INITIAL: CallState = {
  phase: 'connecting',
  self: null,
  participants: [],
  remote: [],
  chat: [],
  activeSpeaker: null,
  micMuted: false,
  cameraOff: false,
  mutedBy: null,
  muteRefusal: null,
  error: null,
};

/**
 * One person's presence in a consultation call: signalling socket (with automatic reconnection and
 * a fresh join token when the old one is refused), waiting room, media, chat. UI-agnostic; React
 * subscribes to `state`.
 */
export class CallSession {
  state: CallState = INITIAL;
  private socket: Socket | null = null;
  private media: MediaLink | null = null;
  private join: JoinResponse | null = null;
  private readonly listeners = new Set<(state: CallState) => void>();
  private qualityTimer: number | undefined;
  private readonly pendingProducers: ProducerInfo[] = [];
  onWaitingAlert: (who: ParticipantInfo) => void = () => undefined;

  constructor(
    private readonly consultationId: string,
    private readonly fetchJoin: () => Promise<JoinResponse>,
    private readonly local: MediaStream,
  ) {}

  subscribe(listener: (state: CallState) => void): () => void {
    this.listeners.add(listener);
    listener(this.state);
    return () => this.listeners.delete(listener);
  }

  private set(patch: Partial<CallState>): void {
    this.state = { ...this.state, ...patch };
    for (const listener of this.listeners) listener(this.state);
  }

  async start(): Promise<void> {
    try {
      this.join = await this.fetchJoin();
    } catch (error) {
      this.set({ phase: 'failed', error: error instanceof Error ? error.message : String(error) });
      return;
    }
    const socket = io(`${this.join.sfuUrl.replace(/\/$/, '')}${this.join.namespace}`, {
      // the SFU checks that the token was minted for the consultation the client asks for
      auth: (callback) => callback({ token: this.join?.token, consultationId: this.consultationId }),
      transports: ['websocket'],
      reconnectionDelay: 500,
      reconnectionDelayMax: 4000,
    });
    this.socket = socket;
    socket.on('connect', () => void this.enter());
    socket.on('disconnect', () => {
      this.dropMedia();
      if (this.state.phase === 'in_call' || this.state.phase === 'waiting')
        this.set({ phase: 'reconnecting' });
    });
    socket.on('connect_error', (error) => {
      this.set({ error: error.message });
      if (this.state.phase !== 'connecting') this.set({ phase: 'reconnecting' });
      // the join token is short-lived: fetch a fresh one for the next attempt
      void this.fetchJoin().then(
        (fresh) => (this.join = fresh),
        () => undefined,
      );
    });
    this.listen(socket);
    this.qualityTimer = window.setInterval(() => void this.reportQuality(), 5000);
  }

  private listen(socket: Socket): void {
    socket.on(ServerEvent.Admitted, () => void this.enter());
    socket.on(ServerEvent.Rejoin, () => {
      this.dropMedia();
      this.set({ phase: 'reconnecting' });
      void this.enter();
    });
    socket.on(ServerEvent.Declined, () => this.finish('declined'));
    socket.on(ServerEvent.Removed, ({ reason }: RemovedNotice) =>
      this.finish(reason === 'invitation_withdrawn' ? 'withdrawn' : 'removed'),
    );
    socket.on(ServerEvent.Ended, () => this.finish('ended'));
    socket.on(ServerEvent.WaitingJoined, (who: ParticipantInfo) => {
      this.upsertParticipant(who);
      this.onWaitingAlert(who);
    });
    socket.on(ServerEvent.WaitingLeft, ({ userId }: ParticipantLeftNotice) => this.removeParticipant(userId));
    socket.on(ServerEvent.ParticipantJoined, (who: ParticipantInfo) => this.upsertParticipant(who));
    socket.on(ServerEvent.ParticipantUpdated, (who: ParticipantInfo) => this.upsertParticipant(who));
    socket.on(ServerEvent.ParticipantLeft, ({ userId }: ParticipantLeftNotice) => {
      this.removeParticipant(userId);
      this.set({ remote: this.state.remote.filter((r) => r.userId !== userId) });
    });
    socket.on(ServerEvent.NewProducer, (info: ProducerInfo) => void this.consume(info));
    socket.on(ServerEvent.ProducerClosed, ({ producerId }: ProducerClosedNotice) => {
      const consumer = this.media?.consumerOfProducer(producerId);
      if (consumer) this.forgetConsumer(consumer.id);
    });
    socket.on(ServerEvent.ConsumerClosed, ({ consumerId }: ConsumerClosedNotice) =>
      this.forgetConsumer(consumerId),
    );
    socket.on(ServerEvent.ActiveSpeaker, ({ userId }: ActiveSpeakerNotice) =>
      this.set({ activeSpeaker: userId }),
    );
    socket.on(ServerEvent.MutedByStaff, ({ by }: MutedByStaffNotice) => this.mutedByStaff(by));
    socket.on(ServerEvent.ChatMessage, (message: ChatMessage) =>
      this.set({ chat: [...this.state.chat, message] }),
    );
  }

  /** Join (or re-join after admission, reconnection or a media-server restart) and set up media. */
  private async enter(): Promise<void> {
    const socket = this.socket;
    if (!socket) return;
    try {
      const result = await request<JoinResult>(socket, ClientEvent.Join, {});
      this.set({ self: result.self, participants: result.participants, error: null });
      if (result.self.status === 'waiting') {
        this.set({ phase: 'waiting' });
        return;
      }
      this.dropMedia();
      const media = new MediaLink(
        socket,
        result.iceServers.length ? result.iceServers : (this.join?.iceServers ?? []),
        () => undefined,
      );
      this.media = media;
      await media.load(result.routerRtpCapabilities);
      for (const track of this.local.getTracks())
        await media.produce(
          track,
          track.kind === 'audio' ? 'mic' : 'camera',
          track.kind === 'audio' ? this.state.micMuted : this.state.cameraOff,
        );
      this.set({ phase: 'in_call' });
      // producers announced while our media was being set up are consumed now, with those of the join answer
      const announced = this.pendingProducers.splice(0);
      for (const producer of [...result.producers, ...announced]) await this.consume(producer);
    } catch (error) {
      if (error instanceof SignalRequestError && error.code === 'room_ended') return this.finish('ended');
      this.set({ error: error instanceof Error ? error.message : String(error) });
    }
  }

  private async consume(info: ProducerInfo): Promise<void> {
    const media = this.media;
    if (!media || this.state.phase !== 'in_call') {
      this.pendingProducers.push(info);
      return;
    }
    if (media.consumerOfProducer(info.producerId)) return;
    try {
      const consumer = await media.consume(info);
      if (!consumer || media !== this.media) return;
      const remote = this.state.remote.filter((r) => r.userId !== info.userId);
      const existing = this.state.remote.find((r) => r.userId === info.userId) ?? { userId: info.userId };
      const updated: RemoteMedia =
        consumer.kind === 'audio'
          ? { ...existing, audio: consumer.track }
          : { ...existing, video: consumer.track, videoConsumerId: consumer.id };
      this.set({ remote: [...remote, updated] });
    } catch (error) {
      this.set({ error: error instanceof Error ? error.message : String(error) });
    }
  }

  private forgetConsumer(consumerId: string): void {
    const consumer = this.media?.closeConsumer(consumerId);
    if (!consumer) return;
    const userId = (consumer.appData as { userId: string }).userId;
    this.set({
      remote: this.state.remote.map((r) =>
        r.userId !== userId
          ? r
          : consumer.kind === 'audio'
            ? { ...r, audio: undefined }
            : { userId, audio: r.audio },
      ),
    });
  }

  private upsertParticipant(who: ParticipantInfo): void {
    // updates about ourselves (mute state, connection quality) refresh `self`, not the list of others
    if (who.userId === this.state.self?.userId) return this.set({ self: who });
    const others = this.state.participants.filter((p) => p.userId !== who.userId);
    this.set({ participants: [...others, who] });
  }

  private removeParticipant(userId: string): void {
    this.set({ participants: this.state.participants.filter((p) => p.userId !== userId) });
  }

  private dropMedia(): void {
    this.pendingProducers.length = 0;
    this.media?.close();
    this.media = null;
    this.set({ remote: [] });
  }

  private finish(phase: CallPhase): void {
    this.set({ phase });
    this.close();
  }

  /** Tells the SFU how big a remote video is drawn, so it forwards the right simulcast layer. */
  reportView(consumerId: string, visible: boolean, width: number, height: number): void {
    if (!this.socket?.connected) return;
    void request(this.socket, ClientEvent.SetConsumerView, { consumerId, visible, width, height }).catch(
      () => undefined,
    );
  }

  async setMicMuted(muted: boolean): Promise<void> {
    await this.toggleProducer('mic', muted);
    this.set({ micMuted: muted, ...(muted ? {} : { mutedBy: null }) });
  }

  /**
   * The SFU already paused our mic producer; pause the local one too (no request), so the button shows
   * muted and unmuting resumes both sides through setMicMuted.
   */
  private mutedByStaff(by: string): void {
    this.media?.producers.get('mic')?.pause();
    this.set({ micMuted: true, mutedBy: by });
  }

  dismissMutedNotice(): void {
    this.set({ mutedBy: null });
  }

  /** Staff only: the SFU pauses that person's microphone; a refusal is kept for the UI to explain. */
  async muteParticipant(userId: string): Promise<void> {
    if (!this.socket) return;
    this.set({ muteRefusal: null });
    try {
      await request(this.socket, ClientEvent.MuteParticipant, { userId });
    } catch (error) {
      const code = error instanceof SignalRequestError ? error.code : 'internal';
      this.set({ muteRefusal: { userId, code } });
    }
  }

  async setCameraOff(off: boolean): Promise<void> {
    await this.toggleProducer('camera', off);
    this.set({ cameraOff: off });
  }

  private async toggleProducer(source: 'mic' | 'camera', pause: boolean): Promise<void> {
    const producer = this.media?.producers.get(source);
    if (!producer || !this.socket) return;
    if (pause) producer.pause();
    else producer.resume();
    await request(this.socket, pause ? ClientEvent.PauseProducer : ClientEvent.ResumeProducer, {
      producerId: producer.id,
    });
  }

  /** Swaps the microphone or camera without renegotiating. */
  async replaceTrack(track: MediaStreamTrack): Promise<void> {
    const source = track.kind === 'audio' ? 'mic' : 'camera';
    await this.media?.producers.get(source)?.replaceTrack({ track });
  }

  async sendChat(body: string): Promise<void> {
    if (!this.socket) return;
    await request(this.socket, ClientEvent.SendChat, { body });
  }

  async admit(userId: string): Promise<void> {
    if (this.socket) await request(this.socket, ClientEvent.Admit, { userId });
  }

  async decline(userId: string): Promise<void> {
    if (this.socket) await request(this.socket, ClientEvent.Decline, { userId });
    this.removeParticipant(userId);
  }

  async endForEveryone(): Promise<void> {
    if (this.socket) await request(this.socket, ClientEvent.EndRoom, {});
  }

  leave(): void {
    this.finish('left');
  }

  stats(): Promise<InboundStats[]> {
    return inboundStats(this.media?.consumers.values() ?? []);
  }

  private async reportQuality(): Promise<void> {
    const transport = this.media?.sendTransport;
    if (!transport || transport.closed || !this.socket?.connected) return;
    const rtt = await roundTripSeconds(transport).catch(() => null);
    const quality = rtt === null ? 'unknown' : rtt < 0.25 ? 'good' : rtt < 0.6 ? 'fair' : 'poor';
    await request(this.socket, ClientEvent.ReportQuality, { quality }).catch(() => undefined);
  }

  close(): void {
    window.clearInterval(this.qualityTimer);
    this.dropMedia();
    this.socket?.removeAllListeners();
    this.socket?.disconnect();
    this.socket = null;
  }
}
