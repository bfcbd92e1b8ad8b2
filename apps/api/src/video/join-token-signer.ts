import jwt from 'jsonwebtoken';
import { JOIN_TOKEN_AUDIENCE, JOIN_TOKEN_ISSUER } from '@yiqiao/contracts';
import type { JoinTokenClaims } from '@yiqiao/contracts';

export type JoinTokenSubject = Omit<JoinTokenClaims, 'iat' | 'exp'>;

/** Signs a join token (HS256) the sfu verifies in its socket.io handshake. */
export function signJoinToken(subject: JoinTokenSubject, secret: string, ttlSeconds: number): string {
  return jwt.sign(subject, secret, {
    algorithm: 'HS256',
    expiresIn: ttlSeconds,
    audience: JOIN_TOKEN_AUDIENCE,
    issuer: JOIN_TOKEN_ISSUER,
  });
}
