import type { MediaSlotKind, Peer } from '../../rooms/peer';
import { PEER_MEDIA_LIMITS } from '../../rooms/peer';
import { SignalFailure } from '../signal-failure';

const NOUNS: Record<MediaSlotKind, string> = {
  transport: 'transports',
  producer: 'producers',
  consumer: 'consumers',
};

export interface SlotWork<T> {
  /** asks mediasoup for the object (the place is already held) */
  create(): Promise<T>;
  /** puts it in the peer's maps; runs synchronously before the place is given back */
  adopt(made: T): void;
  /** closes it when the peer's media were reset while it was being created */
  discard(made: T): void;
}

function superseded(): SignalFailure {
  return new SignalFailure(
    'not_found',
    'Your media were reset (room:join again, or you left) while this was being set up; start again.',
  );
}

/**
 * Reserves a transport, producer or consumer place synchronously, before anything is awaited, so N
 * concurrent requests give at most the limit's worth of objects; the place is given back when the
 * object is adopted or creation fails.
 */
export async function createInSlot<T>(peer: Peer, kind: MediaSlotKind, work: SlotWork<T>): Promise<T> {
  const slot = peer.reserve(kind);
  if (!slot)
    throw new SignalFailure(
      'forbidden',
      `At most ${PEER_MEDIA_LIMITS[kind]} ${NOUNS[kind]} per participant; close one first.`,
    );
  try {
    let made: T;
    try {
      made = await work.create();
    } catch (error) {
      if (slot.stale) throw superseded();
      throw error;
    }
    if (slot.stale) {
      work.discard(made);
      throw superseded();
    }
    work.adopt(made);
    return made;
  } finally {
    slot.release();
  }
}
