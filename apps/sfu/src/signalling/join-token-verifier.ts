import jwt from 'jsonwebtoken';
import { z } from 'zod';
import { CALL_ROLES, JOIN_TOKEN_AUDIENCE, JOIN_TOKEN_ISSUER } from '@yiqiao/contracts';
import type { JoinTokenClaims } from '@yiqiao/contracts';

const claimsSchema = z.object({
  cid: z.string().uuid(),
  sub: z.string().uuid(),
  role: z.enum(CALL_ROLES),
  name: z.string().min(1).max(200),
  node: z.string().min(1),
  iat: z.number(),
  exp: z.number(),
});

export class JoinRefused extends Error {}

export interface HandshakeAuth {
  token?: unknown;
  consultationId?: unknown;
}

/**
 * Checks the handshake's join token: HS256 signature with JOIN_TOKEN_SECRET, audience, issuer,
 * expiry, shape of the claims, the consultation the client asks for, and the node the room is pinned to.
 */
export function verifyJoinToken(auth: HandshakeAuth, secret: string, nodeId: string): JoinTokenClaims {
  if (typeof auth.token !== 'string' || auth.token.length === 0 || auth.token.length > 4096)
    throw new JoinRefused('A join token is required (handshake auth.token).');
  let decoded: string | jwt.JwtPayload;
  try {
    decoded = jwt.verify(auth.token, secret, {
      algorithms: ['HS256'],
      audience: JOIN_TOKEN_AUDIENCE,
      issuer: JOIN_TOKEN_ISSUER,
    });
  } catch (error) {
    if (error instanceof jwt.TokenExpiredError)
      throw new JoinRefused('The join token has expired; ask for a new one by joining again.');
    throw new JoinRefused('The join token is not valid.');
  }
  const parsed = claimsSchema.safeParse(decoded);
  if (!parsed.success) throw new JoinRefused('The join token is missing required claims.');
  const claims = parsed.data;
  if (auth.consultationId !== claims.cid)
    throw new JoinRefused('The join token was issued for a different consultation.');
  if (claims.node !== nodeId)
    throw new JoinRefused('This consultation is hosted on another media server; ask for a new join token.');
  return claims;
}
