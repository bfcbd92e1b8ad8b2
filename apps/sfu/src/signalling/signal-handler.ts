import type { Socket } from 'socket.io';
import type { z } from 'zod';
import type { ClientEventName, JoinTokenClaims } from '@yiqiao/contracts';
import type { SfuConfig } from '../config';
import type { AdmissionStore } from '../rooms/admission-store';
import type { Peer } from '../rooms/peer';
import type { Room } from '../rooms/room';
import type { RoomManager } from '../rooms/room-manager.service';
import type { RoomEventPublisher } from '../room-events/room-event-publisher';

export interface SignalServices {
  config: SfuConfig;
  rooms: RoomManager;
  admissions: AdmissionStore;
  publisher: RoomEventPublisher;
}

/** What every handler gets: the verified claims, the socket, and (after room:join) room and peer. */
export interface SignalContext {
  claims: JoinTokenClaims;
  socket: Socket;
  services: SignalServices;
}

export interface JoinedContext extends SignalContext {
  room: Room;
  peer: Peer;
}

/**
 * One signalling event. `requires` is checked before `handle` runs:
 *  - 'socket': any authenticated socket (room:join);
 *  - 'joined': the peer joined (waiting or in the call);
 *  - 'in_call': admitted to the call (the waiting room gets no media);
 *  - 'staff': in the call with a role that admits, removes and ends.
 */
export interface SignalHandler<S extends z.ZodTypeAny, R> {
  event: ClientEventName;
  schema: S;
  requires: 'socket' | 'joined' | 'in_call' | 'staff';
  handle(ctx: JoinedContext, payload: z.infer<S>): Promise<R>;
}

/** Handlers with requires 'socket' get a context without room/peer; the dispatcher passes what exists. */
export type AnySignalHandler = SignalHandler<z.ZodTypeAny, unknown>;

export function defineHandler<S extends z.ZodTypeAny, R>(handler: SignalHandler<S, R>): AnySignalHandler {
  return handler as AnySignalHandler;
}
