import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, IntersectionType, OmitType, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsISO31661Alpha2,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  Min,
  ValidateIf,
} from 'class-validator';
import {
  DEFAULT_BOOKING_HORIZON_MONTHS,
  MAX_BOOKING_HORIZON_MONTHS,
  MIN_BOOKING_HORIZON_MONTHS,
} from '@yiqiao/domain';
import type { InstitutionKind } from '@yiqiao/persistence';
import { IsIanaTimeZone } from '../common/validators';

export const INSTITUTION_KINDS: readonly InstitutionKind[] = [
  'shanghai_hospital',
  'clinic',
  'overseas_partner',
];
/** Bounds of the institutions table's CHECKs (migration 1764800000000-consultation-time-rules). */
const MAX_NOTICE_MINUTES = 20160;
const MAX_JOIN_MINUTES = 240;

/**
 * An optional whole number of minutes within [min, max], with messages naming the field and the range.
 * Left out means unchanged; null is refused like any other non-number (the columns are NOT NULL).
 */
function MinutesBetween(min: number, max: number, maxInWords: string): PropertyDecorator {
  const range = `from ${min} to ${max} (${maxInWords})`;
  return applyDecorators(
    ValidateIf((_object, value) => value !== undefined),
    IsInt({ message: ({ property }) => `${property} must be a whole number of minutes ${range}` }),
    Min(min, { message: ({ property }) => `${property} must be at least ${min} minutes` }),
    Max(max, { message: ({ property }) => `${property} must be at most ${max} minutes (${maxInWords})` }),
  );
}

/** An optional whole number of months within [min, max] (the booking horizon), like MinutesBetween. */
function MonthsBetween(min: number, max: number): PropertyDecorator {
  const range = `from ${min} to ${max}`;
  return applyDecorators(
    ValidateIf((_object, value) => value !== undefined),
    IsInt({ message: ({ property }) => `${property} must be a whole number of months ${range}` }),
    Min(min, { message: ({ property }) => `${property} must be at least ${min} month` }),
    Max(max, { message: ({ property }) => `${property} must be at most ${max} months (5 years)` }),
  );
}

const CODE = /^[a-z0-9-]{2,40}$/;
const CODE_MESSAGE = 'code must be 2–40 lower-case letters, digits or "-"';

/**
 * The institution's time rules (booking notice, join window). Kept apart so the update DTO keeps their
 * own "left out = unchanged, null refused" validation (PartialType would make null pass as "optional").
 */
export class InstitutionTimeRulesDto {
  @ApiPropertyOptional({
    example: 120,
    minimum: 0,
    maximum: MAX_NOTICE_MINUTES,
    default: 120,
    description: 'Minimum notice, in minutes, for a patient booking or moving their own consultation',
  })
  @MinutesBetween(0, MAX_NOTICE_MINUTES, '14 days')
  patientBookingNoticeMinutes?: number;

  @ApiPropertyOptional({
    example: 0,
    minimum: 0,
    maximum: MAX_NOTICE_MINUTES,
    default: 0,
    description:
      'Minimum notice, in minutes, for coordinators and administrators (they are warned inside the interpreter cut-off)',
  })
  @MinutesBetween(0, MAX_NOTICE_MINUTES, '14 days')
  coordinatorBookingNoticeMinutes?: number;

  @ApiPropertyOptional({
    example: 15,
    minimum: 0,
    maximum: MAX_JOIN_MINUTES,
    default: 15,
    description: 'Patients, guests and interpreters may join this many minutes before the start',
  })
  @MinutesBetween(0, MAX_JOIN_MINUTES, '4 hours')
  joinLeadMinutes?: number;

  @ApiPropertyOptional({
    example: 30,
    minimum: 0,
    maximum: MAX_JOIN_MINUTES,
    default: 30,
    description: 'The specialist and coordinators may open the room this many minutes before the start',
  })
  @MinutesBetween(0, MAX_JOIN_MINUTES, '4 hours')
  staffJoinLeadMinutes?: number;

  @ApiPropertyOptional({
    example: 30,
    minimum: 0,
    maximum: MAX_JOIN_MINUTES,
    default: 30,
    description: 'The room stays open this many minutes after the scheduled end',
  })
  @MinutesBetween(0, MAX_JOIN_MINUTES, '4 hours')
  joinGraceMinutes?: number;

  @ApiPropertyOptional({
    example: DEFAULT_BOOKING_HORIZON_MONTHS,
    minimum: MIN_BOOKING_HORIZON_MONTHS,
    maximum: MAX_BOOKING_HORIZON_MONTHS,
    default: DEFAULT_BOOKING_HORIZON_MONTHS,
    description:
      'Booking horizon: consultations may be booked, moved and offered by slot search up to today in Shanghai ' +
      'plus this many months (the last bookable day, included); later starts are refused with 422 beyond_horizon',
  })
  @MonthsBetween(MIN_BOOKING_HORIZON_MONTHS, MAX_BOOKING_HORIZON_MONTHS)
  bookingHorizonMonths?: number;
}

export class CreateInstitutionDto extends InstitutionTimeRulesDto {
  @ApiProperty({ example: 'minhang-intl', description: 'Stable short code (2–40 of a-z, 0-9, -)' })
  @Matches(CODE, { message: CODE_MESSAGE })
  code!: string;

  @ApiProperty({ example: 'Minhang International Hospital' })
  @IsString()
  @Length(2, 200)
  name!: string;

  @ApiPropertyOptional({ example: '闵行国际医院' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  nameZh?: string;

  @ApiProperty({ enum: INSTITUTION_KINDS, example: 'shanghai_hospital' })
  @IsIn(INSTITUTION_KINDS, { message: `kind must be one of ${INSTITUTION_KINDS.join(', ')}` })
  kind!: InstitutionKind;

  @ApiPropertyOptional({ format: 'uuid', description: 'Parent hospital of a clinic' })
  @IsOptional()
  @IsUUID('all', { message: 'parentId must be a UUID' })
  parentId?: string;

  @ApiProperty({ example: 'Asia/Shanghai' })
  @IsIanaTimeZone()
  timeZone!: string;

  @ApiProperty({ example: 'CN' })
  @IsISO31661Alpha2({ message: 'country must be an ISO 3166-1 alpha-2 code such as "CN"' })
  country!: string;

  @ApiPropertyOptional({ example: false, description: 'Patients may book slots themselves' })
  @IsOptional()
  @IsBoolean()
  allowsPatientSelfBooking?: boolean;

  @ApiPropertyOptional({
    example: 1440,
    description: 'Minutes before start after which cancelling is refused',
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(20160)
  cancellationCutoffMinutes?: number;

  @ApiPropertyOptional({ example: 1440 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(20160)
  rescheduleCutoffMinutes?: number;

  @ApiPropertyOptional({ example: 10, description: 'Free minutes kept between two consultations' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(240)
  bookingBufferMinutes?: number;

  @ApiPropertyOptional({ example: true })
  @IsOptional()
  @IsBoolean()
  requiresInterpreterCertification?: boolean;

  @ApiPropertyOptional({ example: [1440, 60, 10], description: 'Reminder times, minutes before start' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(6)
  @IsInt({ each: true })
  @Min(1, { each: true })
  @Max(20160, { each: true })
  reminderOffsetsMinutes?: number[];
}

const TIME_RULE_FIELDS = [
  'patientBookingNoticeMinutes',
  'coordinatorBookingNoticeMinutes',
  'joinLeadMinutes',
  'staffJoinLeadMinutes',
  'joinGraceMinutes',
  'bookingHorizonMonths',
] as const;

export class UpdateInstitutionDto extends IntersectionType(
  PartialType(OmitType(CreateInstitutionDto, ['code', ...TIME_RULE_FIELDS] as const)),
  InstitutionTimeRulesDto,
) {}

export class CreateDepartmentDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'institutionId must be a UUID' })
  institutionId!: string;

  @ApiProperty({ example: 'urology' })
  @Matches(CODE, { message: CODE_MESSAGE })
  code!: string;

  @ApiProperty({ example: 'Urology' })
  @IsString()
  @Length(2, 200)
  name!: string;

  @ApiPropertyOptional({ example: '泌尿外科' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  nameZh?: string;

  @ApiProperty({ example: 'urology', description: 'Specialty used to match certified interpreters' })
  @Matches(/^[a-z][a-z0-9_-]{1,59}$/, { message: 'specialty must be a lower-case word such as "oncology"' })
  specialty!: string;

  @ApiPropertyOptional({ example: 30, minimum: 10, maximum: 240 })
  @IsOptional()
  @IsInt()
  @Min(10, { message: 'defaultConsultationMinutes must be between 10 and 240' })
  @Max(240, { message: 'defaultConsultationMinutes must be between 10 and 240' })
  defaultConsultationMinutes?: number;
}

export class UpdateDepartmentDto extends PartialType(
  OmitType(CreateDepartmentDto, ['institutionId', 'code'] as const),
) {}

export class DepartmentsQuery {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all', { message: 'institutionId must be a UUID' })
  institutionId?: string;
}

export class PageQuery {
  @ApiPropertyOptional({ default: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'page must be a whole number' })
  @Min(1, { message: 'page must be at least 1' })
  @Max(10_000)
  page?: number;

  @ApiPropertyOptional({ default: 50, maximum: 200 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'pageSize must be a whole number' })
  @Min(1, { message: 'pageSize must be between 1 and 200' })
  @Max(200, { message: 'pageSize must be between 1 and 200' })
  pageSize?: number;
}
