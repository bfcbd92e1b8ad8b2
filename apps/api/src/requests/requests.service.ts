import { BadRequestException, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { recordAudit } from '@yiqiao/persistence';
import type { AuthUser } from '../auth/auth-user';
import { notFound, ScopeService } from '../auth/scope.service';
import type { RequestContext } from '../common/request-context';
import { ConsentsService } from '../consents/consents.service';
import type { CreateConsultationRequestDto, ListRequestsQuery } from './request.dto';
import { RequestReferences } from './request-references';
import {
  REQUEST_SELECT,
  requestView,
  type ConsultationRequestPage,
  type ConsultationRequestView,
  type RequestRow,
} from './request.view';

export const REQUEST_ENTITY = 'consultation_request';

/**
 * Intake and reading of consultation requests. Complaints are medical data: every read and write
 * records an audit event in the same transaction. Scoping follows ScopeService; a request outside
 * the caller's scope is a 404.
 */
@Injectable()
export class RequestsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly scope: ScopeService,
    private readonly consents: ConsentsService,
    private readonly references: RequestReferences,
  ) {}

  async create(
    user: AuthUser,
    dto: CreateConsultationRequestDto,
    ctx: RequestContext,
  ): Promise<ConsultationRequestView> {
    const patientId = this.patientFor(user, dto);
    return this.dataSource.transaction(async (manager) => {
      if (patientId !== user.id) await this.references.patient(manager, patientId);
      await this.references.institution(manager, user, dto.institutionId);
      if (dto.departmentId) await this.references.department(manager, dto.institutionId, dto.departmentId);
      if (dto.preferredSpecialistId) {
        await this.references.specialist(
          manager,
          dto.institutionId,
          dto.preferredSpecialistId,
          dto.departmentId ?? null,
        );
      }
      // Consent is checked in the writing transaction: no complaint is stored without both consents.
      await this.consents.requireConsents(patientId, manager);
      const [{ id }] = (await manager.query(
        `INSERT INTO consultation_requests (patient_id, institution_id, department_id, preferred_specialist_id,
           complaint, spoken_languages, country, time_zone, urgency)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
        [
          patientId,
          dto.institutionId,
          dto.departmentId ?? null,
          dto.preferredSpecialistId ?? null,
          dto.complaint,
          dto.spokenLanguages,
          dto.country.toUpperCase(),
          dto.timeZone,
          dto.urgency ?? 'routine',
        ],
      )) as { id: string }[];
      await this.audit(manager, user, 'consultation_request.created', id, dto.institutionId, ctx, {
        patientId,
        onBehalf: patientId !== user.id,
      });
      return requestView(await this.loadRow(manager, id));
    });
  }

  async list(
    user: AuthUser,
    query: ListRequestsQuery,
    ctx: RequestContext,
  ): Promise<ConsultationRequestPage> {
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 20;
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (clause: string, value: unknown) => {
      params.push(value);
      where.push(clause.replace('?', `$${params.length}`));
    };
    if (user.role === 'patient') add('r.patient_id = ?', user.id);
    else if (user.role === 'specialist') add('r.preferred_specialist_id = ?', user.id);
    else {
      const visible = await this.scope.visibleInstitutionIds(user);
      if (visible) add('r.institution_id = ANY(?)', visible);
      if (query.institutionId) {
        await this.scope.assertCanSeeInstitution(user, query.institutionId);
        add('r.institution_id = ?', query.institutionId);
      }
    }
    if (query.status) add('r.status = ?', query.status);
    if (query.urgency) add('r.urgency = ?', query.urgency);
    const filter = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const order =
      query.sort === 'newest'
        ? 'r.created_at DESC, r.id'
        : `CASE r.urgency WHEN 'urgent' THEN 0 WHEN 'soon' THEN 1 ELSE 2 END, r.created_at DESC, r.id`;

    return this.dataSource.transaction(async (manager) => {
      const [{ total }] = (await manager.query(
        `SELECT count(*)::int AS total FROM consultation_requests r ${filter}`,
        params,
      )) as { total: number }[];
      const rows = (await manager.query(
        `${REQUEST_SELECT} ${filter} ORDER BY ${order} LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
        [...params, pageSize, (page - 1) * pageSize],
      )) as RequestRow[];
      if (rows.length > 0) {
        await this.audit(manager, user, 'consultation_request.listed', null, user.institutionId, ctx, {
          requestIds: rows.map((row) => row.id),
        });
      }
      return { items: rows.map(requestView), total, page, pageSize };
    });
  }

  async get(user: AuthUser, id: string, ctx: RequestContext): Promise<ConsultationRequestView> {
    return this.dataSource.transaction(async (manager) => {
      const row = await this.loadVisible(manager, user, id);
      await this.audit(manager, user, 'consultation_request.read', id, row.institution_id, ctx);
      return requestView(row);
    });
  }

  /** The row if the caller may see it; 404 otherwise (never 403, so existence does not leak). */
  async loadVisible(
    manager: EntityManager,
    user: AuthUser,
    id: string,
    forUpdate = false,
  ): Promise<RequestRow> {
    const row = await this.findRow(manager, id, forUpdate);
    if (!row || !(await this.maySee(manager, user, row))) throw notFound('Consultation request', id);
    return row;
  }

  private async maySee(manager: EntityManager, user: AuthUser, row: RequestRow): Promise<boolean> {
    switch (user.role) {
      case 'patient':
        return row.patient_id === user.id;
      case 'specialist':
        return row.preferred_specialist_id === user.id;
      case 'coordinator':
      case 'admin':
        return this.scope.canSeeInstitution(user, row.institution_id, manager);
      default:
        return false;
    }
  }

  private async findRow(
    manager: EntityManager,
    id: string,
    forUpdate = false,
  ): Promise<RequestRow | undefined> {
    const [row] = (await manager.query(
      `${REQUEST_SELECT} WHERE r.id = $1 ${forUpdate ? 'FOR UPDATE OF r' : ''}`,
      [id],
    )) as RequestRow[];
    return row;
  }

  async loadRow(manager: EntityManager, id: string): Promise<RequestRow> {
    const row = await this.findRow(manager, id);
    if (!row) throw notFound('Consultation request', id);
    return row;
  }

  private patientFor(user: AuthUser, dto: CreateConsultationRequestDto): string {
    if (user.role === 'patient') {
      if (dto.patientId && dto.patientId !== user.id) {
        throw new BadRequestException('patientId must be left out when a patient files their own request');
      }
      return user.id;
    }
    if (!dto.patientId) {
      throw new BadRequestException('patientId is required when filing a request on behalf of a patient');
    }
    return dto.patientId;
  }

  async audit(
    manager: EntityManager,
    user: AuthUser,
    action: string,
    requestId: string | null,
    institutionId: string | null,
    ctx: RequestContext,
    details: Record<string, unknown> = {},
  ): Promise<void> {
    await recordAudit(manager, {
      actorId: user.id,
      actorRole: user.role,
      action,
      entityType: REQUEST_ENTITY,
      entityId: requestId,
      institutionId,
      requestId: ctx.requestId,
      details,
    });
  }
}
