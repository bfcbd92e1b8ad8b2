import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A year whose mainland holiday calendar has been loaded; a year without a row is flagged, not guessed. */
@Entity('holiday_calendar_years')
export class HolidayCalendarYear {
  @PrimaryColumn('smallint') year!: number;
  @Column('text') source!: string;
  @Column('uuid', { name: 'loaded_by', nullable: true }) loadedBy!: string | null;
  @Column('timestamptz', { name: 'loaded_at' }) loadedAt!: Date;
}

/** A public holiday, or a make-up working day (调休) with the weekday whose schedule it follows. */
@Entity('holiday_calendar_days')
export class HolidayCalendarDay {
  @PrimaryColumn('date') date!: string;
  @Column('smallint') year!: number;
  @Column({ type: 'enum', enumName: 'holiday_kind', enum: ['holiday', 'makeup_workday'] })
  kind!: 'holiday' | 'makeup_workday';
  @Column('text', { name: 'name_zh' }) nameZh!: string;
  @Column('text', { name: 'name_en' }) nameEn!: string;
  @Column('smallint', { name: 'schedule_weekday', nullable: true }) scheduleWeekday!: number | null;
}
