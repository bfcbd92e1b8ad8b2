import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { IsCalendarDate, IsInstantWithOffset, IsWallClock } from '../scheduling/validators';

export class WeeklyRuleDto {
  @ApiProperty({ description: '1 = Monday … 7 = Sunday', example: 1 })
  @IsInt({ message: 'weekday must be a whole number 1 (Monday) to 7 (Sunday)' })
  @Min(1, { message: 'weekday must be 1 (Monday) to 7 (Sunday)' })
  @Max(7, { message: 'weekday must be 1 (Monday) to 7 (Sunday)' })
  weekday!: number;

  @ApiProperty({ description: 'Asia/Shanghai wall clock', example: '09:00' })
  @IsWallClock()
  startLocal!: string;

  @ApiProperty({ description: 'Asia/Shanghai wall clock, after startLocal', example: '12:00' })
  @IsWallClock()
  endLocal!: string;

  @ApiProperty({ example: '2026-01-01' })
  @IsCalendarDate()
  effectiveFrom!: string;

  @ApiPropertyOptional({ example: '2026-12-31', description: 'Last day included; omit for open ended' })
  @IsOptional()
  @IsCalendarDate()
  effectiveUntil?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Only for this department (default: all of theirs)' })
  @IsOptional()
  @IsUUID('all', { message: 'departmentId must be a UUID' })
  departmentId?: string;
}

export class ReplaceWeeklyRulesDto {
  @ApiProperty({ type: [WeeklyRuleDto] })
  @IsArray({ message: 'rules must be a list' })
  @ArrayMaxSize(100, { message: 'rules may hold at most 100 sessions' })
  @ValidateNested({ each: true })
  @Type(() => WeeklyRuleDto)
  rules!: WeeklyRuleDto[];
}

export class CreateExceptionDto {
  @ApiProperty({ enum: ['time_off', 'extra_session'] })
  @IsIn(['time_off', 'extra_session'], { message: 'kind must be time_off or extra_session' })
  kind!: 'time_off' | 'extra_session';

  @ApiProperty({ example: '2026-03-10T09:00:00+08:00' })
  @IsInstantWithOffset()
  startsAt!: string;

  @ApiProperty({ example: '2026-03-10T12:00:00+08:00' })
  @IsInstantWithOffset()
  endsAt!: string;

  @ApiPropertyOptional({ example: 'Conference' })
  @IsOptional()
  @IsString({ message: 'reason must be text' })
  @Length(1, 300, { message: 'reason must be 1 to 300 characters' })
  reason?: string;
}

export class ExceptionDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: ['time_off', 'extra_session'] }) kind!: 'time_off' | 'extra_session';
  @ApiProperty({ example: '2026-03-10T09:00:00+08:00' }) startsAt!: string;
  @ApiProperty({ example: '2026-03-10T12:00:00+08:00' }) endsAt!: string;
  @ApiProperty({ nullable: true }) reason!: string | null;
}

export class AvailabilityDto {
  @ApiProperty({ format: 'uuid' }) specialistId!: string;
  @ApiProperty({ example: 'Asia/Shanghai' }) zone!: string;
  @ApiProperty({ type: [WeeklyRuleDto] }) rules!: WeeklyRuleDto[];
  @ApiProperty({ type: [ExceptionDto], description: 'Exceptions that have not ended yet' })
  exceptions!: ExceptionDto[];
}
