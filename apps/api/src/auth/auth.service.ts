import { ForbiddenException, Injectable, UnauthorizedException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { hash, verify } from '@node-rs/argon2';
import type { DataSource, EntityManager } from 'typeorm';
import { recordAudit, User } from '@yiqiao/persistence';
import type { RequestContext } from '../common/request-context';
import type { AuthUser } from './auth-user';
import type { LoginView, MeView, TokensView } from './auth.dto';
import { LoginRateLimiter } from './login-rate-limiter';
import { hashRefreshToken, TokenService } from './token.service';

const WRONG_CREDENTIALS = 'Wrong e-mail or password';
const LOG_IN_AGAIN = 'log in again with POST /auth/login';

interface RefreshRow {
  id: string;
  user_id: string;
  family_id: string;
  expired: boolean;
  rotated_at: Date | null;
  revoked_at: Date | null;
  is_active: boolean;
  role: User['role'];
}

type RefreshOutcome = { tokens: TokensView } | { failure: string };

export function meView(user: User): MeView {
  return {
    id: user.id,
    email: user.email,
    fullName: user.fullName,
    role: user.role,
    institutionId: user.institutionId,
    preferredLanguage: user.preferredLanguage,
    timeZone: user.timeZone,
    spokenLanguages: user.spokenLanguages,
    country: user.country,
  };
}

@Injectable()
export class AuthService {
  /** Verified against when the e-mail is unknown, so response time does not reveal which e-mails exist. */
  private dummyHash?: Promise<string>;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tokens: TokenService,
    private readonly limiter: LoginRateLimiter,
  ) {}

  async login(emailInput: string, password: string, ctx: RequestContext): Promise<LoginView> {
    const email = emailInput.trim().toLowerCase();
    const ip = ctx.ip ?? 'unknown';
    await this.limiter.beginAttempt(email, ip);
    const user = await this.dataSource
      .getRepository(User)
      .createQueryBuilder('u')
      .addSelect('u.passwordHash')
      .where('u.email = :email', { email })
      .getOne();
    const passwordOk = user
      ? await verify(user.passwordHash, password).catch(() => false)
      : await verify(await (this.dummyHash ??= hash('no-such-user-password')), password).then(() => false);
    if (!user || !passwordOk) {
      await this.limiter.recordFailure(ip);
      throw new UnauthorizedException(WRONG_CREDENTIALS);
    }
    if (!user.isActive) {
      throw new ForbiddenException('This account is disabled; ask your coordinator or administrator');
    }
    await this.limiter.recordSuccess(email, ip);
    const tokens = await this.dataSource.transaction(async (manager) => {
      await this.audit(manager, user, 'auth.login', ctx);
      return this.tokens.issue(manager, user);
    });
    return { ...tokens, user: meView(user) };
  }

  /** Rotates a refresh token. Presenting an already-rotated token revokes its whole family. */
  async refresh(refreshToken: string, ctx: RequestContext): Promise<TokensView> {
    const outcome = await this.dataSource.transaction(async (manager): Promise<RefreshOutcome> => {
      const [row] = (await manager.query(
        `SELECT t.id, t.user_id, t.family_id, t.expires_at <= now() AS expired, t.rotated_at, t.revoked_at,
                u.is_active, u.role
           FROM refresh_tokens t JOIN users u ON u.id = t.user_id
          WHERE t.token_hash = $1 FOR UPDATE OF t`,
        [hashRefreshToken(refreshToken)],
      )) as RefreshRow[];
      if (!row) return { failure: `This refresh token is not valid; ${LOG_IN_AGAIN}` };
      if (row.revoked_at) return { failure: `This session has ended; ${LOG_IN_AGAIN}` };
      if (row.rotated_at) {
        await this.revokeFamily(manager, row.family_id);
        await recordAudit(manager, {
          actorId: row.user_id,
          actorRole: row.role,
          action: 'auth.refresh_token_reused',
          entityType: 'session',
          entityId: row.family_id,
          requestId: ctx.requestId,
          details: { ip: ctx.ip },
        });
        return {
          failure: `This refresh token was already used, so every session from that login has been ended for safety; ${LOG_IN_AGAIN}`,
        };
      }
      if (row.expired) return { failure: `This refresh token has expired; ${LOG_IN_AGAIN}` };
      if (!row.is_active) {
        await this.revokeFamily(manager, row.family_id);
        return { failure: 'This account is disabled; ask your coordinator or administrator' };
      }
      await manager.query(`UPDATE refresh_tokens SET rotated_at = now() WHERE id = $1`, [row.id]);
      return { tokens: await this.tokens.issue(manager, { id: row.user_id, role: row.role }, row.family_id) };
    });
    // Thrown after the transaction commits, so a detected reuse stays revoked.
    if ('failure' in outcome) throw new UnauthorizedException(outcome.failure);
    return outcome.tokens;
  }

  async logout(user: AuthUser, allSessions: boolean, ctx: RequestContext): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      if (allSessions) {
        await manager.query(
          `UPDATE refresh_tokens SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL`,
          [user.id],
        );
      } else if (user.sessionId) {
        await this.revokeFamily(manager, user.sessionId);
      }
      await recordAudit(manager, {
        actorId: user.id,
        actorRole: user.role,
        action: allSessions ? 'auth.logout_all' : 'auth.logout',
        entityType: 'session',
        entityId: user.sessionId ?? null,
        requestId: ctx.requestId,
      });
    });
  }

  async me(user: AuthUser): Promise<MeView> {
    const row = await this.dataSource.getRepository(User).findOneByOrFail({ id: user.id });
    return meView(row);
  }

  private async revokeFamily(manager: EntityManager, familyId: string): Promise<void> {
    await manager.query(
      `UPDATE refresh_tokens SET revoked_at = now() WHERE family_id = $1 AND revoked_at IS NULL`,
      [familyId],
    );
  }

  private async audit(manager: EntityManager, user: User, action: string, ctx: RequestContext) {
    await recordAudit(manager, {
      actorId: user.id,
      actorRole: user.role,
      action,
      entityType: 'user',
      entityId: user.id,
      institutionId: user.institutionId,
      requestId: ctx.requestId,
      details: { ip: ctx.ip, userAgent: ctx.userAgent },
    });
  }
}
