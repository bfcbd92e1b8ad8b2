import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Max, Min } from 'class-validator';
import { Type } from 'class-transformer';
import {
  CONSULTATION_STATUSES,
  END_CAUSES,
  NO_SHOW_PARTIES,
  type ConsultationStatus,
  type EndCause,
  type NoShowParty,
} from '@yiqiao/domain';
import { IsCalendarDate, IsInstantWithOffset, IsNotBefore } from '../scheduling/validators';
import { ZonedSpanDto } from '../scheduling/slots.dto';

export class BookConsultationDto {
  @ApiProperty({ format: 'uuid', description: 'The Shanghai specialist' })
  @IsUUID('all', { message: 'specialistId must be a UUID' })
  specialistId!: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'The patient (coordinators must give it; patients book for themselves)',
  })
  @IsOptional()
  @IsUUID('all', { message: 'patientId must be a UUID' })
  patientId?: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'Needed when the specialist works in several departments',
  })
  @IsOptional()
  @IsUUID('all', { message: 'departmentId must be a UUID' })
  departmentId?: string;

  @ApiProperty({
    description: 'Start, ISO 8601 with offset (a slot’s startsAt)',
    example: '2026-03-09T09:00:00+08:00',
  })
  @IsInstantWithOffset()
  startsAt!: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'An interpreter to book as well' })
  @IsOptional()
  @IsUUID('all', { message: 'interpreterId must be a UUID' })
  interpreterId?: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'The consultation request this books (marked scheduled)',
  })
  @IsOptional()
  @IsUUID('all', { message: 'requestId must be a UUID' })
  requestId?: string;
}

export class RescheduleConsultationDto {
  @ApiProperty({ description: 'New start, ISO 8601 with offset', example: '2026-03-10T09:00:00+08:00' })
  @IsInstantWithOffset()
  startsAt!: string;

  @ApiProperty({
    description: 'Why (shown to the people concerned and kept in the audit log)',
    example: 'Patient has a flight',
  })
  @IsString({ message: 'reason must be text' })
  @Length(3, 500, { message: 'reason must be 3 to 500 characters' })
  reason!: string;

  @ApiPropertyOptional({
    description: 'Coordinators only: act after the institution’s cut-off',
    default: false,
  })
  @IsOptional()
  @IsBoolean({ message: 'overrideCutoff must be true or false' })
  overrideCutoff?: boolean;
}

export class CancelConsultationDto {
  @ApiProperty({ example: 'Patient recovered' })
  @IsString({ message: 'reason must be text' })
  @Length(3, 500, { message: 'reason must be 3 to 500 characters' })
  reason!: string;

  @ApiPropertyOptional({
    description: 'Coordinators only: act after the institution’s cut-off',
    default: false,
  })
  @IsOptional()
  @IsBoolean({ message: 'overrideCutoff must be true or false' })
  overrideCutoff?: boolean;
}

export class ConsultationListQueryDto {
  @ApiPropertyOptional({ description: 'First Shanghai day (by start)', example: '2026-03-01' })
  @IsOptional()
  @IsCalendarDate()
  from?: string;

  @ApiPropertyOptional({
    description: 'Last Shanghai day (by start), included; not before from',
    example: '2026-03-31',
  })
  @IsOptional()
  @IsCalendarDate()
  @IsNotBefore('from')
  to?: string;

  @ApiPropertyOptional({ enum: CONSULTATION_STATUSES })
  @IsOptional()
  @IsIn(CONSULTATION_STATUSES, { message: `status must be one of ${CONSULTATION_STATUSES.join(', ')}` })
  status?: ConsultationStatus;

  @ApiPropertyOptional({ default: 100, maximum: 500 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'limit must be a whole number' })
  @Min(1, { message: 'limit must be at least 1' })
  @Max(500, { message: 'limit must be at most 500' })
  limit?: number;
}

export class PersonRefDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'Dr. Li Wei 李伟' }) fullName!: string;
}

export class PatientRefDto extends PersonRefDto {
  @ApiProperty({ example: 'America/New_York' }) timeZone!: string;
}

export class ConsultationTimeDto {
  @ApiProperty({ example: '2026-03-09T01:00:00Z' }) startsAt!: string;
  @ApiProperty({ example: '2026-03-09T01:30:00Z' }) endsAt!: string;
  @ApiProperty({ type: ZonedSpanDto }) shanghai!: ZonedSpanDto;
  @ApiProperty({ type: ZonedSpanDto }) patient!: ZonedSpanDto;
}

export class JoinWindowDto {
  @ApiProperty({ description: 'Patients, guests and interpreters may join from this instant (UTC)' })
  participantsOpenAt!: string;
  @ApiProperty({ description: 'The specialist and coordinators may open the room from this instant (UTC)' })
  staffOpenAt!: string;
  @ApiProperty({ description: 'Nobody can join from this instant (UTC): the end plus the grace period' })
  closesAt!: string;
}

export class OpenedEarlyDto {
  @ApiProperty() at!: string;
  @ApiProperty() byName!: string;
  @ApiProperty() reason!: string;
}

export class BookingWarningDto {
  @ApiProperty({
    enum: ['inside_interpreter_cutoff'],
    description:
      'inside_interpreter_cutoff: staff booked a consultation that still needs an interpreter with its start ' +
      'within the interpreter cut-off (INTERPRETER_ESCALATION_CUTOFF_MINUTES), so one may not be found in time',
  })
  code!: 'inside_interpreter_cutoff';
  @ApiProperty({ example: 60, description: 'The cut-off (INTERPRETER_ESCALATION_CUTOFF_MINUTES)' })
  cutoffMinutes!: number;
  @ApiProperty({
    description: 'In English, for API clients (the web app translates by code)',
    example:
      'Booked, but an interpreter is still needed and the start is within 1 hour (the interpreter cut-off): …',
  })
  message!: string;
}

export class ConsultationDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: CONSULTATION_STATUSES }) status!: ConsultationStatus;
  @ApiProperty({ format: 'uuid' }) institutionId!: string;
  @ApiProperty({ format: 'uuid' }) departmentId!: string;
  @ApiProperty({ format: 'uuid', nullable: true }) requestId!: string | null;
  @ApiProperty({ type: PersonRefDto }) specialist!: PersonRefDto;
  @ApiProperty({ type: PatientRefDto }) patient!: PatientRefDto;
  @ApiProperty({ type: PersonRefDto, nullable: true }) interpreter!: PersonRefDto | null;
  @ApiProperty({ description: 'Patient and specialist share no spoken language' })
  interpreterRequired!: boolean;
  @ApiProperty({ nullable: true, example: 'en' }) patientLanguage!: string | null;
  @ApiProperty({ nullable: true, example: 'zh-cmn' }) specialistLanguage!: string | null;
  @ApiProperty({ type: ConsultationTimeDto }) time!: ConsultationTimeDto;
  @ApiProperty({ nullable: true }) cancelReason!: string | null;
  @ApiProperty({ nullable: true }) cancelledAt!: string | null;
  @ApiProperty({ type: JoinWindowDto }) joinWindow!: JoinWindowDto;
  @ApiProperty({ type: OpenedEarlyDto, nullable: true, description: 'A coordinator\'s "start now"' })
  openedEarly!: OpenedEarlyDto | null;
  @ApiProperty({ nullable: true, description: 'When the specialist admitted the patient' })
  startedAt!: string | null;
  @ApiProperty({ nullable: true }) endedAt!: string | null;
  @ApiProperty({ enum: NO_SHOW_PARTIES, nullable: true, description: 'Who did not come (status no_show)' })
  noShowParty!: NoShowParty | null;
  @ApiProperty({ enum: END_CAUSES, nullable: true }) endCause!: EndCause | null;
  @ApiProperty({ example: 1 }) version!: number;
  @ApiPropertyOptional({
    type: [BookingWarningDto],
    description:
      'Booking responses only: what a coordinator should know about a booking that went through (empty when nothing)',
  })
  warnings?: BookingWarningDto[];
}
