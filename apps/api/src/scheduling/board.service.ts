import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { DateTime } from 'luxon';
import { SHANGHAI_ZONE, subtractIntervals, zonedSpan, type NoShowParty } from '@yiqiao/domain';
import type { BoardConsultationDto, BoardDto } from './board.dto';
import { SchedulingRepository } from './scheduling.repository';
import { shanghaiRange, WorkingTimeService } from './working-time.service';

interface BoardRow {
  id: string;
  specialist_id: string;
  status: string;
  no_show_party: NoShowParty | null;
  patient_name: string;
  patient_time_zone: string;
  interpreter_required: boolean;
  interpreter_name: string | null;
  starts_at: Date;
  ends_at: Date;
}

/** The coordinator's day or week: per specialist, consultations, free and busy time, in Shanghai time. */
@Injectable()
export class BoardService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly repository: SchedulingRepository,
    private readonly workingTime: WorkingTimeService,
  ) {}

  async board(institutionIds: string[], date: string, view: 'day' | 'week'): Promise<BoardDto> {
    const day = DateTime.fromISO(date, { zone: SHANGHAI_ZONE });
    const from = view === 'week' ? (day.startOf('week').toISODate() as string) : date;
    const to = view === 'week' ? (day.endOf('week').toISODate() as string) : date;
    const range = shanghaiRange(from, to);
    const specialists = (
      await Promise.all(institutionIds.map((institutionId) => this.repository.specialists({ institutionId })))
    ).flat();
    const ids = specialists.map((s) => s.id);
    const [time, busy, rows] = await Promise.all([
      this.workingTime.forSpecialists(specialists, null, from, to),
      this.repository.busy(ids, range),
      this.dataSource.query(
        `SELECT c.id, c.specialist_id, c.status, c.no_show_party, p.full_name AS patient_name, p.time_zone AS patient_time_zone,
                c.interpreter_required, i.full_name AS interpreter_name, c.starts_at, c.ends_at
           FROM consultations c JOIN users p ON p.id = c.patient_id LEFT JOIN users i ON i.id = c.interpreter_id
          WHERE c.specialist_id = ANY($1) AND c.starts_at < $3 AND c.ends_at > $2 AND c.institution_id = ANY($4)
          ORDER BY c.starts_at`,
        [ids, range.start, range.end, institutionIds],
      ) as Promise<BoardRow[]>,
    ]);
    const shanghai = (span: { start: Date; end: Date }) => zonedSpan(span, SHANGHAI_ZONE);
    return {
      view,
      from,
      to,
      zone: SHANGHAI_ZONE,
      calendarMissingYears: time.calendar.missingYears,
      calendarDays: [...time.calendar.days.values()].map(
        ({ date: d, kind, nameEn, nameZh, provisional }) => ({
          date: d,
          kind,
          nameEn,
          nameZh,
          provisional: provisional === true,
        }),
      ),
      specialists: specialists.map((s) => {
        const booked = busy.get(s.id) ?? [];
        return {
          id: s.id,
          fullName: s.fullName,
          consultations: rows
            .filter((r) => r.specialist_id === s.id)
            .map((r): BoardConsultationDto => ({
              id: r.id,
              status: r.status,
              noShowParty: r.no_show_party,
              patientName: r.patient_name,
              interpreterRequired: r.interpreter_required,
              interpreterName: r.interpreter_name,
              shanghai: shanghai({ start: r.starts_at, end: r.ends_at }),
              patient: zonedSpan({ start: r.starts_at, end: r.ends_at }, r.patient_time_zone),
            })),
          free: subtractIntervals(time.windows.get(s.id) ?? [], booked).map(shanghai),
          busy: booked.map(shanghai),
        };
      }),
    };
  }
}
