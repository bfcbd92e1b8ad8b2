import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { SPOKEN_LANGUAGE_CODES } from '@yiqiao/domain';
import { IsInstantInYears, IsNotBefore, SpansAtMostDays } from '../scheduling/validators';

/** The longest work list asked at once. */
export const MAX_SCHEDULE_DAYS = 93;

export class DeclineOfferDto {
  @ApiPropertyOptional({ description: 'Why (shown to coordinators in the assignment trail)' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  reason?: string;
}

export class WorkingWindowDto {
  @ApiProperty({ description: 'ISO weekday in Asia/Shanghai: 1 = Monday … 7 = Sunday' })
  @IsInt()
  @Min(1)
  @Max(7)
  weekday!: number;

  @ApiProperty({ description: 'Start, minutes after midnight Shanghai time (e.g. 540 = 09:00)' })
  @IsInt()
  @Min(0)
  @Max(1439)
  startMinute!: number;

  @ApiProperty({
    description: 'End, minutes after midnight Shanghai time, after the start (1440 = midnight)',
  })
  @IsInt()
  @Min(1)
  @Max(1440)
  endMinute!: number;
}

export class WorkingHoursDto {
  @ApiProperty({
    type: [WorkingWindowDto],
    description: 'Replaces all weekly windows; empty = available any time',
  })
  @ValidateNested({ each: true })
  @Type(() => WorkingWindowDto)
  @ArrayMaxSize(70)
  windows!: WorkingWindowDto[];
}

export class LanguagePairDto {
  @ApiProperty({ enum: SPOKEN_LANGUAGE_CODES })
  @IsIn(SPOKEN_LANGUAGE_CODES, { message: `languageA must be one of ${SPOKEN_LANGUAGE_CODES.join(', ')}` })
  languageA!: string;

  @ApiProperty({ enum: SPOKEN_LANGUAGE_CODES })
  @IsIn(SPOKEN_LANGUAGE_CODES, { message: `languageB must be one of ${SPOKEN_LANGUAGE_CODES.join(', ')}` })
  languageB!: string;
}

export class LanguagePairsDto {
  @ApiProperty({
    type: [LanguagePairDto],
    description: 'Replaces all pairs (dialect matters: zh-yue ≠ zh-cmn)',
  })
  @ValidateNested({ each: true })
  @Type(() => LanguagePairDto)
  @ArrayMaxSize(50)
  pairs!: LanguagePairDto[];
}

export class ScheduleQueryDto {
  @ApiPropertyOptional({ description: 'ISO 8601 instant; default now' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'from must be an ISO 8601 date-time such as 2026-12-01T00:00:00Z' })
  @IsInstantInYears()
  from?: string;

  @ApiPropertyOptional({
    description: 'ISO 8601 instant, after from; default 30 days after from; at most 93 days after from',
  })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'to must be an ISO 8601 date-time such as 2026-12-31T00:00:00Z' })
  @IsInstantInYears()
  @IsNotBefore('from')
  @SpansAtMostDays('from', MAX_SCHEDULE_DAYS)
  to?: string;
}

export class OverrideInterpreterDto {
  @ApiProperty()
  @IsUUID('all', { message: 'interpreterId must be a UUID' })
  interpreterId!: string;
}

export class AssignmentListQueryDto {
  @ApiPropertyOptional({ enum: ['searching', 'offered', 'assigned', 'escalated', 'cancelled'] })
  @IsOptional()
  @IsIn(['searching', 'offered', 'assigned', 'escalated', 'cancelled'], {
    message: 'state must be one of searching, offered, assigned, escalated, cancelled',
  })
  state?: string;
}
