import { Inject, Injectable, UnprocessableEntityException } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { sfuAdmittedKey } from '@yiqiao/contracts';
import { REDIS } from '@yiqiao/jobs';
import type { EntityManager } from 'typeorm';
import { DateTime } from 'luxon';
import { canTransition, SHANGHAI_ZONE, Clock } from '@yiqiao/domain';
import { recordAudit } from '@yiqiao/persistence';
import type { AuthUser } from '../auth';
import { API_CONFIG, type ApiConfig } from '../config';
import { SchedulingRepository } from '../scheduling/scheduling.repository';
import { BookingRulesService } from './booking-rules.service';
import { CommandContext, CommandOutcome, ConsultationCommandRunner } from './consultation-command.runner';
import { ConsultationAccessService } from './consultation-access.service';
import {
  ConsultationRow,
  CONSULTATION_SELECT,
  loadConsultation,
  toConsultationDto,
} from './consultation-view';
import type { CancelConsultationDto, RescheduleConsultationDto } from './consultations.dto';
import { consultationMinutes } from '../scheduling/working-time.service';

function unprocessable(code: string, message: string): UnprocessableEntityException {
  return new UnprocessableEntityException({ statusCode: 422, error: 'Unprocessable Entity', code, message });
}

/** Reschedule and cancel: cut-offs, released bookings, audit and hooks. */
@Injectable()
export class ConsultationChangesService {
  constructor(
    private readonly runner: ConsultationCommandRunner,
    private readonly rules: BookingRulesService,
    private readonly repository: SchedulingRepository,
    private readonly access: ConsultationAccessService,
    private readonly clock: Clock,
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(API_CONFIG) private readonly config: ApiConfig,
  ) {}

  async reschedule(
    user: AuthUser,
    id: string,
    dto: RescheduleConsultationDto,
    context: CommandContext,
  ): Promise<CommandOutcome> {
    let interrupted = false;
    const outcome = await this.runner.run(context, async (manager, parties) => {
      const row = await this.lockForChange(manager, user, id);
      interrupted = row.status === 'in_progress';
      if (interrupted && user.role !== 'coordinator' && user.role !== 'admin')
        throw unprocessable(
          'wrong_status',
          'This consultation is in progress; only a coordinator can reschedule an interrupted call',
        );
      this.assertTransition(row, 'scheduled', 'rescheduled', interrupted);
      const institution = await this.repository.institutionRules(row.institution_id, manager);
      if (user.role === 'patient' && !institution.allowsPatientSelfBooking) {
        throw unprocessable(
          'coordinator_only',
          'This hospital reschedules through its coordinators; contact them',
        );
      }
      const override = this.checkCutoff(
        user,
        row,
        institution.rescheduleCutoffMinutes,
        dto.overrideCutoff,
        'Rescheduling',
      );
      const [specialist] = await this.repository.specialists({ ids: [row.specialist_id] }, manager);
      const start = DateTime.fromISO(dto.startsAt);
      const span = {
        start: start.toJSDate(),
        end: start.plus({ minutes: consultationMinutes(specialist, row.department_id) }).toJSDate(),
      };
      const warnings = await this.rules.assertBookable(manager, {
        specialist,
        departmentId: row.department_id,
        span,
        bufferMinutes: institution.bufferMinutes,
        ignoreConsultationId: row.id,
        requireConfirmedCalendar: user.role === 'patient',
        actorRole: user.role,
        interpreterNeeded: row.interpreter_required && row.interpreter_id === null,
      });
      const released = await this.rules.releaseBookings(manager, row.id);
      parties.push(...released);
      await this.rules.insertBookings(manager, row.id, released, span);
      await manager.query(
        `UPDATE consultations SET starts_at = $2, ends_at = $3, status = 'scheduled', started_at = NULL,
                opened_early_at = NULL, opened_early_by = NULL, opened_early_reason = NULL,
                version = version + 1, updated_at = now()
          WHERE id = $1`,
        [row.id, span.start, span.end],
      );
      await recordAudit(manager, {
        actorId: user.id,
        actorRole: user.role,
        action: 'consultation.rescheduled',
        entityType: 'consultation',
        entityId: row.id,
        institutionId: row.institution_id,
        details: {
          reason: dto.reason,
          cutoffOverridden: override,
          interruptedCall: interrupted,
          from: { startsAt: row.starts_at.toISOString(), endsAt: row.ends_at.toISOString() },
          to: { startsAt: span.start.toISOString(), endsAt: span.end.toISOString() },
        },
      });
      return {
        statusCode: 200,
        body: {
          ...toConsultationDto((await loadConsultation(manager, row.id)) as ConsultationRow),
          warnings,
        },
        change: {
          kind: 'rescheduled',
          consultationId: row.id,
          actorId: user.id,
          reason: dto.reason,
          previous: { startsAt: row.starts_at, endsAt: row.ends_at },
        },
      };
    });
    // the new session starts from the waiting room again
    if (interrupted && !outcome.replayed)
      await this.redis.del(sfuAdmittedKey(this.config.QUEUE_PREFIX, id)).catch(() => 0);
    return outcome;
  }

  async cancel(
    user: AuthUser,
    id: string,
    dto: CancelConsultationDto,
    context: CommandContext,
  ): Promise<CommandOutcome> {
    return this.runner.run(context, async (manager) => {
      const row = await this.lockForChange(manager, user, id);
      this.assertTransition(row, 'cancelled', 'cancelled');
      const institution = await this.repository.institutionRules(row.institution_id, manager);
      const override = this.checkCutoff(
        user,
        row,
        institution.cancellationCutoffMinutes,
        dto.overrideCutoff,
        'Cancelling',
      );
      await this.rules.releaseBookings(manager, row.id);
      await manager.query(
        `UPDATE consultations SET status = 'cancelled', cancel_reason = $2, cancelled_by = $3, cancelled_at = now(),
                version = version + 1, updated_at = now()
          WHERE id = $1`,
        [row.id, dto.reason, user.id],
      );
      await recordAudit(manager, {
        actorId: user.id,
        actorRole: user.role,
        action: 'consultation.cancelled',
        entityType: 'consultation',
        entityId: row.id,
        institutionId: row.institution_id,
        details: { reason: dto.reason, cutoffOverridden: override },
      });
      return {
        statusCode: 200,
        body: toConsultationDto((await loadConsultation(manager, row.id)) as ConsultationRow),
        change: { kind: 'cancelled', consultationId: row.id, actorId: user.id, reason: dto.reason },
      };
    });
  }

  private async lockForChange(manager: EntityManager, user: AuthUser, id: string): Promise<ConsultationRow> {
    const [row] = (await manager.query(`${CONSULTATION_SELECT} WHERE c.id = $1 FOR UPDATE OF c`, [
      id,
    ])) as ConsultationRow[];
    return this.access.assertCanChange(user, row ?? null, id, manager);
  }

  private assertTransition(
    row: ConsultationRow,
    to: 'scheduled' | 'cancelled',
    verb: string,
    interruptedAllowed = false,
  ): void {
    const from = interruptedAllowed ? ['scheduled', 'waiting', 'in_progress'] : ['scheduled', 'waiting'];
    if (!from.includes(row.status) || !canTransition(row.status, to)) {
      throw unprocessable('wrong_status', `A ${row.status.replace('_', ' ')} consultation cannot be ${verb}`);
    }
  }

  /** Returns whether a coordinator overrode the cut-off; throws when the cut-off has passed otherwise. */
  private checkCutoff(
    user: AuthUser,
    row: ConsultationRow,
    cutoffMinutes: number,
    override: boolean | undefined,
    action: string,
  ): boolean {
    const closesAt = DateTime.fromJSDate(row.starts_at).minus({ minutes: cutoffMinutes });
    if (DateTime.fromJSDate(this.clock.now()) < closesAt) return false;
    const staff = user.role === 'coordinator' || user.role === 'admin';
    if (staff && override) return true;
    const closes = closesAt.setZone(SHANGHAI_ZONE).toISO({ suppressMilliseconds: true });
    throw unprocessable(
      'cutoff_passed',
      `${action} closes ${cutoffMinutes} minutes before the start (at ${closes} Shanghai time). ` +
        (staff
          ? 'Send overrideCutoff: true with your reason to do it anyway.'
          : 'Please contact the hospital coordinator.'),
    );
  }
}
