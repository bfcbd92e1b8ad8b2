import { BadRequestException, ConflictException, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { Department, Institution, isPgError, PG_UNIQUE_VIOLATION, recordAudit } from '@yiqiao/persistence';
import type { AuthUser } from '../auth/auth-user';
import { notFound } from '../auth/scope.service';
import type { RequestContext } from '../common/request-context';
import type {
  CreateDepartmentDto,
  CreateInstitutionDto,
  UpdateDepartmentDto,
  UpdateInstitutionDto,
} from './organisation.dto';

/** Administration of institutions and their departments. Every change is audited. */
@Injectable()
export class OrganisationService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  listInstitutions(): Promise<Institution[]> {
    return this.dataSource.getRepository(Institution).find({ order: { name: 'ASC' } });
  }

  async createInstitution(
    user: AuthUser,
    dto: CreateInstitutionDto,
    ctx: RequestContext,
  ): Promise<Institution> {
    return this.write(`An institution with code "${dto.code}" already exists`, async (manager) => {
      if (dto.parentId) await this.institution(manager, dto.parentId, 'parentId');
      const repo = manager.getRepository(Institution);
      const saved = await repo.save(repo.create({ ...dto, country: dto.country.toUpperCase() }));
      await this.audit(manager, user, 'institution.created', 'institution', saved.id, saved.id, ctx, {
        ...dto,
      });
      return repo.findOneByOrFail({ id: saved.id });
    });
  }

  async updateInstitution(
    user: AuthUser,
    id: string,
    dto: UpdateInstitutionDto,
    ctx: RequestContext,
  ): Promise<Institution> {
    return this.write('This change conflicts with another institution', async (manager) => {
      await this.institution(manager, id);
      if (dto.parentId) await this.assertNoCycle(manager, id, dto.parentId);
      const repo = manager.getRepository(Institution);
      const changes = { ...dto, ...(dto.country ? { country: dto.country.toUpperCase() } : {}) };
      if (Object.keys(changes).length > 0) await repo.update({ id }, changes);
      await this.audit(manager, user, 'institution.updated', 'institution', id, id, ctx, { ...dto });
      return repo.findOneByOrFail({ id });
    });
  }

  listDepartments(institutionId?: string): Promise<Department[]> {
    return this.dataSource
      .getRepository(Department)
      .find({ where: institutionId ? { institutionId } : {}, order: { name: 'ASC' } });
  }

  async createDepartment(user: AuthUser, dto: CreateDepartmentDto, ctx: RequestContext): Promise<Department> {
    return this.write(`Institution already has a department with code "${dto.code}"`, async (manager) => {
      await this.institution(manager, dto.institutionId, 'institutionId');
      const repo = manager.getRepository(Department);
      const saved = await repo.save(repo.create(dto));
      await this.audit(manager, user, 'department.created', 'department', saved.id, dto.institutionId, ctx, {
        ...dto,
      });
      return repo.findOneByOrFail({ id: saved.id });
    });
  }

  async updateDepartment(
    user: AuthUser,
    id: string,
    dto: UpdateDepartmentDto,
    ctx: RequestContext,
  ): Promise<Department> {
    return this.write('This change conflicts with another department', async (manager) => {
      const repo = manager.getRepository(Department);
      const existing = await repo.findOneBy({ id });
      if (!existing) throw notFound('Department', id);
      if (Object.keys(dto).length > 0) await repo.update({ id }, dto);
      await this.audit(manager, user, 'department.updated', 'department', id, existing.institutionId, ctx, {
        ...dto,
      });
      return repo.findOneByOrFail({ id });
    });
  }

  private async write<T>(conflict: string, work: (manager: EntityManager) => Promise<T>): Promise<T> {
    try {
      return await this.dataSource.transaction(work);
    } catch (error) {
      if (isPgError(error, PG_UNIQUE_VIOLATION)) throw new ConflictException(conflict);
      throw error;
    }
  }

  /** 404 for the institution itself; 400 naming the field when it is a reference in the body. */
  private async institution(manager: EntityManager, id: string, field?: string): Promise<void> {
    const exists = await manager.getRepository(Institution).existsBy({ id });
    if (exists) return;
    if (field) throw new BadRequestException(`${field} ${id} is not an existing institution`);
    throw notFound('Institution', id);
  }

  private async assertNoCycle(manager: EntityManager, id: string, parentId: string): Promise<void> {
    await this.institution(manager, parentId, 'parentId');
    const [row] = (await manager.query(
      `WITH RECURSIVE up(id, parent_id) AS (
         SELECT id, parent_id FROM institutions WHERE id = $1
         UNION SELECT i.id, i.parent_id FROM institutions i JOIN up ON i.id = up.parent_id
       ) SELECT 1 FROM up WHERE id = $2`,
      [parentId, id],
    )) as unknown[];
    if (row) throw new BadRequestException('parentId would make the institution its own ancestor');
  }

  private async audit(
    manager: EntityManager,
    user: AuthUser,
    action: string,
    entityType: string,
    entityId: string,
    institutionId: string,
    ctx: RequestContext,
    details: Record<string, unknown>,
  ): Promise<void> {
    await recordAudit(manager, {
      actorId: user.id,
      actorRole: user.role,
      action,
      entityType,
      entityId,
      institutionId,
      requestId: ctx.requestId,
      details,
    });
  }
}
