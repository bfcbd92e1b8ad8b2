import { Injectable, UnprocessableEntityException } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  clearOfBusy,
  insideWindows,
  Interval,
  shanghaiDate,
  zonedSpan,
  SHANGHAI_ZONE,
  Clock,
} from '@yiqiao/domain';
import { SchedulingRepository, SpecialistInfo } from '../scheduling/scheduling.repository';
import { shanghaiDaysAround, WorkingTimeService } from '../scheduling/working-time.service';
import { BookingParty, conflictFromBusy } from './booking-conflict';

function unprocessable(code: string, message: string): UnprocessableEntityException {
  return new UnprocessableEntityException({ statusCode: 422, error: 'Unprocessable Entity', code, message });
}

export interface BookableCheck {
  specialist: SpecialistInfo;
  departmentId: string;
  span: Interval;
  bufferMinutes: number;
  /** The consultation being moved, whose own bookings do not count as busy. */
  ignoreConsultationId: string | null;
  /** Patients may not book in a year whose holiday calendar is not loaded; coordinators may. */
  requireConfirmedCalendar: boolean;
}

/** The checks every booking and reschedule passes before it writes, and the writing of bookings. */
@Injectable()
export class BookingRulesService {
  constructor(
    private readonly workingTime: WorkingTimeService,
    private readonly repository: SchedulingRepository,
    private readonly clock: Clock,
  ) {}

  async assertBookable(manager: EntityManager, check: BookableCheck): Promise<void> {
    const { span, specialist } = check;
    if (span.start <= this.clock.now()) {
      throw unprocessable(
        'in_past',
        `The start ${span.start.toISOString()} has already passed; pick a future slot (GET /slots)`,
      );
    }
    const days = shanghaiDaysAround(span);
    const time = await this.workingTime.forSpecialists(
      [specialist],
      check.departmentId,
      days.from,
      days.to,
      manager,
    );
    if (!insideWindows(span, time.windows.get(specialist.id) ?? [])) {
      const shown = zonedSpan(span, SHANGHAI_ZONE);
      throw unprocessable(
        'outside_availability',
        `${specialist.fullName} does not work ${shown.start} to ${shown.end} (Shanghai time): it is outside their ` +
          'availability, time off or a public holiday. Pick a slot from GET /slots',
      );
    }
    const year = Number(shanghaiDate(span.start).slice(0, 4));
    if (check.requireConfirmedCalendar && time.calendar.missingYears.includes(year)) {
      throw unprocessable(
        'calendar_missing',
        `The ${year} holiday calendar is not loaded yet, so this day may be a public holiday; ask the coordinator to book it`,
      );
    }
    const widened = {
      start: new Date(span.start.getTime() - check.bufferMinutes * 60_000),
      end: new Date(span.end.getTime() + check.bufferMinutes * 60_000),
    };
    const busy = await this.repository.busy([specialist.id], widened, check.ignoreConsultationId, manager);
    const clash = (busy.get(specialist.id) ?? []).find((b) => !clearOfBusy(span, [b], check.bufferMinutes));
    if (clash) {
      const why =
        check.bufferMinutes > 0 ? `is booked (with a ${check.bufferMinutes}-minute buffer)` : undefined;
      throw conflictFromBusy('specialist', specialist.id, clash, why);
    }
  }

  /** Inserts one live booking per party; overlaps fail on the bookings_no_overlap constraint. */
  async insertBookings(
    manager: EntityManager,
    consultationId: string,
    parties: readonly BookingParty[],
    span: Interval,
  ): Promise<void> {
    for (const party of parties) {
      await manager.query(
        `INSERT INTO bookings (consultation_id, user_id, role, during) VALUES ($1, $2, $3, tstzrange($4, $5, '[)'))`,
        [consultationId, party.userId, party.role, span.start, span.end],
      );
    }
  }

  async releaseBookings(manager: EntityManager, consultationId: string): Promise<BookingParty[]> {
    const rows = (await manager.query(
      `UPDATE bookings SET released_at = now() WHERE consultation_id = $1 AND released_at IS NULL
       RETURNING user_id, role`,
      [consultationId],
    )) as [{ user_id: string; role: BookingParty['role'] }[], number];
    return rows[0].map((r) => ({ userId: r.user_id, role: r.role }));
  }
}
