/** Roles a person can hold inside a consultation call (guest = family member invited by staff). */
export const CALL_ROLES = ['patient', 'specialist', 'interpreter', 'coordinator', 'guest'] as const;
export type CallRole = (typeof CALL_ROLES)[number];

/** Roles that wait in the waiting room until staff admit them. */
export const WAITING_ROOM_ROLES: readonly CallRole[] = ['patient', 'guest'];
/** Roles that may admit, decline or remove participants. */
export const ADMITTING_ROLES: readonly CallRole[] = ['specialist', 'coordinator'];
/** Roles that may end the consultation for everyone. */
export const ENDING_ROLES: readonly CallRole[] = ['specialist', 'coordinator'];

/** Claims of the short-lived HS256 join token the api mints and the sfu verifies in the handshake. */
export interface JoinTokenClaims {
  /** consultation id */
  cid: string;
  /** user id */
  sub: string;
  role: CallRole;
  /** display name shown to the other participants */
  name: string;
  /** SFU node the consultation's room is pinned to */
  node: string;
  iat: number;
  exp: number;
}

export const JOIN_TOKEN_AUDIENCE = 'yiqiao-sfu';
export const JOIN_TOKEN_ISSUER = 'yiqiao-api';

export interface IceServer {
  urls: string[];
  username?: string;
  credential?: string;
}

/** Response of `POST /consultations/:id/join`. */
export interface JoinResponse {
  sfuUrl: string;
  /** socket.io namespace on sfuUrl */
  namespace: string;
  token: string;
  expiresAt: string;
  iceServers: IceServer[];
}
