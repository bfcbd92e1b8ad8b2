import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { DateTime } from 'luxon';
import { Interval, SHANGHAI_ZONE, wallClock, workingWindows } from '@yiqiao/domain';
import {
  CalendarRange,
  InstitutionRules,
  SchedulingRepository,
  SpecialistInfo,
} from './scheduling.repository';

export interface WorkingTime {
  windows: Map<string, Interval[]>;
  calendar: CalendarRange;
  institutions: Map<string, InstitutionRules>;
}

/** The whole Shanghai days from `from` to `to` as one UTC interval. */
export function shanghaiRange(from: string, to: string): Interval {
  return {
    start: wallClock(from, '00:00').toJSDate(),
    end: wallClock(to, '00:00').plus({ days: 1 }).toJSDate(),
  };
}

/** The Shanghai days that an instant range touches, widened by one day on each side. */
export function shanghaiDaysAround(span: Interval): { from: string; to: string } {
  return {
    from: DateTime.fromJSDate(span.start, { zone: SHANGHAI_ZONE }).minus({ days: 1 }).toISODate() as string,
    to: DateTime.fromJSDate(span.end, { zone: SHANGHAI_ZONE }).plus({ days: 1 }).toISODate() as string,
  };
}

export function consultationMinutes(specialist: SpecialistInfo, departmentId: string | null): number {
  if (specialist.consultationMinutes) return specialist.consultationMinutes;
  const department =
    specialist.departments.find((d) => d.id === departmentId) ?? specialist.departments[0] ?? null;
  return department?.defaultMinutes ?? 30;
}

/** Working windows of specialists over Shanghai days, from rules, exceptions and the holiday calendar. */
@Injectable()
export class WorkingTimeService {
  constructor(private readonly repository: SchedulingRepository) {}

  async forSpecialists(
    specialists: SpecialistInfo[],
    departmentId: string | null,
    from: string,
    to: string,
    manager?: EntityManager,
  ): Promise<WorkingTime> {
    const ids = specialists.map((s) => s.id);
    // One after another: inside a transaction they share one connection.
    const rules = await this.repository.weeklyRules(ids, departmentId, manager);
    const exceptions = await this.repository.exceptions(ids, shanghaiRange(from, to), manager);
    const calendar = await this.repository.calendar(from, to, manager);
    const institutions = new Map<string, InstitutionRules>();
    for (const institutionId of new Set(specialists.map((s) => s.institutionId))) {
      institutions.set(institutionId, await this.repository.institutionRules(institutionId, manager));
    }
    const windows = new Map<string, Interval[]>();
    for (const specialist of specialists) {
      const institution = institutions.get(specialist.institutionId) as InstitutionRules;
      windows.set(
        specialist.id,
        workingWindows({
          rules: rules.get(specialist.id) ?? [],
          exceptions: exceptions.get(specialist.id) ?? [],
          calendar: calendar.days,
          makeupRule: institution.makeupRule,
          from,
          to,
        }),
      );
    }
    return { windows, calendar, institutions };
  }
}
