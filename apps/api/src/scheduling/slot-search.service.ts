import { Injectable } from '@nestjs/common';
import {
  Clock,
  findSlots,
  horizonEnd,
  noticeBoundary,
  noticeMinutesFor,
  PatientHours,
  Role,
  shanghaiDate,
  TwoClockSpan,
  twoClocks,
} from '@yiqiao/domain';
import { SchedulingRepository, SpecialistInfo } from './scheduling.repository';
import { consultationMinutes, shanghaiRange, WorkingTimeService } from './working-time.service';

export interface SlotSearch {
  specialists: SpecialistInfo[];
  departmentId: string | null;
  /** Shanghai calendar days, both included. */
  from: string;
  to: string;
  patientId: string | null;
  patientHours: PatientHours;
  /** Coordinators see slots in years without a loaded holiday calendar (flagged); patients do not. */
  includeUnconfirmedYears: boolean;
  /** Who asks: only slots they could book are offered (patients' notice for patients, else coordinators'). */
  callerRole: Role;
}

export interface Slot extends TwoClockSpan {
  specialistId: string;
  specialistName: string;
  departmentId: string | null;
  durationMinutes: number;
  /** False when the day's year has no holiday calendar loaded: the day may be a public holiday. */
  calendarConfirmed: boolean;
}

export interface CalendarNotice {
  date: string;
  kind: 'holiday' | 'makeup_workday';
  nameEn: string;
  nameZh: string;
  /** A fixed-date statutory holiday assumed because the year's notice is not loaded yet. */
  provisional: boolean;
}

export interface SlotSearchResult {
  slots: Slot[];
  calendarMissingYears: number[];
  calendarDays: CalendarNotice[];
}

@Injectable()
export class SlotSearchService {
  constructor(
    private readonly repository: SchedulingRepository,
    private readonly workingTime: WorkingTimeService,
    private readonly clock: Clock,
  ) {}

  async search(search: SlotSearch): Promise<SlotSearchResult> {
    const range = shanghaiRange(search.from, search.to);
    const { windows, calendar, institutions } = await this.workingTime.forSpecialists(
      search.specialists,
      search.departmentId,
      search.from,
      search.to,
    );
    const people = search.specialists.map((s) => s.id);
    if (search.patientId) people.push(search.patientId);
    const busy = await this.repository.busy(people, range);
    const patientBusy = search.patientId ? (busy.get(search.patientId) ?? []) : [];
    const missing = new Set(calendar.missingYears);
    const now = this.clock.now();

    const slots: Slot[] = [];
    for (const specialist of search.specialists) {
      const durationMinutes = consultationMinutes(specialist, search.departmentId);
      const departmentId = search.departmentId ?? specialist.departments[0]?.id ?? null;
      const institution = institutions.get(specialist.institutionId);
      const found = findSlots({
        windows: windows.get(specialist.id) ?? [],
        durationMinutes,
        busy: [...(busy.get(specialist.id) ?? []), ...patientBusy],
        bufferMinutes: institution?.bufferMinutes ?? 0,
        patientHours: search.patientHours,
        now,
        notBefore: institution
          ? noticeBoundary(now, noticeMinutesFor(search.callerRole, institution.notice))
          : undefined,
      });
      const lastStart = institution ? horizonEnd(now, institution.horizonMonths) : null;
      for (const slot of found) {
        if (lastStart && slot.start >= lastStart) continue;
        const calendarConfirmed = !missing.has(Number(shanghaiDate(slot.start).slice(0, 4)));
        if (!calendarConfirmed && !search.includeUnconfirmedYears) continue;
        slots.push({
          ...twoClocks(slot, search.patientHours.zone),
          specialistId: specialist.id,
          specialistName: specialist.fullName,
          departmentId,
          durationMinutes,
          calendarConfirmed,
        });
      }
    }
    slots.sort(
      (a, b) => a.startsAt.localeCompare(b.startsAt) || a.specialistName.localeCompare(b.specialistName),
    );
    return {
      slots,
      calendarMissingYears: calendar.missingYears,
      calendarDays: [...calendar.days.values()].map(({ date, kind, nameEn, nameZh, provisional }) => ({
        date,
        kind,
        nameEn,
        nameZh,
        provisional: provisional === true,
      })),
    };
  }
}
