import {
  BadRequestException,
  Controller,
  ForbiddenException,
  Get,
  NotFoundException,
  Query,
} from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Clock, DEFAULT_PATIENT_EARLIEST, DEFAULT_PATIENT_LATEST, lastBookableDay } from '@yiqiao/domain';
import { AuthUser, CurrentUser, Roles, ScopeService } from '../auth';
import { beyondHorizon } from './booking-horizon';
import { assertDaySpan } from './date-range';
import { PeopleRepository } from './people.repository';
import { SchedulingRepository, SpecialistInfo } from './scheduling.repository';
import { SlotSearchService } from './slot-search.service';
import { MAX_SEARCH_DAYS, SlotQueryDto, SlotSearchResponseDto } from './slots.dto';

@ApiTags('scheduling')
@ApiBearerAuth()
@Controller('slots')
export class SlotsController {
  constructor(
    private readonly slots: SlotSearchService,
    private readonly repository: SchedulingRepository,
    private readonly people: PeopleRepository,
    private readonly scope: ScopeService,
    private readonly clock: Clock,
  ) {}

  @Get()
  @Roles('coordinator', 'admin', 'patient', 'specialist')
  @ApiOperation({
    summary: 'Free consultation slots, in UTC, Shanghai time and the patient’s time',
    description:
      'Respects weekly availability (Asia/Shanghai), exceptions, mainland holidays and make-up days, live bookings ' +
      'of the specialist and the patient, the institution’s buffer and the patient’s waking hours (default 07:00–22:00). ' +
      'Only slots the caller could book are offered: for a patient, from now + the institution’s patient booking ' +
      'notice (default 2 h); for staff, from now + the coordinators’ notice (default 0). In a year whose holiday ' +
      'notice is not loaded (calendarMissingYears), the fixed-date statutory holidays (1 Jan, 1–2 May, 1–3 Oct) ' +
      'are still kept free and listed in calendarDays with provisional: true. Nothing is offered after the ' +
      'institution’s last bookable day (today in Shanghai + its booking horizon, default 18 months); a `from` ' +
      'after that day is refused with 422 beyond_horizon. from..to spans at most 31 days.',
  })
  @ApiOkResponse({ type: SlotSearchResponseDto })
  async search(@CurrentUser() user: AuthUser, @Query() query: SlotQueryDto): Promise<SlotSearchResponseDto> {
    if (Boolean(query.specialistId) === Boolean(query.departmentId)) {
      throw new BadRequestException('Give exactly one of specialistId or departmentId');
    }
    assertDaySpan(query.from, query.to, MAX_SEARCH_DAYS);
    const specialists = await this.specialistsFor(user, query);
    const to = await this.lastDayAsked(specialists, query);
    const patient = await this.patientFor(user, query);
    return this.slots.search({
      specialists,
      departmentId: query.departmentId ?? null,
      from: query.from,
      to,
      patientId: patient.id,
      patientHours: {
        zone: patient.zone,
        earliest: query.earliestLocal ?? DEFAULT_PATIENT_EARLIEST,
        latest: query.latestLocal ?? DEFAULT_PATIENT_LATEST,
      },
      includeUnconfirmedYears: user.role !== 'patient',
      callerRole: user.role,
    });
  }

  private async specialistsFor(user: AuthUser, query: SlotQueryDto): Promise<SpecialistInfo[]> {
    if (user.role === 'specialist' && query.specialistId !== user.id) {
      throw new ForbiddenException(
        'Specialists may search only their own slots: pass specialistId=<your id>',
      );
    }
    let specialists: SpecialistInfo[];
    let institutionId: string | null;
    if (query.specialistId) {
      specialists = await this.repository.specialists({ ids: [query.specialistId] });
      institutionId = specialists[0]?.institutionId ?? null;
      if (!institutionId) throw new NotFoundException(`No specialist ${query.specialistId}`);
    } else {
      const department = await this.people.department(query.departmentId as string);
      if (!department) throw new NotFoundException(`No department ${query.departmentId}`);
      institutionId = department.institutionId;
      specialists = await this.repository.specialists({ departmentId: department.id });
    }
    if (user.role === 'coordinator' && !(await this.scope.canSeeInstitution(user, institutionId))) {
      throw new NotFoundException(
        query.specialistId ? `No specialist ${query.specialistId}` : `No department ${query.departmentId}`,
      );
    }
    if (
      user.role === 'patient' &&
      !(await this.repository.institutionRules(institutionId)).allowsPatientSelfBooking
    ) {
      throw new ForbiddenException(
        'This hospital books consultations through its coordinators; send a consultation request instead',
      );
    }
    return specialists;
  }

  /** `to`, or the last bookable day if that comes first; a `from` beyond every horizon is a 422. */
  private async lastDayAsked(specialists: SpecialistInfo[], query: SlotQueryDto): Promise<string> {
    const now = this.clock.now();
    let latest: { day: string; months: number } | null = null;
    for (const institutionId of new Set(specialists.map((s) => s.institutionId))) {
      const months = (await this.repository.institutionRules(institutionId)).horizonMonths;
      const day = lastBookableDay(now, months);
      if (!latest || day > latest.day) latest = { day, months };
    }
    if (!latest) return query.to;
    if (query.from > latest.day)
      throw beyondHorizon(`The first day ${query.from}`, latest.day, latest.months);
    return query.to < latest.day ? query.to : latest.day;
  }

  private async patientFor(
    user: AuthUser,
    query: SlotQueryDto,
  ): Promise<{ id: string | null; zone: string }> {
    if (user.role === 'patient') {
      if (query.patientId && query.patientId !== user.id)
        throw new NotFoundException(`No patient ${query.patientId}`);
      const self = await this.people.patient(user.id);
      return { id: user.id, zone: query.patientTimeZone ?? (self?.timeZone as string) };
    }
    if (query.patientId) {
      const patient = await this.people.patient(query.patientId);
      if (!patient) throw new NotFoundException(`No patient ${query.patientId}`);
      return { id: patient.id, zone: query.patientTimeZone ?? patient.timeZone };
    }
    if (!query.patientTimeZone) {
      throw new BadRequestException(
        'Give patientId or patientTimeZone, so slots can be shown in the patient’s clock',
      );
    }
    return { id: null, zone: query.patientTimeZone };
  }
}
