import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import type { EntityManager } from 'typeorm';
import type { Role } from '@yiqiao/domain';
import { API_CONFIG, type ApiConfig } from '../config';
import type { AccessTokenClaims } from './auth-user';

export interface IssuedTokens {
  accessToken: string;
  refreshToken: string;
  tokenType: 'Bearer';
  expiresIn: number;
  refreshExpiresIn: number;
}

export const hashRefreshToken = (token: string): string => createHash('sha256').update(token).digest('hex');

/** Mints access tokens (JWT) and opaque refresh tokens (stored hashed in refresh_tokens). */
@Injectable()
export class TokenService {
  constructor(
    private readonly jwt: JwtService,
    @Inject(API_CONFIG) private readonly config: ApiConfig,
  ) {}

  /** Issues a pair inside the caller's transaction; `familyId` undefined starts a new session. */
  async issue(
    manager: EntityManager,
    user: { id: string; role: Role },
    familyId: string = randomUUID(),
  ): Promise<IssuedTokens> {
    const refreshToken = randomBytes(32).toString('base64url');
    await manager.query(
      `INSERT INTO refresh_tokens (user_id, family_id, token_hash, expires_at)
       VALUES ($1, $2, $3, now() + make_interval(secs => $4))`,
      [user.id, familyId, hashRefreshToken(refreshToken), this.config.REFRESH_TOKEN_TTL_SECONDS],
    );
    const claims: AccessTokenClaims = { sub: user.id, sid: familyId, role: user.role, typ: 'access' };
    return {
      accessToken: await this.jwt.signAsync(claims),
      refreshToken,
      tokenType: 'Bearer',
      expiresIn: this.config.ACCESS_TOKEN_TTL_SECONDS,
      refreshExpiresIn: this.config.REFRESH_TOKEN_TTL_SECONDS,
    };
  }
}
