import { BadRequestException, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { SHANGHAI_ZONE, zonedSpan, Clock } from '@yiqiao/domain';
import { recordAudit } from '@yiqiao/persistence';
import { AuthUser, isOwnRecord, notFound, ScopeService } from '../auth';
import { SchedulingRepository, SpecialistInfo } from '../scheduling/scheduling.repository';
import type {
  AvailabilityDto,
  CreateExceptionDto,
  ExceptionDto,
  ReplaceWeeklyRulesDto,
} from './availability.dto';

/** A specialist's weekly availability (Asia/Shanghai) and one-off exceptions. */
@Injectable()
export class AvailabilityService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly repository: SchedulingRepository,
    private readonly scope: ScopeService,
    private readonly clock: Clock,
  ) {}

  /** The specialist, if the caller may manage them (themselves, their coordinators, admins); else 404. */
  async specialistFor(user: AuthUser, specialistId: string): Promise<SpecialistInfo> {
    const [specialist] = await this.repository.specialists({ ids: [specialistId] });
    const allowed =
      specialist &&
      (isOwnRecord(user, [specialist.id]) ||
        ((user.role === 'coordinator' || user.role === 'admin') &&
          (await this.scope.canSeeInstitution(user, specialist.institutionId))));
    if (!allowed) throw notFound('Specialist', specialistId);
    return specialist;
  }

  async get(user: AuthUser, specialistId: string): Promise<AvailabilityDto> {
    const specialist = await this.specialistFor(user, specialistId);
    const rules = (await this.dataSource.query(
      `SELECT weekday, to_char(start_local, 'HH24:MI') AS "startLocal", to_char(end_local, 'HH24:MI') AS "endLocal",
              effective_from::text AS "effectiveFrom", effective_until::text AS "effectiveUntil", department_id AS "departmentId"
         FROM availability_rules WHERE specialist_id = $1 ORDER BY weekday, start_local`,
      [specialist.id],
    )) as AvailabilityDto['rules'];
    const exceptions = (await this.dataSource.query(
      `SELECT id, kind, starts_at, ends_at, reason FROM availability_exceptions
        WHERE specialist_id = $1 AND ends_at > $2 ORDER BY starts_at`,
      [specialist.id, this.clock.now()],
    )) as { id: string; kind: ExceptionDto['kind']; starts_at: Date; ends_at: Date; reason: string | null }[];
    return {
      specialistId: specialist.id,
      zone: SHANGHAI_ZONE,
      rules: rules.map((r) => ({
        ...r,
        effectiveUntil: r.effectiveUntil ?? undefined,
        departmentId: r.departmentId ?? undefined,
      })),
      exceptions: exceptions.map((e) => {
        const span = zonedSpan({ start: e.starts_at, end: e.ends_at }, SHANGHAI_ZONE);
        return { id: e.id, kind: e.kind, startsAt: span.start, endsAt: span.end, reason: e.reason };
      }),
    };
  }

  async replaceRules(
    user: AuthUser,
    specialistId: string,
    dto: ReplaceWeeklyRulesDto,
  ): Promise<AvailabilityDto> {
    const specialist = await this.specialistFor(user, specialistId);
    const problems = dto.rules.flatMap((rule, i) => [
      ...(rule.endLocal <= rule.startLocal
        ? [`rules[${i}]: endLocal ${rule.endLocal} must be after startLocal ${rule.startLocal}`]
        : []),
      ...(rule.effectiveUntil && rule.effectiveUntil < rule.effectiveFrom
        ? [`rules[${i}]: effectiveUntil ${rule.effectiveUntil} is before effectiveFrom ${rule.effectiveFrom}`]
        : []),
      ...(rule.departmentId && !specialist.departments.some((d) => d.id === rule.departmentId)
        ? [`rules[${i}]: the specialist does not work in department ${rule.departmentId}`]
        : []),
    ]);
    if (problems.length > 0)
      throw new BadRequestException({ statusCode: 400, error: 'Bad Request', message: problems });
    await this.dataSource.transaction(async (manager) => {
      await manager.query(`DELETE FROM availability_rules WHERE specialist_id = $1`, [specialist.id]);
      for (const rule of dto.rules) {
        await manager.query(
          `INSERT INTO availability_rules (specialist_id, department_id, weekday, start_local, end_local, effective_from, effective_until, created_by)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
          [
            specialist.id,
            rule.departmentId ?? null,
            rule.weekday,
            rule.startLocal,
            rule.endLocal,
            rule.effectiveFrom,
            rule.effectiveUntil ?? null,
            user.id,
          ],
        );
      }
      await recordAudit(manager, {
        actorId: user.id,
        actorRole: user.role,
        action: 'availability.rules_replaced',
        entityType: 'specialist',
        entityId: specialist.id,
        institutionId: specialist.institutionId,
        details: { rules: dto.rules.length },
      });
    });
    return this.get(user, specialist.id);
  }

  async addException(user: AuthUser, specialistId: string, dto: CreateExceptionDto): Promise<ExceptionDto> {
    const specialist = await this.specialistFor(user, specialistId);
    const start = new Date(dto.startsAt);
    const end = new Date(dto.endsAt);
    if (end <= start)
      throw new BadRequestException(`endsAt (${dto.endsAt}) must be after startsAt (${dto.startsAt})`);
    const id = await this.dataSource.transaction(async (manager) => {
      const [row] = (await manager.query(
        `INSERT INTO availability_exceptions (specialist_id, kind, starts_at, ends_at, reason, created_by)
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
        [specialist.id, dto.kind, start, end, dto.reason ?? null, user.id],
      )) as { id: string }[];
      await recordAudit(manager, {
        actorId: user.id,
        actorRole: user.role,
        action: 'availability.exception_added',
        entityType: 'specialist',
        entityId: specialist.id,
        institutionId: specialist.institutionId,
        details: {
          exceptionId: row.id,
          kind: dto.kind,
          startsAt: start.toISOString(),
          endsAt: end.toISOString(),
        },
      });
      return row.id;
    });
    const span = zonedSpan({ start, end }, SHANGHAI_ZONE);
    return { id, kind: dto.kind, startsAt: span.start, endsAt: span.end, reason: dto.reason ?? null };
  }

  async removeException(user: AuthUser, specialistId: string, exceptionId: string): Promise<void> {
    const specialist = await this.specialistFor(user, specialistId);
    await this.dataSource.transaction(async (manager) => {
      const [, deleted] = (await manager.query(
        `DELETE FROM availability_exceptions WHERE id = $1 AND specialist_id = $2 RETURNING id`,
        [exceptionId, specialist.id],
      )) as [unknown[], number];
      if (deleted === 0) throw notFound('Availability exception', exceptionId);
      await recordAudit(manager, {
        actorId: user.id,
        actorRole: user.role,
        action: 'availability.exception_removed',
        entityType: 'specialist',
        entityId: specialist.id,
        institutionId: specialist.institutionId,
        details: { exceptionId },
      });
    });
  }
}
