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

export type MediaSlotKind = 'transport' | 'producer' | 'consumer';

/** Media objects one participant may hold at once (a producer per source: mic, camera, screen). */
export const PEER_MEDIA_LIMITS: Readonly<Record<MediaSlotKind, number>> = {
  transport: 4,
  producer: 3,
  consumer: 50,
};

/**
 * A place held for a transport, producer or consumer while mediasoup creates it, so concurrent
 * requests cannot all pass the limit check. `release` it once the object is in the peer's map (or
 * creation failed); `stale` says the peer's media were closed meanwhile (rejoin, leave).
 */
export interface MediaSlot {
  readonly stale: boolean;
  release(): void;
}

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
  /** sources with a producer being created (one producer per source) */
  readonly pendingSources = new Set<MediaSource>();
  private readonly reserved: Record<MediaSlotKind, number> = { transport: 0, producer: 0, consumer: 0 };
  /** bumped by closeMedia: objects created for an earlier round are closed, not kept */
  private mediaRound = 0;

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

  private held(kind: MediaSlotKind): number {
    const maps = { transport: this.transports, producer: this.producers, consumer: this.consumers };
    return maps[kind].size + this.reserved[kind];
  }

  /** Holds a place for one more transport, producer or consumer; null when the limit is reached. */
  reserve(kind: MediaSlotKind): MediaSlot | null {
    if (this.held(kind) >= PEER_MEDIA_LIMITS[kind]) return null;
    this.reserved[kind]++;
    const round = this.mediaRound;
    const isStale = () => round !== this.mediaRound;
    let holding = true;
    return {
      get stale() {
        return isStale();
      },
      release: () => {
        if (!holding) return;
        holding = false;
        this.reserved[kind]--;
      },
    };
  }

  /** Closes every transport (and with them producers and consumers) and forgets them. */
  closeMedia(): void {
    this.mediaRound++;
    for (const transport of this.transports.values()) if (!transport.closed) transport.close();
    this.transports.clear();
    this.producers.clear();
    this.consumers.clear();
    this.views.clear();
  }
}
