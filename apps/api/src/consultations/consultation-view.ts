import type { DataSource, EntityManager } from 'typeorm';
import { DateTime } from 'luxon';
import type { ConsultationStatus, EndCause, NoShowParty } from '@yiqiao/domain';
import { twoClocks, zonedSpan } from '@yiqiao/domain';
import { joinWindowOfRow } from '@yiqiao/persistence';
import type { ConsultationDto } from './consultations.dto';

export interface ConsultationRow {
  id: string;
  status: ConsultationStatus;
  institution_id: string;
  department_id: string;
  request_id: string | null;
  specialist_id: string;
  specialist_name: string;
  patient_id: string;
  patient_name: string;
  patient_time_zone: string;
  interpreter_id: string | null;
  interpreter_name: string | null;
  interpreter_required: boolean;
  patient_language: string | null;
  specialist_language: string | null;
  starts_at: Date;
  ends_at: Date;
  cancel_reason: string | null;
  cancelled_at: Date | null;
  opened_early_at: Date | null;
  opened_early_by_name: string | null;
  opened_early_reason: string | null;
  no_show_party: NoShowParty | null;
  end_cause: EndCause | null;
  started_at: Date | null;
  ended_at: Date | null;
  join_lead_minutes: number;
  staff_join_lead_minutes: number;
  join_grace_minutes: number;
  version: number;
}

/** SELECT list + joins giving a ConsultationRow; callers add WHERE / ORDER BY. */
export const CONSULTATION_SELECT = `
  SELECT c.id, c.status, c.institution_id, c.department_id, c.request_id,
         c.specialist_id, s.full_name AS specialist_name,
         c.patient_id, p.full_name AS patient_name, p.time_zone AS patient_time_zone,
         c.interpreter_id, i.full_name AS interpreter_name, c.interpreter_required,
         c.patient_language, c.specialist_language, c.starts_at, c.ends_at,
         c.cancel_reason, c.cancelled_at, c.opened_early_at, oe.full_name AS opened_early_by_name,
         c.opened_early_reason, c.no_show_party, c.end_cause, c.started_at, c.ended_at,
         inst.join_lead_minutes, inst.staff_join_lead_minutes, inst.join_grace_minutes, c.version
    FROM consultations c
    JOIN institutions inst ON inst.id = c.institution_id
    JOIN users s ON s.id = c.specialist_id
    JOIN users p ON p.id = c.patient_id
    LEFT JOIN users i ON i.id = c.interpreter_id
    LEFT JOIN users oe ON oe.id = c.opened_early_by`;

const iso = (d: Date) => DateTime.fromJSDate(d).toUTC().toISO() as string;
const isoOrNull = (d: Date | null) => (d ? iso(d) : null);

export async function loadConsultation(
  db: DataSource | EntityManager,
  id: string,
): Promise<ConsultationRow | null> {
  const [row] = (await db.query(`${CONSULTATION_SELECT} WHERE c.id = $1`, [id])) as ConsultationRow[];
  return row ?? null;
}

export function toConsultationDto(row: ConsultationRow): ConsultationDto {
  const span = { start: row.starts_at, end: row.ends_at };
  const clocks = twoClocks(span, row.patient_time_zone);
  const window = joinWindowOfRow(row);
  return {
    id: row.id,
    status: row.status,
    institutionId: row.institution_id,
    departmentId: row.department_id,
    requestId: row.request_id,
    specialist: { id: row.specialist_id, fullName: row.specialist_name },
    patient: { id: row.patient_id, fullName: row.patient_name, timeZone: row.patient_time_zone },
    interpreter: row.interpreter_id ? { id: row.interpreter_id, fullName: row.interpreter_name ?? '' } : null,
    interpreterRequired: row.interpreter_required,
    patientLanguage: row.patient_language,
    specialistLanguage: row.specialist_language,
    time: {
      startsAt: clocks.startsAt,
      endsAt: clocks.endsAt,
      shanghai: clocks.shanghai,
      patient: zonedSpan(span, row.patient_time_zone),
    },
    cancelReason: row.cancel_reason,
    cancelledAt: isoOrNull(row.cancelled_at),
    joinWindow: {
      participantsOpenAt: iso(window.participantsOpenAt),
      staffOpenAt: iso(window.staffOpenAt),
      closesAt: iso(window.closesAt),
    },
    openedEarly:
      row.opened_early_at && row.opened_early_reason
        ? {
            at: iso(row.opened_early_at),
            byName: row.opened_early_by_name ?? '',
            reason: row.opened_early_reason,
          }
        : null,
    startedAt: isoOrNull(row.started_at),
    endedAt: isoOrNull(row.ended_at),
    noShowParty: row.no_show_party,
    endCause: row.end_cause,
    version: row.version,
  };
}
