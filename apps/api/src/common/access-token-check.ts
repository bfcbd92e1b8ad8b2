import type { JwtService } from '@nestjs/jwt';

const LOGIN_HINT = 'log in with POST /auth/login and send "Authorization: Bearer <accessToken>"';

/**
 * The header-only part of JwtAuthGuard (signature, expiry, token type), for checks that must run
 * before the body is read; the guard's full check (live user and session) still follows.
 */
export function accessTokenProblem(jwt: JwtService) {
  return async (authorization: string | undefined): Promise<string | undefined> => {
    const token = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '')?.[1];
    if (!token) return `Missing access token: ${LOGIN_HINT}`;
    try {
      const claims = await jwt.verifyAsync<{ typ?: unknown }>(token);
      return claims.typ === 'access' ? undefined : `This is not an access token: ${LOGIN_HINT}`;
    } catch {
      return 'Access token is invalid or expired: get a new one with POST /auth/refresh or log in again';
    }
  };
}
