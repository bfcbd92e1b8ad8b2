import { Inject, Injectable, UnprocessableEntityException } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { DateTime } from 'luxon';
import {
  beyondHorizon,
  clearOfBusy,
  Clock,
  earliestBookableStart,
  insideCutoff,
  insideWindows,
  Interval,
  keepsNotice,
  lastBookableDay,
  noticeMinutesFor,
  Role,
  shanghaiDate,
  SHANGHAI_ZONE,
  zonedSpan,
} from '@yiqiao/domain';
import type { OfferPolicy } from '@yiqiao/interpreters';
import { INTERPRETER_POLICY } from '../interpreters/interpreter-policy';
import { beyondHorizon as beyondHorizonError } from '../scheduling/booking-horizon';
import { SchedulingRepository, SpecialistInfo } from '../scheduling/scheduling.repository';
import { shanghaiDaysAround, WorkingTimeService } from '../scheduling/working-time.service';
import { BookingParty, conflictFromBusy } from './booking-conflict';

function unprocessable(
  code: string,
  message: string,
  extra: Record<string, unknown> = {},
): UnprocessableEntityException {
  return new UnprocessableEntityException({
    statusCode: 422,
    error: 'Unprocessable Entity',
    code,
    message,
    ...extra,
  });
}

/** Something a coordinator should know about a booking that still went through. */
export interface BookingWarning {
  /** inside_interpreter_cutoff: an interpreter is still needed and the start is closer than the cut-off. */
  code: 'inside_interpreter_cutoff';
  cutoffMinutes: number;
  /** English, for API clients; the web app translates by code. */
  message: string;
}

/** "2026-03-09 11:30" on Shanghai's wall clock. */
function shanghaiMinute(instant: Date): string {
  return DateTime.fromJSDate(instant, { zone: SHANGHAI_ZONE }).toFormat('yyyy-MM-dd HH:mm');
}

/** "2 hours", "90 minutes", "1 day". */
function duration(minutes: number): string {
  const [n, unit] =
    minutes % 1440 === 0
      ? [minutes / 1440, 'day']
      : minutes % 60 === 0
        ? [minutes / 60, 'hour']
        : [minutes, 'minute'];
  return `${n} ${unit}${n === 1 ? '' : 's'}`;
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
  /** Who books or moves it: decides the minimum notice (patients' or coordinators') and the warnings. */
  actorRole: Role;
  /** The consultation needs an interpreter and has none booked yet (the search will run). */
  interpreterNeeded: boolean;
}

/** The checks every booking and reschedule passes before it writes, and the writing of bookings. */
@Injectable()
export class BookingRulesService {
  constructor(
    private readonly workingTime: WorkingTimeService,
    private readonly repository: SchedulingRepository,
    private readonly clock: Clock,
    @Inject(INTERPRETER_POLICY) private readonly interpreterPolicy: OfferPolicy,
  ) {}

  /**
   * Throws a 422 (with a machine `code`) when the span cannot be booked: in the past, after the
   * institution's booking horizon, inside the caller's minimum notice, outside the specialist's working time, in an unconfirmed year for a patient; a 409
   * when the specialist is busy. Returns the warnings of a booking that may go ahead.
   */
  async assertBookable(manager: EntityManager, check: BookableCheck): Promise<BookingWarning[]> {
    const { span, specialist } = check;
    const now = this.clock.now();
    if (span.start <= now) {
      throw unprocessable(
        'in_past',
        `The start ${span.start.toISOString()} has already passed; pick a future slot (GET /slots)`,
      );
    }
    // Before any day-by-day maths: a start years ahead stops here.
    const { horizonMonths } = await this.repository.institutionRules(specialist.institutionId, manager);
    if (beyondHorizon(span.start, now, horizonMonths)) {
      throw beyondHorizonError(
        `The start ${span.start.toISOString()}`,
        lastBookableDay(now, horizonMonths),
        horizonMonths,
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
    const institution = time.institutions.get(specialist.institutionId);
    const noticeMinutes = institution ? noticeMinutesFor(check.actorRole, institution.notice) : 0;
    if (!keepsNotice(span.start, now, noticeMinutes)) {
      const earliest = earliestBookableStart(now, noticeMinutes);
      const who = check.actorRole === 'patient' ? 'Patients' : 'Coordinators';
      throw unprocessable(
        'notice_too_short',
        `${who} can book a consultation at this hospital no sooner than ${duration(noticeMinutes)} ahead: ` +
          `the earliest start you can pick now is ${shanghaiMinute(earliest)} Shanghai time. Pick a later slot ` +
          '(GET /slots)' +
          (check.actorRole === 'patient' ? ' or ask the hospital coordinator for an earlier time.' : '.'),
        { noticeMinutes, earliestStartsAt: earliest.toISOString() },
      );
    }
    if (!insideWindows(span, time.windows.get(specialist.id) ?? [])) {
      const shown = zonedSpan(span, SHANGHAI_ZONE);
      const date = shanghaiDate(span.start);
      const assumed = time.calendar.days.get(date);
      const why = assumed?.provisional
        ? `${date} is ${assumed.nameEn} (${assumed.nameZh}), a statutory public holiday: the ` +
          `${date.slice(0, 4)} holiday notice is not loaded yet, so the fixed-date holidays count as days off`
        : 'it is outside their availability, time off or a public holiday';
      throw unprocessable(
        'outside_availability',
        `${specialist.fullName} does not work ${shown.start} to ${shown.end} (Shanghai time): ${why}. ` +
          'Pick a slot from GET /slots',
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
    return this.warnings(check, now);
  }

  private warnings(check: BookableCheck, now: Date): BookingWarning[] {
    const cutoffMinutes = this.interpreterPolicy.cutoffMinutes;
    if (
      check.actorRole === 'patient' ||
      !check.interpreterNeeded ||
      !insideCutoff(check.span.start, now, cutoffMinutes)
    ) {
      return [];
    }
    return [
      {
        code: 'inside_interpreter_cutoff',
        cutoffMinutes,
        message:
          `Booked, but an interpreter is still needed and the start is within ${duration(cutoffMinutes)} ` +
          '(the interpreter cut-off): there is little time to find one. Make sure an interpreter accepts or ' +
          'assign one yourself, or move the consultation to a later start.',
      },
    ];
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
