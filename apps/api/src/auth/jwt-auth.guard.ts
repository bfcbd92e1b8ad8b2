import { CanActivate, ExecutionContext, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { HttpRequest as Request } from '../common/http-types';
import type { Role } from '@yiqiao/domain';
import type { AccessTokenClaims, AuthUser } from './auth-user';
import type { RequestWithUser } from './current-user.decorator';
import { IS_PUBLIC_KEY } from './public.decorator';

const LOGIN_HINT = 'log in with POST /auth/login and send "Authorization: Bearer <accessToken>"';

interface LiveUserRow {
  id: string;
  role: Role;
  institution_id: string | null;
  email: string;
  is_active: boolean;
  session_live: boolean;
}

/**
 * Global guard: every route needs a valid access token unless marked @Public(). The user is re-read
 * from PostgreSQL on each request so that deactivation, role changes and logout (revoked session)
 * take effect at once rather than when the token expires.
 */
@Injectable()
export class JwtAuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly jwt: JwtService,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC_KEY, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (isPublic || context.getType() !== 'http') return true;
    const request = context.switchToHttp().getRequest<Request & RequestWithUser>();
    const token = bearerToken(request.headers.authorization);
    if (!token) throw new UnauthorizedException(`Missing access token: ${LOGIN_HINT}`);
    request.user = await this.userFor(token);
    return true;
  }

  private async userFor(token: string): Promise<AuthUser> {
    let claims: AccessTokenClaims;
    try {
      claims = await this.jwt.verifyAsync<AccessTokenClaims>(token);
    } catch {
      throw new UnauthorizedException(
        'Access token is invalid or expired: get a new one with POST /auth/refresh or log in again',
      );
    }
    if (claims.typ !== 'access' || !isUuid(claims.sub) || !isUuid(claims.sid)) {
      throw new UnauthorizedException(`This is not an access token: ${LOGIN_HINT}`);
    }
    const [row] = (await this.dataSource.query(
      `SELECT u.id, u.role, u.institution_id, u.email, u.is_active,
              EXISTS (SELECT 1 FROM refresh_tokens t
                       WHERE t.family_id = $2 AND t.user_id = u.id AND t.revoked_at IS NULL) AS session_live
         FROM users u WHERE u.id = $1`,
      [claims.sub, claims.sid],
    )) as LiveUserRow[];
    if (!row || !row.is_active)
      throw new UnauthorizedException('This account is disabled or no longer exists');
    if (!row.session_live) throw new UnauthorizedException(`This session has ended: ${LOGIN_HINT}`);
    return {
      id: row.id,
      role: row.role,
      institutionId: row.institution_id,
      email: row.email,
      sessionId: claims.sid,
    };
  }
}

function bearerToken(header: string | undefined): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  return match?.[1];
}

const isUuid = (value: unknown): value is string =>
  typeof value === 'string' && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
