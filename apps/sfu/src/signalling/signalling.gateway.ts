import { Inject, Logger } from '@nestjs/common';
import {
  OnGatewayConnection,
  OnGatewayDisconnect,
  OnGatewayInit,
  WebSocketGateway,
} from '@nestjs/websockets';
import type { Namespace, Socket } from 'socket.io';
import { SFU_NAMESPACE } from '@yiqiao/contracts';
import type { JoinTokenClaims } from '@yiqiao/contracts';
import { SFU_CONFIG, SfuConfig } from '../config';
import { AdmissionStore } from '../rooms/admission-store';
import { leaveRoom } from '../rooms/participation';
import { RoomManager } from '../rooms/room-manager.service';
import { WITHDRAWN_MESSAGE } from '../rooms/room-control.listener';
import { RoomEventPublisher } from '../room-events/room-event-publisher';
import { dispatch, joinedContext } from './dispatcher';
import { SIGNAL_HANDLERS } from './handlers';
import { JoinRefused, verifyJoinToken } from './join-token-verifier';
import { RateLimiter } from './rate-limiter';
import type { SignalContext, SignalServices } from './signal-handler';

/** Largest signalling message accepted (SDP-derived parameters stay far below this). */
export const MAX_SIGNAL_MESSAGE_BYTES = 64 * 1024;

@WebSocketGateway({
  namespace: SFU_NAMESPACE,
  cors: { origin: true },
  maxHttpBufferSize: MAX_SIGNAL_MESSAGE_BYTES,
})
export class SignallingGateway implements OnGatewayInit, OnGatewayConnection, OnGatewayDisconnect {
  private readonly logger = new Logger(SignallingGateway.name);
  private readonly services: SignalServices;

  constructor(
    @Inject(SFU_CONFIG) private readonly config: SfuConfig,
    rooms: RoomManager,
    admissions: AdmissionStore,
    publisher: RoomEventPublisher,
  ) {
    this.services = { config, rooms, admissions, publisher };
  }

  /** The handshake is refused unless it carries a valid join token for the consultation asked for. */
  afterInit(namespace: Namespace): void {
    namespace.use((socket, next) => {
      void (async () => {
        try {
          const claims = verifyJoinToken(
            socket.handshake.auth,
            this.config.JOIN_TOKEN_SECRET,
            this.config.SFU_NODE_ID,
          );
          if (await this.services.admissions.hasEnded(claims.cid))
            throw new JoinRefused('This consultation has ended.');
          if (await this.services.admissions.isBarred(claims.cid, claims.sub))
            throw new JoinRefused(WITHDRAWN_MESSAGE);
          socket.data.claims = claims;
          next();
        } catch (error) {
          const message =
            error instanceof JoinRefused ? error.message : 'The join could not be checked; retry.';
          next(new Error(message));
        }
      })();
    });
  }

  handleConnection(socket: Socket): void {
    const claims = socket.data.claims as JoinTokenClaims;
    const ctx: SignalContext = { claims, socket, services: this.services };
    const limiter = new RateLimiter(this.config.SFU_SOCKET_RATE_PER_SECOND);
    for (const handler of SIGNAL_HANDLERS) socket.on(handler.event, dispatch(handler, ctx, limiter));
    this.logger.debug(`${claims.role} ${claims.sub} connected to ${claims.cid}`);
  }

  handleDisconnect(socket: Socket): void {
    const claims = socket.data.claims as JoinTokenClaims | undefined;
    if (!claims) return;
    const joined = joinedContext({ claims, socket, services: this.services });
    if (joined) leaveRoom(joined.room, joined.peer, this.services);
  }
}
