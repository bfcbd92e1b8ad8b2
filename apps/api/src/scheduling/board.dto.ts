import { NO_SHOW_PARTIES, type NoShowParty } from '@yiqiao/domain';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { CalendarNoticeDto, ZonedSpanDto } from './slots.dto';
import { IsCalendarDate } from './validators';

export class BoardQueryDto {
  @ApiProperty({
    description: 'A Shanghai calendar day; the week view starts on its Monday',
    example: '2026-03-09',
  })
  @IsCalendarDate()
  date!: string;

  @ApiPropertyOptional({ enum: ['day', 'week'], default: 'day' })
  @IsOptional()
  @IsIn(['day', 'week'], { message: 'view must be day or week' })
  view?: 'day' | 'week';

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'Administrators: which institution (coordinators: their own)',
  })
  @IsOptional()
  @IsUUID('all', { message: 'institutionId must be a UUID' })
  institutionId?: string;
}

export class BoardConsultationDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'scheduled' }) status!: string;
  @ApiProperty({ enum: NO_SHOW_PARTIES, nullable: true, description: 'Who did not come (status no_show)' })
  noShowParty!: NoShowParty | null;
  @ApiProperty({ example: 'James Miller' }) patientName!: string;
  @ApiProperty() interpreterRequired!: boolean;
  @ApiProperty({ nullable: true, example: 'Anna Petrova' }) interpreterName!: string | null;
  @ApiProperty({ type: ZonedSpanDto, description: 'Shanghai time' }) shanghai!: ZonedSpanDto;
  @ApiProperty({ type: ZonedSpanDto, description: "The patient's time" }) patient!: ZonedSpanDto;
}

export class BoardSpecialistDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'Dr. Li Wei 李伟' }) fullName!: string;
  @ApiProperty({ type: [BoardConsultationDto] }) consultations!: BoardConsultationDto[];
  @ApiProperty({ type: [ZonedSpanDto], description: 'Working time not booked (Shanghai time)' })
  free!: ZonedSpanDto[];
  @ApiProperty({ type: [ZonedSpanDto], description: 'Booked time, from any institution (Shanghai time)' })
  busy!: ZonedSpanDto[];
}

export class BoardDto {
  @ApiProperty({ enum: ['day', 'week'] }) view!: 'day' | 'week';
  @ApiProperty({ example: '2026-03-09' }) from!: string;
  @ApiProperty({ example: '2026-03-15' }) to!: string;
  @ApiProperty({ example: 'Asia/Shanghai' }) zone!: string;
  @ApiProperty({
    type: [Number],
    description: 'Years without a loaded holiday calendar: check those days by hand',
  })
  calendarMissingYears!: number[];
  @ApiProperty({ type: [CalendarNoticeDto] }) calendarDays!: CalendarNoticeDto[];
  @ApiProperty({ type: [BoardSpecialistDto] }) specialists!: BoardSpecialistDto[];
}
