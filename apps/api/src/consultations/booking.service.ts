import { BadRequestException, ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { DateTime } from 'luxon';
import { sharedLanguages } from '@yiqiao/domain';
import { recordAudit } from '@yiqiao/persistence';
import { AuthUser, ScopeService } from '../auth';
import { PeopleRepository, PersonInfo } from '../scheduling/people.repository';
import { SchedulingRepository, SpecialistInfo } from '../scheduling/scheduling.repository';
import { consultationMinutes } from '../scheduling/working-time.service';
import { BookingParty } from './booking-conflict';
import { BookingRulesService } from './booking-rules.service';
import { CommandContext, CommandOutcome, ConsultationCommandRunner } from './consultation-command.runner';
import { loadConsultation, toConsultationDto } from './consultation-view';
import type { BookConsultationDto } from './consultations.dto';

/** Books a consultation: the consultation row and every person's booking, in one transaction. */
@Injectable()
export class BookingService {
  constructor(
    private readonly runner: ConsultationCommandRunner,
    private readonly rules: BookingRulesService,
    private readonly repository: SchedulingRepository,
    private readonly people: PeopleRepository,
    private readonly scope: ScopeService,
  ) {}

  async book(user: AuthUser, dto: BookConsultationDto, context: CommandContext): Promise<CommandOutcome> {
    const [specialist] = await this.repository.specialists({ ids: [dto.specialistId] });
    if (
      !specialist ||
      (user.role !== 'patient' && !(await this.scope.canSeeInstitution(user, specialist.institutionId)))
    ) {
      throw new NotFoundException(`Specialist ${dto.specialistId} was not found`);
    }
    const institution = await this.repository.institutionRules(specialist.institutionId);
    if (user.role === 'patient' && !institution.allowsPatientSelfBooking) {
      throw new ForbiddenException(
        'This hospital books consultations through its coordinators; send a consultation request instead',
      );
    }
    const patient = await this.patientFor(user, dto);
    const interpreter = dto.interpreterId ? await this.people.interpreter(dto.interpreterId) : null;
    if (dto.interpreterId && !interpreter)
      throw new NotFoundException(`Interpreter ${dto.interpreterId} was not found`);
    const departmentId = this.departmentFor(specialist, dto.departmentId);
    const start = DateTime.fromISO(dto.startsAt);
    const span = {
      start: start.toJSDate(),
      end: start.plus({ minutes: consultationMinutes(specialist, departmentId) }).toJSDate(),
    };

    const shared = sharedLanguages(patient.spokenLanguages, specialist.spokenLanguages);

    return this.runner.run(context, async (manager, parties) => {
      const warnings = await this.rules.assertBookable(manager, {
        specialist,
        departmentId,
        span,
        bufferMinutes: institution.bufferMinutes,
        ignoreConsultationId: null,
        requireConfirmedCalendar: user.role === 'patient',
        actorRole: user.role,
        interpreterNeeded: shared.length === 0 && !interpreter,
      });
      if (dto.requestId)
        await this.markRequestScheduled(manager, dto.requestId, patient.id, specialist.institutionId);
      const [row] = (await manager.query(
        `INSERT INTO consultations (request_id, institution_id, department_id, specialist_id, patient_id, interpreter_id,
           status, starts_at, ends_at, interpreter_required, patient_language, specialist_language, created_by)
         VALUES ($1, $2, $3, $4, $5, $6, 'scheduled', $7, $8, $9, $10, $11, $12) RETURNING id`,
        [
          dto.requestId ?? null,
          specialist.institutionId,
          departmentId,
          specialist.id,
          patient.id,
          interpreter?.id ?? null,
          span.start,
          span.end,
          shared.length === 0,
          shared[0] ?? patient.spokenLanguages[0] ?? null,
          shared[0] ?? specialist.spokenLanguages[0] ?? null,
          user.id,
        ],
      )) as { id: string }[];
      const booked: BookingParty[] = [
        { userId: specialist.id, role: 'specialist' },
        { userId: patient.id, role: 'patient' },
        ...(interpreter ? [{ userId: interpreter.id, role: 'interpreter' as const }] : []),
      ];
      parties.push(...booked);
      await this.rules.insertBookings(manager, row.id, booked, span);
      await recordAudit(manager, {
        actorId: user.id,
        actorRole: user.role,
        action: 'consultation.booked',
        entityType: 'consultation',
        entityId: row.id,
        institutionId: specialist.institutionId,
        details: {
          startsAt: span.start.toISOString(),
          endsAt: span.end.toISOString(),
          specialistId: specialist.id,
          patientId: patient.id,
          interpreterId: interpreter?.id ?? null,
          interpreterRequired: shared.length === 0,
        },
      });
      const view = await loadConsultation(manager, row.id);
      return {
        statusCode: 201,
        body: { ...toConsultationDto(view as NonNullable<typeof view>), warnings },
        change: { kind: 'booked', consultationId: row.id, actorId: user.id },
      };
    });
  }

  private async patientFor(user: AuthUser, dto: BookConsultationDto): Promise<PersonInfo> {
    if (user.role === 'patient') {
      if (dto.patientId && dto.patientId !== user.id)
        throw new NotFoundException(`Patient ${dto.patientId} was not found`);
      return (await this.people.patient(user.id)) as PersonInfo;
    }
    if (!dto.patientId)
      throw new BadRequestException('patientId is required when a coordinator books for a patient');
    const patient = await this.people.patient(dto.patientId);
    if (!patient) throw new NotFoundException(`Patient ${dto.patientId} was not found`);
    return patient;
  }

  private departmentFor(specialist: SpecialistInfo, departmentId: string | undefined): string {
    if (departmentId) {
      if (!specialist.departments.some((d) => d.id === departmentId)) {
        throw new BadRequestException(`${specialist.fullName} does not work in department ${departmentId}`);
      }
      return departmentId;
    }
    if (specialist.departments.length === 1) return specialist.departments[0].id;
    throw new BadRequestException(
      specialist.departments.length === 0
        ? `${specialist.fullName} belongs to no department yet; an administrator must add one`
        : `${specialist.fullName} works in several departments; give departmentId (one of ${specialist.departments.map((d) => d.id).join(', ')})`,
    );
  }

  private async markRequestScheduled(
    manager: EntityManager,
    requestId: string,
    patientId: string,
    institutionId: string,
  ): Promise<void> {
    const rows = (await manager.query(
      `UPDATE consultation_requests SET status = 'scheduled'
        WHERE id = $1 AND patient_id = $2 AND institution_id = $3 AND status IN ('new', 'triaged')
        RETURNING id`,
      [requestId, patientId, institutionId],
    )) as [unknown[], number];
    if (rows[1] === 0) {
      throw new BadRequestException(
        `Request ${requestId} is not an open request of this patient at this hospital (already scheduled, declined or withdrawn?)`,
      );
    }
  }
}
