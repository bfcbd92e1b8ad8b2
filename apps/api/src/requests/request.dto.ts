import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsInt,
  IsISO31661Alpha2,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { SPOKEN_LANGUAGE_CODES } from '@yiqiao/domain';
import type { RequestStatus, RequestUrgency } from '@yiqiao/persistence';
import { IsIanaTimeZone } from '../common/validators';

export const URGENCIES: readonly RequestUrgency[] = ['routine', 'soon', 'urgent'];
export const REQUEST_STATUSES: readonly RequestStatus[] = [
  'new',
  'triaged',
  'scheduled',
  'declined',
  'withdrawn',
];

const trimmed = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class CreateConsultationRequestDto {
  @ApiPropertyOptional({
    format: 'uuid',
    description: 'Required when a coordinator files on behalf of a patient; patients leave it out',
  })
  @IsOptional()
  @IsUUID('all', { message: 'patientId must be a UUID' })
  patientId?: string;

  @ApiProperty({ format: 'uuid', description: 'The Shanghai hospital or clinic asked for a consultation' })
  @IsUUID('all', { message: 'institutionId must be a UUID' })
  institutionId!: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Department, if the patient knows it' })
  @IsOptional()
  @IsUUID('all', { message: 'departmentId must be a UUID' })
  departmentId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'A specialist the patient would like to see' })
  @IsOptional()
  @IsUUID('all', { message: 'preferredSpecialistId must be a UUID' })
  preferredSpecialistId?: string;

  @ApiProperty({
    description: 'What the patient needs help with, in their own words (10–4000 characters)',
    example: 'PSA of 8.2 ng/ml in January, urologist at home suggests biopsy; I would like a second opinion.',
  })
  @Transform(trimmed)
  @IsString({ message: 'complaint must be text' })
  @Length(10, 4000, { message: 'complaint must be between 10 and 4000 characters' })
  complaint!: string;

  @ApiProperty({
    description: 'Languages the patient speaks (BCP 47 tags from the supported list)',
    enum: SPOKEN_LANGUAGE_CODES,
    isArray: true,
    example: ['ru', 'en'],
  })
  @IsArray({ message: 'spokenLanguages must be a list' })
  @ArrayMinSize(1, { message: 'spokenLanguages must name at least one language' })
  @ArrayMaxSize(8)
  @ArrayUnique({ message: 'spokenLanguages must not repeat a language' })
  @IsIn(SPOKEN_LANGUAGE_CODES, {
    each: true,
    message: `each of spokenLanguages must be one of ${SPOKEN_LANGUAGE_CODES.join(', ')}`,
  })
  spokenLanguages!: string[];

  @ApiProperty({ description: 'Country of residence, ISO 3166-1 alpha-2', example: 'KZ' })
  @IsISO31661Alpha2({ message: 'country must be an ISO 3166-1 alpha-2 code such as "DE" or "KZ"' })
  country!: string;

  @ApiProperty({ description: 'IANA time zone the patient lives in', example: 'Asia/Almaty' })
  @IsIanaTimeZone()
  timeZone!: string;

  @ApiPropertyOptional({ enum: URGENCIES, default: 'routine', example: 'soon' })
  @IsOptional()
  @IsIn(URGENCIES, { message: `urgency must be one of ${URGENCIES.join(', ')}` })
  urgency?: RequestUrgency;
}

export class ListRequestsQuery {
  @ApiPropertyOptional({ enum: REQUEST_STATUSES })
  @IsOptional()
  @IsIn(REQUEST_STATUSES, { message: `status must be one of ${REQUEST_STATUSES.join(', ')}` })
  status?: RequestStatus;

  @ApiPropertyOptional({ enum: URGENCIES })
  @IsOptional()
  @IsIn(URGENCIES, { message: `urgency must be one of ${URGENCIES.join(', ')}` })
  urgency?: RequestUrgency;

  @ApiPropertyOptional({ format: 'uuid', description: 'Only this institution (within your scope)' })
  @IsOptional()
  @IsUUID('all', { message: 'institutionId must be a UUID' })
  institutionId?: string;

  @ApiPropertyOptional({
    enum: ['urgency', 'newest'],
    default: 'urgency',
    description: 'urgency: most urgent first, newest first within an urgency; newest: newest first',
  })
  @IsOptional()
  @IsIn(['urgency', 'newest'], { message: 'sort must be urgency or newest' })
  sort?: 'urgency' | 'newest';

  @ApiPropertyOptional({ default: 1, minimum: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'page must be a whole number' })
  @Min(1, { message: 'page must be at least 1' })
  @Max(10_000)
  page?: number;

  @ApiPropertyOptional({ default: 20, minimum: 1, maximum: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'pageSize must be a whole number' })
  @Min(1, { message: 'pageSize must be between 1 and 100' })
  @Max(100, { message: 'pageSize must be between 1 and 100' })
  pageSize?: number;
}

export class TriageRequestDto {
  @ApiProperty({ format: 'uuid', description: "Department of the request's institution" })
  @IsUUID('all', { message: 'departmentId must be a UUID' })
  departmentId!: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Specialist of that department' })
  @IsOptional()
  @IsUUID('all', { message: 'specialistId must be a UUID' })
  specialistId?: string;

  @ApiPropertyOptional({ enum: URGENCIES, example: 'urgent' })
  @IsOptional()
  @IsIn(URGENCIES, { message: `urgency must be one of ${URGENCIES.join(', ')}` })
  urgency?: RequestUrgency;
}

export class CloseRequestDto {
  @ApiProperty({
    description: 'Why (shown to the patient)',
    example: 'This condition needs an in-person examination; please see a local urologist first.',
  })
  @Transform(trimmed)
  @IsString({ message: 'reason must be text' })
  @Length(3, 2000, { message: 'reason must be between 3 and 2000 characters' })
  reason!: string;
}

export class WithdrawRequestDto {
  @ApiPropertyOptional({ example: 'I found a specialist closer to home.' })
  @IsOptional()
  @Transform(trimmed)
  @IsString({ message: 'reason must be text' })
  @MaxLength(2000, { message: 'reason must be at most 2000 characters' })
  reason?: string;
}
