import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
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
} from 'class-validator';
import type { InstitutionKind } from '@yiqiao/persistence';
import { IsIanaTimeZone } from '../common/validators';

export const INSTITUTION_KINDS: readonly InstitutionKind[] = [
  'shanghai_hospital',
  'clinic',
  'overseas_partner',
];
const CODE = /^[a-z0-9-]{2,40}$/;
const CODE_MESSAGE = 'code must be 2–40 lower-case letters, digits or "-"';

export class CreateInstitutionDto {
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

export class UpdateInstitutionDto extends PartialType(OmitType(CreateInstitutionDto, ['code'] as const)) {}

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
