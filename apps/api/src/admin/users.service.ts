import { BadRequestException, ConflictException, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { hash } from '@node-rs/argon2';
import { Brackets, type DataSource, type EntityManager } from 'typeorm';
import type { Role } from '@yiqiao/domain';
import { isPgError, PG_UNIQUE_VIOLATION, recordAudit, User } from '@yiqiao/persistence';
import type { AuthUser } from '../auth/auth-user';
import { notFound } from '../auth/scope.service';
import type { RequestContext } from '../common/request-context';
import type { CreateUserDto, UpdateUserDto, UserPage, UsersQuery, UserView } from './users.dto';

/** Roles whose work belongs to an institution (the users table enforces it too). */
const INSTITUTION_ROLES: readonly Role[] = ['specialist', 'interpreter', 'coordinator'];

export function userView(user: User): UserView {
  return {
    id: user.id,
    email: user.email,
    fullName: user.fullName,
    role: user.role,
    institutionId: user.institutionId,
    preferredLanguage: user.preferredLanguage,
    timeZone: user.timeZone,
    phone: user.phone,
    country: user.country,
    spokenLanguages: user.spokenLanguages,
    isActive: user.isActive,
    createdAt: user.createdAt,
  };
}

/** Administration of user accounts and roles. Passwords are stored only as argon2id hashes. */
@Injectable()
export class UsersService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async list(query: UsersQuery): Promise<UserPage> {
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 50;
    const builder = this.dataSource.getRepository(User).createQueryBuilder('u');
    if (query.role) builder.andWhere('u.role = :role', { role: query.role });
    if (query.institutionId) builder.andWhere('u.institution_id = :inst', { inst: query.institutionId });
    if (query.search) {
      const pattern = `%${query.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      builder.andWhere(
        new Brackets((w) =>
          // NFC on both sides: a name stored decomposed matches a search typed composed.
          w
            .where('normalize(u.email, NFC) ILIKE :pattern', { pattern })
            .orWhere('normalize(u.full_name, NFC) ILIKE :pattern'),
        ),
      );
    }
    const [users, total] = await builder
      .orderBy('u.created_at', 'DESC')
      .addOrderBy('u.id')
      .skip((page - 1) * pageSize)
      .take(pageSize)
      .getManyAndCount();
    return { items: users.map(userView), total, page, pageSize };
  }

  async get(id: string): Promise<UserView> {
    const user = await this.dataSource.getRepository(User).findOneBy({ id });
    if (!user) throw notFound('User', id);
    return userView(user);
  }

  async create(admin: AuthUser, dto: CreateUserDto, ctx: RequestContext): Promise<UserView> {
    const { password, ...fields } = dto;
    return this.write(`A user with e-mail ${dto.email} already exists`, async (manager) => {
      await this.checkInstitution(manager, dto.role, dto.institutionId ?? null);
      const repo = manager.getRepository(User);
      const saved = await repo.save(
        repo.create({
          ...fields,
          country: dto.country?.toUpperCase() ?? null,
          institutionId: dto.institutionId ?? null,
          passwordHash: await hash(password),
          isActive: true,
        }),
      );
      await this.ensureProfile(manager, saved.id, dto.role);
      await this.audit(manager, admin, 'user.created', saved.id, saved.institutionId, ctx, {
        role: dto.role,
        email: dto.email,
      });
      return userView(await repo.findOneByOrFail({ id: saved.id }));
    });
  }

  async update(admin: AuthUser, id: string, dto: UpdateUserDto, ctx: RequestContext): Promise<UserView> {
    const { password, ...fields } = dto;
    return this.write('This change conflicts with another user', async (manager) => {
      const repo = manager.getRepository(User);
      const existing = await repo.findOneBy({ id });
      if (!existing) throw notFound('User', id);
      const role = dto.role ?? existing.role;
      const institutionId = dto.institutionId === undefined ? existing.institutionId : dto.institutionId;
      await this.checkInstitution(manager, role, institutionId);
      if (id === admin.id && (dto.isActive === false || (dto.role && dto.role !== 'admin'))) {
        throw new BadRequestException('You cannot disable yourself or remove your own admin role');
      }
      const changes: Partial<User> = { ...fields };
      if (dto.country) changes.country = dto.country.toUpperCase();
      if (password) changes.passwordHash = await hash(password);
      if (Object.keys(changes).length > 0) await repo.update({ id }, changes);
      await this.ensureProfile(manager, id, role);
      // Disabling, a role change or a new password ends every session of the user.
      if (dto.isActive === false || (dto.role && dto.role !== existing.role) || password) {
        await manager.query(
          `UPDATE refresh_tokens SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL`,
          [id],
        );
      }
      await this.audit(manager, admin, 'user.updated', id, institutionId, ctx, {
        ...fields,
        passwordChanged: Boolean(password),
      });
      return userView(await repo.findOneByOrFail({ id }));
    });
  }

  private async checkInstitution(manager: EntityManager, role: Role, institutionId: string | null) {
    if (INSTITUTION_ROLES.includes(role) && !institutionId) {
      throw new BadRequestException(`institutionId is required for a ${role}`);
    }
    if (!institutionId) return;
    const [row] = (await manager.query(`SELECT 1 FROM institutions WHERE id = $1`, [
      institutionId,
    ])) as unknown[];
    if (!row) throw new BadRequestException(`institutionId ${institutionId} is not an existing institution`);
  }

  /** Specialists and interpreters need a profile row for scheduling and interpreter matching. */
  private async ensureProfile(manager: EntityManager, userId: string, role: Role): Promise<void> {
    if (role === 'specialist') {
      await manager.query(`INSERT INTO specialist_profiles (user_id) VALUES ($1) ON CONFLICT DO NOTHING`, [
        userId,
      ]);
    } else if (role === 'interpreter') {
      await manager.query(`INSERT INTO interpreter_profiles (user_id) VALUES ($1) ON CONFLICT DO NOTHING`, [
        userId,
      ]);
    }
  }

  private async write<T>(conflict: string, work: (manager: EntityManager) => Promise<T>): Promise<T> {
    try {
      return await this.dataSource.transaction(work);
    } catch (error) {
      if (isPgError(error, PG_UNIQUE_VIOLATION)) throw new ConflictException(conflict);
      throw error;
    }
  }

  private async audit(
    manager: EntityManager,
    admin: AuthUser,
    action: string,
    userId: string,
    institutionId: string | null,
    ctx: RequestContext,
    details: Record<string, unknown>,
  ): Promise<void> {
    await recordAudit(manager, {
      actorId: admin.id,
      actorRole: admin.role,
      action,
      entityType: 'user',
      entityId: userId,
      institutionId,
      requestId: ctx.requestId,
      details,
    });
  }
}
