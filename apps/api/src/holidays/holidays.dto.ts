import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { IsCalendarDate } from '../scheduling/validators';
import { EachIsObject } from './each-is-object';

export class HolidayDayDto {
  @ApiProperty({ example: '2027-01-01' })
  @IsCalendarDate()
  date!: string;

  @ApiProperty({ enum: ['holiday', 'makeup_workday'] })
  @IsIn(['holiday', 'makeup_workday'], { message: 'kind must be holiday or makeup_workday' })
  kind!: 'holiday' | 'makeup_workday';

  @ApiProperty({ example: '元旦' })
  @IsString({ message: 'nameZh must be text' })
  @Length(1, 100, { message: 'nameZh must be 1 to 100 characters' })
  nameZh!: string;

  @ApiProperty({ example: "New Year's Day" })
  @IsString({ message: 'nameEn must be text' })
  @Length(1, 100, { message: 'nameEn must be 1 to 100 characters' })
  nameEn!: string;

  @ApiPropertyOptional({
    description: 'Make-up working days only: the weekday whose schedule applies (1 = Monday … 7 = Sunday)',
    example: 5,
  })
  @IsOptional()
  @IsInt({ message: 'scheduleWeekday must be a whole number 1 (Monday) to 7 (Sunday)' })
  @Min(1, { message: 'scheduleWeekday must be 1 (Monday) to 7 (Sunday)' })
  @Max(7, { message: 'scheduleWeekday must be 1 (Monday) to 7 (Sunday)' })
  scheduleWeekday?: number;
}

export class LoadHolidayYearDto {
  @ApiProperty({
    description: 'The official notice the dates come from',
    example: '国务院办公厅关于2027年部分节假日安排的通知',
  })
  @IsString({ message: 'source must be text' })
  @Length(5, 300, { message: 'source must be 5 to 300 characters' })
  source!: string;

  @ApiProperty({ type: [HolidayDayDto] })
  @IsArray({ message: 'days must be a list' })
  @ArrayMaxSize(120, { message: 'days may list at most 120 dates' })
  @EachIsObject('{"date": "2027-01-01", "kind": "holiday", "nameZh": "元旦", "nameEn": "New Year\'s Day"}')
  @ValidateNested({ each: true })
  @Type(() => HolidayDayDto)
  days!: HolidayDayDto[];
}

export class HolidayYearDto {
  @ApiProperty({ example: 2026 }) year!: number;
  @ApiProperty({ description: 'False: no calendar for this year; slots in it are flagged' }) loaded!: boolean;
  @ApiProperty({ nullable: true }) source!: string | null;
  @ApiProperty({ nullable: true }) loadedAt!: string | null;
  @ApiProperty({ type: [HolidayDayDto] }) days!: HolidayDayDto[];
  @ApiProperty({
    type: [HolidayDayDto],
    description:
      'While the year is not loaded: the fixed-date statutory holidays (全国年节及纪念日放假办法: 1 Jan, 1–2 May, ' +
      '1–3 Oct) that availability and slot search count as days off meanwhile; empty once the year is loaded',
  })
  statutoryDays!: HolidayDayDto[];
}
