import type { types } from 'mediasoup-client';
import { io, type Socket } from 'socket.io-client';
import {
  ClientEvent,
  ServerEvent,
  type ActiveSpeakerNotice,
  type ChatMessage,
  type ConsumerClosedNotice,
  type EndedNotice,
  type JoinResponse,
  type JoinResult,
  type MutedByStaffNotice,
  type ParticipantInfo,
  type ParticipantLeftNotice,
  type ProducerClosedNotice,
  type ProducerInfo,
  type RemovedNotice,
} from '@yiqiao/contracts/sfu';
import { inboundStats, roundTripSeconds, type InboundStats } from './media-stats';
import { MediaLink, MediaLinkClosed } from './media-link';
import { request, SignalRequestError } from './signal';
import { INITIAL_CALL_STATE, type CallPhase, type CallState, type RemoteMedia } from './call-state';
import { joinRefusalOf } from '../time/join-window';

/** What this client sends from the person's own devices. */
type LocalSource = 'mic' | 'camera';

/** Sending our own media waits for the others' to be set up, but never longer than this. */
const SEND_AFTER_RECEIVE_MAX_MS = 1000;

/**
 * One person's presence in a consultation call: signalling socket (with automatic reconnection and
 * a fresh join token when the old one is refused), waiting room, media, chat. UI-agnostic; React
 * subscribes to `state`.
 */
export class CallSession {
  state: CallState = INITIAL_CALL_STATE;
  private socket: Socket | null = null;
  private media: MediaLink | null = null;
  private join: JoinResponse | null = null;
  private readonly listeners = new Set<(state: CallState) => void>();
  private qualityTimer: number | undefined;
  /** producers announced while a join was under way; consumed with those of the join answer */
  private readonly pendingProducers: ProducerInfo[] = [];
  /** what we send: the device check's tracks, then whatever the person switches to */
  private readonly localTracks = new Map<LocalSource, MediaStreamTrack>();
  onWaitingAlert: (who: ParticipantInfo) => void = () => undefined;

  constructor(
    private readonly consultationId: string,
    private readonly fetchJoin: () => Promise<JoinResponse>,
    local: MediaStream,
  ) {
    for (const track of local.getTracks()) this.localTracks.set(sourceOf(track), track);
  }

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
      const refusal = joinRefusalOf(error);
      // a refusal is explained in the reader's words (the opening time in both clocks), not the api's
      this.set({ phase: 'failed', joinRefusal: refusal, error: refusal ? null : messageOf(error) });
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
    // ended by the specialist, or by the worker when the join window closed
    socket.on(ServerEvent.Ended, (notice?: EndedNotice) =>
      this.finish(notice?.reason === 'window_closed' ? 'time_over' : 'ended'),
    );
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
    socket.on(ServerEvent.NewProducer, (info: ProducerInfo) => {
      if (this.media) void this.consume(this.media, [info]);
      else this.pendingProducers.push(info);
    });
    socket.on(ServerEvent.ProducerClosed, ({ producerId }: ProducerClosedNotice) =>
      this.forgetConsumer(this.media?.closeConsumerOfProducer(producerId)),
    );
    socket.on(ServerEvent.ConsumerClosed, ({ consumerId }: ConsumerClosedNotice) =>
      this.forgetConsumer(this.media?.closeConsumer(consumerId)),
    );
    socket.on(ServerEvent.ActiveSpeaker, ({ userId }: ActiveSpeakerNotice) =>
      this.set({ activeSpeaker: userId }),
    );
    socket.on(ServerEvent.MutedByStaff, ({ by }: MutedByStaffNotice) => this.mutedByStaff(by));
    socket.on(ServerEvent.ChatMessage, (message: ChatMessage) =>
      this.set({ chat: [...this.state.chat, message] }),
    );
  }

  /**
   * Join (or re-join after admission, reconnection or a media-server restart) and set up media.
   * Once admitted, the others' media comes first: both transports are created at once, every remote
   * producer is consumed at once, and our own producers follow.
   */
  private async enter(): Promise<void> {
    const socket = this.socket;
    if (!socket) return;
    let result: JoinResult;
    this.pendingProducers.length = 0;
    try {
      result = await request<JoinResult>(socket, ClientEvent.Join, {});
    } catch (error) {
      if (error instanceof SignalRequestError && error.code === 'room_ended') return this.finish('ended');
      this.set({ error: messageOf(error) });
      return;
    }
    if (socket !== this.socket) return;
    this.set({ self: result.self, participants: result.participants, error: null });
    if (result.self.status === 'waiting') {
      this.set({ phase: 'waiting' });
      return;
    }
    const announced = this.pendingProducers.splice(0);
    this.dropMedia();
    const media = new MediaLink(
      socket,
      result.iceServers.length ? result.iceServers : (this.join?.iceServers ?? []),
      result.routerRtpCapabilities,
      () => undefined,
    );
    this.media = media;
    this.set({ phase: 'in_call' });
    // Our camera and microphone go out once the others' media is set up (at most a second later):
    // producing them at the same time competes for the page's main thread and the CPU, which delayed
    // the first remote frame more than it sped up our own (join-time benchmark).
    const receiving = this.consume(media, [...result.producers, ...announced]);
    void atMost(receiving, SEND_AFTER_RECEIVE_MAX_MS).then(() => {
      for (const source of this.localTracks.keys()) void this.send(media, source);
    });
  }

  /**
   * Consumes remote producers (all at once); their tracks are shown at once and forwarding is resumed
   * right after.
   */
  private async consume(media: MediaLink, infos: ProducerInfo[]): Promise<void> {
    const outcomes = await media.consume(infos);
    if (media !== this.media) return;
    const consumers: types.Consumer[] = [];
    let remote = this.state.remote;
    for (const { info, consumer, error } of outcomes) {
      // a producer that went away before its consumer was created: nothing to show, nothing went wrong
      if (error && !(error instanceof SignalRequestError && error.code === 'not_found'))
        this.mediaFailed(media, error);
      if (!consumer) continue;
      consumers.push(consumer);
      const existing = remote.find((r) => r.userId === info.userId) ?? { userId: info.userId };
      const updated: RemoteMedia =
        consumer.kind === 'audio'
          ? { ...existing, audio: consumer.track }
          : { ...existing, video: consumer.track, videoConsumerId: consumer.id };
      remote = [...remote.filter((r) => r.userId !== info.userId), updated];
    }
    if (!consumers.length || media !== this.media) return;
    this.set({ remote });
    await Promise.all(
      consumers.map((consumer) => media.resume(consumer).catch((error) => this.mediaFailed(media, error))),
    );
  }

  /**
   * Produces our microphone or camera. The person may mute, switch the camera off or change the device
   * while the producer is being created: it then follows what they chose, and the SFU is told about a
   * mute so the others see it.
   */
  private async send(media: MediaLink, source: LocalSource): Promise<void> {
    const track = this.localTracks.get(source);
    if (!track || media !== this.media) return;
    try {
      const producer = await media.produce(track, source, this.wantsPaused(source));
      if (media !== this.media) return;
      const current = this.localTracks.get(source);
      if (current && current !== producer.track) await producer.replaceTrack({ track: current });
      if (this.wantsPaused(source)) await this.toggleProducer(source, true);
      else if (producer.paused) await this.toggleProducer(source, false);
    } catch (error) {
      this.mediaFailed(media, error);
    }
  }

  private wantsPaused(source: LocalSource): boolean {
    return source === 'mic' ? this.state.micMuted : this.state.cameraOff;
  }

  /** A media step failed; failures of a link already replaced (rejoin, reconnection) do not matter. */
  private mediaFailed(media: MediaLink, error: unknown): void {
    if (media !== this.media || error instanceof MediaLinkClosed) return;
    if (error instanceof SignalRequestError && error.code === 'room_ended') return this.finish('ended');
    this.set({ error: messageOf(error) });
  }

  private forgetConsumer(consumer: types.Consumer | undefined): void {
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

  /** Swaps the microphone or camera without renegotiating; later (re)joins send the new one too. */
  async replaceTrack(track: MediaStreamTrack): Promise<void> {
    const source = sourceOf(track);
    this.localTracks.set(source, track);
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

function sourceOf(track: MediaStreamTrack): LocalSource {
  return track.kind === 'audio' ? 'mic' : 'camera';
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Resolves when `work` settles or after `ms`, whichever comes first. */
function atMost(work: Promise<unknown>, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = window.setTimeout(resolve, ms);
    void work
      .catch(() => undefined)
      .finally(() => {
        window.clearTimeout(timer);
        resolve();
      });
  });
}
