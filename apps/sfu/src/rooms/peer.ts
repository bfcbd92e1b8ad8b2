import type { types } from 'mediasoup';
import type { Socket } from 'socket.io';
import type {
  CallRole,
  ConnectionQuality,
  JoinTokenClaims,
  MediaSource,
  ParticipantInfo,
  ParticipantStatus,
} from '@yiqiao/contracts';

export interface ConsumerView {
  clientReady: boolean;
  visible: boolean;
  height: number;
}

/** One person in a room, bound to their current socket. Media objects die with the worker. */
export class Peer {
  readonly userId: string;
  readonly role: CallRole;
  readonly displayName: string;
  status: ParticipantStatus = 'waiting';
  quality: ConnectionQuality = 'unknown';
  readonly transports = new Map<string, types.WebRtcTransport>();
  readonly producers = new Map<string, types.Producer>();
  readonly consumers = new Map<string, types.Consumer>();
  readonly views = new Map<string, ConsumerView>();

  constructor(
    claims: JoinTokenClaims,
    public socket: Socket,
  ) {
    this.userId = claims.sub;
    this.role = claims.role;
    this.displayName = claims.name;
  }

  isMuted(kind: types.MediaKind): boolean {
    const producers = [...this.producers.values()].filter((p) => p.kind === kind && !p.closed);
    return producers.length === 0 || producers.every((p) => p.paused);
  }

  sourceOf(producer: types.Producer): MediaSource {
    const source = (producer.appData as { source?: MediaSource }).source;
    return source ?? (producer.kind === 'audio' ? 'mic' : 'camera');
  }

  info(): ParticipantInfo {
    return {
      userId: this.userId,
      displayName: this.displayName,
      role: this.role,
      status: this.status,
      audioMuted: this.isMuted('audio'),
      videoMuted: this.isMuted('video'),
      quality: this.quality,
    };
  }

  /** Closes every transport (and with them producers and consumers) and forgets them. */
  closeMedia(): void {
    for (const transport of this.transports.values()) if (!transport.closed) transport.close();
    this.transports.clear();
    this.producers.clear();
    this.consumers.clear();
    this.views.clear();
  }
}
