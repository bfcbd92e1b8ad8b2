import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { wallClock } from '@yiqiao/domain';
import { recordAudit } from '@yiqiao/persistence';
import { AuthUser, ScopeService } from '../auth';
import { ConsultationAccessService } from './consultation-access.service';
import {
  ConsultationRow,
  CONSULTATION_SELECT,
  loadConsultation,
  toConsultationDto,
} from './consultation-view';
import type { ConsultationDto, ConsultationListQueryDto } from './consultations.dto';

@Injectable()
export class ConsultationReadsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: ConsultationAccessService,
    private readonly scope: ScopeService,
  ) {}

  async get(user: AuthUser, id: string): Promise<ConsultationDto> {
    const row = await this.access.assertCanSee(user, await loadConsultation(this.dataSource, id), id);
    // Who looked at whose consultation is itself health information: keep a trail of reads.
    await recordAudit(this.dataSource.manager, {
      actorId: user.id,
      actorRole: user.role,
      action: 'consultation.read',
      entityType: 'consultation',
      entityId: row.id,
      institutionId: row.institution_id,
    });
    return toConsultationDto(row);
  }

  /** Mine for patients, specialists and interpreters; the institution's for coordinators; all for admins. */
  async list(user: AuthUser, query: ConsultationListQueryDto): Promise<ConsultationDto[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    const param = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    if (user.role === 'patient') where.push(`c.patient_id = ${param(user.id)}`);
    if (user.role === 'specialist') where.push(`c.specialist_id = ${param(user.id)}`);
    if (user.role === 'interpreter') where.push(`c.interpreter_id = ${param(user.id)}`);
    if (user.role === 'coordinator') {
      where.push(`c.institution_id = ANY(${param(await this.scope.visibleInstitutionIds(user))})`);
    }
    if (query.from) where.push(`c.starts_at >= ${param(wallClock(query.from, '00:00').toJSDate())}`);
    if (query.to)
      where.push(`c.starts_at < ${param(wallClock(query.to, '00:00').plus({ days: 1 }).toJSDate())}`);
    if (query.status) where.push(`c.status = ${param(query.status)}`);
    const rows = (await this.dataSource.query(
      `${CONSULTATION_SELECT} ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
       ORDER BY c.starts_at LIMIT ${param(query.limit ?? 100)}`,
      params,
    )) as ConsultationRow[];
    return rows.map(toConsultationDto);
  }
}
