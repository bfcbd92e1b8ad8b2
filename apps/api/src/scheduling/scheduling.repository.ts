import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type {
  AvailabilityException,
  BookingNotice,
  CalendarDay,
  Interval,
  IsoWeekday,
  MakeupDayRule,
  WeeklyRule,
} from '@yiqiao/domain';
import { withStatutoryHolidays, yearsBetween } from '@yiqiao/domain';

export interface InstitutionRules {
  id: string;
  bufferMinutes: number;
  cancellationCutoffMinutes: number;
  rescheduleCutoffMinutes: number;
  allowsPatientSelfBooking: boolean;
  makeupRule: MakeupDayRule;
  /** Minimum notice for a booking's start: patients' own, and coordinators'/administrators'. */
  notice: BookingNotice;
  /** Consultations may start up to this many months ahead, to the Shanghai day (lastBookableDay). */
  horizonMonths: number;
}

export interface SpecialistInfo {
  id: string;
  fullName: string;
  institutionId: string;
  spokenLanguages: string[];
  /** The specialist's own consultation length, if set (else the department's default applies). */
  consultationMinutes: number | null;
  departments: { id: string; defaultMinutes: number }[];
}

export interface CalendarRange {
  /** Loaded calendar rows, plus the fixed-date statutory holidays of missing years (`provisional`). */
  days: Map<string, CalendarDay>;
  /**
   * Years the range touches whose calendar has not been loaded: flagged to coordinators. Only the
   * fixed-date statutory holidays are assumed for them (1 Jan, 1–2 May, 1–3 Oct); nothing else is guessed.
   */
  missingYears: number[];
}

/** Reads everything slot search and booking need from PostgreSQL, in one place. */
@Injectable()
export class SchedulingRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private db(manager?: EntityManager): DataSource | EntityManager {
    return manager ?? this.dataSource;
  }

  async institutionRules(institutionId: string, manager?: EntityManager): Promise<InstitutionRules> {
    const [row] = await this.db(manager).query(
      `SELECT id, booking_buffer_minutes, cancellation_cutoff_minutes, reschedule_cutoff_minutes,
              allows_patient_self_booking, makeup_day_rule, makeup_fixed_weekday,
              patient_booking_notice_minutes, coordinator_booking_notice_minutes, booking_horizon_months
         FROM institutions WHERE id = $1`,
      [institutionId],
    );
    return {
      id: row.id,
      bufferMinutes: row.booking_buffer_minutes,
      cancellationCutoffMinutes: row.cancellation_cutoff_minutes,
      rescheduleCutoffMinutes: row.reschedule_cutoff_minutes,
      allowsPatientSelfBooking: row.allows_patient_self_booking,
      makeupRule:
        row.makeup_day_rule === 'fixed_weekday'
          ? { kind: 'fixed_weekday', weekday: row.makeup_fixed_weekday as IsoWeekday }
          : { kind: 'calendar_weekday' },
      notice: {
        patientMinutes: row.patient_booking_notice_minutes,
        coordinatorMinutes: row.coordinator_booking_notice_minutes,
      },
      horizonMonths: row.booking_horizon_months,
    };
  }

  async specialists(
    where: { ids?: string[]; departmentId?: string; institutionId?: string },
    manager?: EntityManager,
  ): Promise<SpecialistInfo[]> {
    const rows = (await this.db(manager).query(
      `SELECT u.id, u.full_name, u.institution_id, u.spoken_languages, p.consultation_minutes,
              coalesce(json_agg(json_build_object('id', d.id, 'defaultMinutes', d.default_consultation_minutes)
                       ORDER BY d.code) FILTER (WHERE d.id IS NOT NULL), '[]') AS departments
         FROM users u
         LEFT JOIN specialist_profiles p ON p.user_id = u.id
         LEFT JOIN specialist_departments sd ON sd.specialist_id = u.id
         LEFT JOIN departments d ON d.id = sd.department_id
        WHERE u.role = 'specialist' AND u.is_active
          AND ($1::uuid[] IS NULL OR u.id = ANY($1))
          AND ($2::uuid IS NULL OR EXISTS (SELECT 1 FROM specialist_departments x
                                            WHERE x.specialist_id = u.id AND x.department_id = $2))
          AND ($3::uuid IS NULL OR u.institution_id = $3)
        GROUP BY u.id, p.consultation_minutes
        ORDER BY u.full_name`,
      [where.ids ?? null, where.departmentId ?? null, where.institutionId ?? null],
    )) as {
      id: string;
      full_name: string;
      institution_id: string;
      spoken_languages: string[];
      consultation_minutes: number | null;
      departments: { id: string; defaultMinutes: number }[];
    }[];
    return rows.map((r) => ({
      id: r.id,
      fullName: r.full_name,
      institutionId: r.institution_id,
      spokenLanguages: r.spoken_languages,
      consultationMinutes: r.consultation_minutes,
      departments: r.departments,
    }));
  }

  /** Weekly rules by specialist; rules tied to another department than the one searched are left out. */
  async weeklyRules(
    specialistIds: string[],
    departmentId: string | null,
    manager?: EntityManager,
  ): Promise<Map<string, WeeklyRule[]>> {
    const rows = (await this.db(manager).query(
      `SELECT specialist_id, weekday, to_char(start_local, 'HH24:MI') AS start_local,
              to_char(end_local, 'HH24:MI') AS end_local, effective_from::text AS effective_from,
              effective_until::text AS effective_until
         FROM availability_rules
        WHERE specialist_id = ANY($1) AND ($2::uuid IS NULL OR department_id IS NULL OR department_id = $2)`,
      [specialistIds, departmentId],
    )) as {
      specialist_id: string;
      weekday: IsoWeekday;
      start_local: string;
      end_local: string;
      effective_from: string;
      effective_until: string | null;
    }[];
    const byId = new Map<string, WeeklyRule[]>(specialistIds.map((id) => [id, []]));
    for (const r of rows) {
      byId.get(r.specialist_id)?.push({
        weekday: r.weekday,
        startLocal: r.start_local,
        endLocal: r.end_local,
        effectiveFrom: r.effective_from,
        effectiveUntil: r.effective_until,
      });
    }
    return byId;
  }

  async exceptions(
    specialistIds: string[],
    range: Interval,
    manager?: EntityManager,
  ): Promise<Map<string, AvailabilityException[]>> {
    const rows = (await this.db(manager).query(
      `SELECT specialist_id, kind, starts_at, ends_at FROM availability_exceptions
        WHERE specialist_id = ANY($1) AND starts_at < $3 AND ends_at > $2`,
      [specialistIds, range.start, range.end],
    )) as { specialist_id: string; kind: AvailabilityException['kind']; starts_at: Date; ends_at: Date }[];
    const byId = new Map<string, AvailabilityException[]>(specialistIds.map((id) => [id, []]));
    for (const r of rows)
      byId.get(r.specialist_id)?.push({ kind: r.kind, start: r.starts_at, end: r.ends_at });
    return byId;
  }

  async calendar(from: string, to: string, manager?: EntityManager): Promise<CalendarRange> {
    const years = yearsBetween(from, to);
    const loaded = (await this.db(manager).query(
      `SELECT year FROM holiday_calendar_years WHERE year = ANY($1)`,
      [years],
    )) as { year: number }[];
    const rows = (await this.db(manager).query(
      `SELECT date::text AS date, kind, name_en, name_zh, schedule_weekday
         FROM holiday_calendar_days WHERE date BETWEEN $1 AND $2 ORDER BY date`,
      [from, to],
    )) as {
      date: string;
      kind: CalendarDay['kind'];
      name_en: string;
      name_zh: string;
      schedule_weekday: IsoWeekday | null;
    }[];
    const missingYears = years.filter((y) => !loaded.some((l) => Number(l.year) === y));
    const days = new Map(
      rows.map((r) => [
        r.date,
        {
          date: r.date,
          kind: r.kind,
          nameEn: r.name_en,
          nameZh: r.name_zh,
          scheduleWeekday: r.schedule_weekday,
        },
      ]),
    );
    return { days: withStatutoryHolidays(days, missingYears, from, to), missingYears };
  }

  /** Live bookings of these people overlapping a range, optionally ignoring one consultation. */
  async busy(
    userIds: string[],
    range: Interval,
    ignoreConsultationId: string | null = null,
    manager?: EntityManager,
  ): Promise<Map<string, (Interval & { consultationId: string })[]>> {
    const rows = (await this.db(manager).query(
      `SELECT user_id, consultation_id, lower(during) AS starts_at, upper(during) AS ends_at FROM bookings
        WHERE released_at IS NULL AND user_id = ANY($1) AND during && tstzrange($2, $3, '[)')
          AND ($4::uuid IS NULL OR consultation_id <> $4)`,
      [userIds, range.start, range.end, ignoreConsultationId],
    )) as { user_id: string; consultation_id: string; starts_at: Date; ends_at: Date }[];
    const byId = new Map<string, (Interval & { consultationId: string })[]>(userIds.map((id) => [id, []]));
    for (const r of rows) {
      byId.get(r.user_id)?.push({ start: r.starts_at, end: r.ends_at, consultationId: r.consultation_id });
    }
    return byId;
  }
}
