import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsUUID } from 'class-validator';
import { IsCalendarDate, IsIanaTimeZone, IsNotBefore, IsWallClock } from './validators';

/** Slot search works day by day: at most this many days per request. */
export const MAX_SEARCH_DAYS = 31;

export class SlotQueryDto {
  @ApiPropertyOptional({ description: 'Search one specialist (or give departmentId)', format: 'uuid' })
  @IsOptional()
  @IsUUID('all', { message: 'specialistId must be a UUID' })
  specialistId?: string;

  @ApiPropertyOptional({ description: 'Search every specialist of a department', format: 'uuid' })
  @IsOptional()
  @IsUUID('all', { message: 'departmentId must be a UUID' })
  departmentId?: string;

  @ApiProperty({ description: 'First Shanghai calendar day', example: '2026-03-09' })
  @IsCalendarDate()
  from!: string;

  @ApiProperty({
    description: 'Last Shanghai calendar day (included), not before from; at most 31 days from..to',
    example: '2026-03-13',
  })
  @IsCalendarDate()
  @IsNotBefore('from')
  to!: string;

  @ApiPropertyOptional({
    description: 'The patient: their bookings are avoided and their zone is used',
    format: 'uuid',
  })
  @IsOptional()
  @IsUUID('all', { message: 'patientId must be a UUID' })
  patientId?: string;

  @ApiPropertyOptional({
    description: "Patient's IANA time zone (default: the patient's own)",
    example: 'America/New_York',
  })
  @IsOptional()
  @IsIanaTimeZone()
  patientTimeZone?: string;

  @ApiPropertyOptional({
    description: "Earliest acceptable start in the patient's zone",
    example: '07:00',
    default: '07:00',
  })
  @IsOptional()
  @IsWallClock()
  earliestLocal?: string;

  @ApiPropertyOptional({
    description: "Latest acceptable end in the patient's zone",
    example: '22:00',
    default: '22:00',
  })
  @IsOptional()
  @IsWallClock()
  latestLocal?: string;
}

export class ZonedSpanDto {
  @ApiProperty({ example: 'Asia/Shanghai' }) zone!: string;
  @ApiProperty({ example: '2026-03-09T09:00:00+08:00' }) start!: string;
  @ApiProperty({ example: '2026-03-09T09:30:00+08:00' }) end!: string;
}

export class SlotDto {
  @ApiProperty({ example: '2026-03-09T01:00:00Z' }) startsAt!: string;
  @ApiProperty({ example: '2026-03-09T01:30:00Z' }) endsAt!: string;
  @ApiProperty({ type: ZonedSpanDto }) shanghai!: ZonedSpanDto;
  @ApiProperty({
    type: ZonedSpanDto,
    nullable: true,
    example: {
      zone: 'America/New_York',
      start: '2026-03-08T21:00:00-04:00',
      end: '2026-03-08T21:30:00-04:00',
    },
  })
  patient!: ZonedSpanDto | null;
  @ApiProperty({ format: 'uuid' }) specialistId!: string;
  @ApiProperty({ example: 'Dr. Li Wei 李伟' }) specialistName!: string;
  @ApiProperty({ format: 'uuid', nullable: true }) departmentId!: string | null;
  @ApiProperty({ example: 30 }) durationMinutes!: number;
  @ApiProperty({ description: "False when the year's holiday calendar is not loaded", example: true })
  calendarConfirmed!: boolean;
}

export class CalendarNoticeDto {
  @ApiProperty({ example: '2026-10-10' }) date!: string;
  @ApiProperty({ enum: ['holiday', 'makeup_workday'] }) kind!: 'holiday' | 'makeup_workday';
  @ApiProperty({ example: 'National Day make-up working day' }) nameEn!: string;
  @ApiProperty({ example: '国庆节调休上班' }) nameZh!: string;
  @ApiProperty({
    description:
      "True for a fixed-date statutory holiday (1 Jan, 1–2 May, 1–3 Oct) assumed because the year's notice is not loaded yet",
    example: false,
  })
  provisional!: boolean;
}

export class SlotSearchResponseDto {
  @ApiProperty({ type: [SlotDto] }) slots!: SlotDto[];
  @ApiProperty({
    description: 'Years in the range without a loaded holiday calendar',
    example: [],
    type: [Number],
  })
  calendarMissingYears!: number[];
  @ApiProperty({ type: [CalendarNoticeDto] }) calendarDays!: CalendarNoticeDto[];
}
