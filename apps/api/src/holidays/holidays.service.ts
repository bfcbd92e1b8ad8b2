import { BadRequestException, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { statutoryFixedHolidays, type IsoWeekday } from '@yiqiao/domain';
import { recordAudit, replaceHolidayYear } from '@yiqiao/persistence';
import type { AuthUser } from '../auth';
import type { HolidayYearDto, LoadHolidayYearDto } from './holidays.dto';

@Injectable()
export class HolidaysService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async year(year: number): Promise<HolidayYearDto> {
    const [meta] = (await this.dataSource.query(
      `SELECT source, loaded_at FROM holiday_calendar_years WHERE year = $1`,
      [year],
    )) as { source: string; loaded_at: Date }[];
    const days = (await this.dataSource.query(
      `SELECT date::text AS date, kind, name_zh AS "nameZh", name_en AS "nameEn", schedule_weekday AS "scheduleWeekday"
         FROM holiday_calendar_days WHERE year = $1 ORDER BY date`,
      [year],
    )) as HolidayYearDto['days'];
    return {
      year,
      loaded: Boolean(meta),
      source: meta?.source ?? null,
      loadedAt: meta ? meta.loaded_at.toISOString() : null,
      days: days.map((d) => (d.scheduleWeekday === null ? { ...d, scheduleWeekday: undefined } : d)),
      statutoryDays: meta
        ? []
        : statutoryFixedHolidays(year).map(({ date, kind, nameZh, nameEn }) => ({
            date,
            kind,
            nameZh,
            nameEn,
          })),
    };
  }

  async load(user: AuthUser, year: number, dto: LoadHolidayYearDto): Promise<HolidayYearDto> {
    const problems: string[] = [];
    const seen = new Set<string>();
    for (const day of dto.days) {
      if (!day.date.startsWith(`${year}-`)) problems.push(`${day.date} is not in ${year}`);
      if (seen.has(day.date)) problems.push(`${day.date} is listed twice`);
      seen.add(day.date);
      if (day.kind === 'makeup_workday' && day.scheduleWeekday === undefined) {
        problems.push(
          `${day.date} is a make-up working day: give scheduleWeekday (the weekday whose schedule applies)`,
        );
      }
      if (day.kind === 'holiday' && day.scheduleWeekday !== undefined) {
        problems.push(`${day.date} is a holiday: scheduleWeekday applies only to make-up working days`);
      }
    }
    if (problems.length > 0)
      throw new BadRequestException({ statusCode: 400, error: 'Bad Request', message: problems });
    await this.dataSource.transaction(async (manager) => {
      await replaceHolidayYear(
        manager,
        {
          year,
          source: dto.source,
          days: dto.days.map((d) => ({
            date: d.date,
            kind: d.kind,
            nameZh: d.nameZh,
            nameEn: d.nameEn,
            scheduleWeekday: (d.scheduleWeekday ?? null) as IsoWeekday | null,
          })),
        },
        user.id,
      );
      await recordAudit(manager, {
        actorId: user.id,
        actorRole: user.role,
        action: 'holiday_calendar.loaded',
        entityType: 'holiday_calendar_year',
        entityId: String(year),
        details: { source: dto.source, days: dto.days.length },
      });
    });
    return this.year(year);
  }
}
