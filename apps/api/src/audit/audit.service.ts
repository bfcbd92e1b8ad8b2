import { BadRequestException, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { AuditEvent } from '@yiqiao/persistence';
import type { AuthUser } from '../auth/auth-user';
import { ScopeService } from '../auth/scope.service';
import type { AuditEventPage, AuditQuery } from './audit.dto';

/**
 * Reading the audit trail. Admins see everything; coordinators see the events of their institution
 * (and its clinics), which is what a hospital needs to answer "who looked at this patient's data".
 */
@Injectable()
export class AuditService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly scope: ScopeService,
  ) {}

  async list(user: AuthUser, query: AuditQuery): Promise<AuditEventPage> {
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 50;
    if (query.from && query.to && Date.parse(query.from) >= Date.parse(query.to)) {
      throw new BadRequestException('from must be before to');
    }
    const builder = this.dataSource.getRepository(AuditEvent).createQueryBuilder('e');
    const visible = await this.scope.visibleInstitutionIds(user);
    if (visible) builder.andWhere('e.institution_id = ANY(:visible)', { visible });
    if (query.entityType) builder.andWhere('e.entity_type = :entityType', { entityType: query.entityType });
    if (query.entityId) builder.andWhere('e.entity_id = :entityId', { entityId: query.entityId });
    if (query.actorId) builder.andWhere('e.actor_id = :actorId', { actorId: query.actorId });
    if (query.action) builder.andWhere('e.action = :action', { action: query.action });
    if (query.from) builder.andWhere('e.occurred_at >= :from', { from: query.from });
    if (query.to) builder.andWhere('e.occurred_at < :to', { to: query.to });
    const [events, total] = await builder
      .orderBy('e.occurred_at', 'DESC')
      .addOrderBy('e.id', 'DESC')
      .skip((page - 1) * pageSize)
      .take(pageSize)
      .getManyAndCount();
    return { items: events, total, page, pageSize };
  }
}
