import type { EntityManager } from 'typeorm';
import type { ConsultationNeed, InterpreterFacts, WorkingWindow } from './matching';
import { orderedPair } from './matching';
import type { ConsultationRow } from './assignment-store';

interface PoolRow {
  id: string;
  certified_until: string | null;
  late_cancellations: number;
  specialties: { specialty: string; certified: boolean }[];
  working_hours: WorkingWindow[];
  busy: boolean;
  recent_assignments: number;
}

export function needOf(c: ConsultationRow): ConsultationNeed {
  const languages =
    c.patient_language && c.specialist_language
      ? orderedPair(c.patient_language, c.specialist_language)
      : null;
  return {
    consultationId: c.id,
    startsAt: c.starts_at,
    endsAt: c.ends_at,
    languages,
    specialty: c.specialty,
    requiresCertification: c.requires_interpreter_certification,
  };
}

/**
 * Active interpreters who have the consultation's exact language pair (dialect included), with the
 * facts the matcher ranks them by. `busy` looks at live bookings overlapping the consultation.
 */
export async function loadCandidatePool(
  m: EntityManager,
  need: ConsultationNeed,
  now: Date,
): Promise<InterpreterFacts[]> {
  if (!need.languages) return [];
  const [a, b] = need.languages;
  const rows: PoolRow[] = await m.query(
    `SELECT u.id, p.certified_until::text AS certified_until, p.late_cancellations,
            COALESCE((SELECT json_agg(json_build_object('specialty', s.specialty, 'certified', s.certified))
                        FROM interpreter_specialties s WHERE s.interpreter_id = u.id), '[]') AS specialties,
            COALESCE((SELECT json_agg(json_build_object('weekday', w.weekday, 'startMinute', w.start_minute,
                                                        'endMinute', w.end_minute))
                        FROM interpreter_working_hours w WHERE w.interpreter_id = u.id), '[]') AS working_hours,
            EXISTS (SELECT 1 FROM bookings bk WHERE bk.user_id = u.id AND bk.released_at IS NULL
                       AND bk.during && tstzrange($3, $4, '[)')) AS busy,
            (SELECT count(*)::int FROM bookings bk WHERE bk.user_id = u.id AND bk.role = 'interpreter'
                AND bk.released_at IS NULL AND bk.created_at > $5::timestamptz - interval '7 days') AS recent_assignments
       FROM users u
       JOIN interpreter_profiles p ON p.user_id = u.id
       JOIN interpreter_language_pairs lp ON lp.interpreter_id = u.id AND lp.language_a = $1 AND lp.language_b = $2
      WHERE u.role = 'interpreter' AND u.is_active`,
    [a, b, need.startsAt, need.endsAt, now],
  );
  return rows.map((r) => ({
    interpreterId: r.id,
    pairs: [[a, b] as const],
    specialties: r.specialties,
    certifiedUntil: r.certified_until,
    workingHours: r.working_hours,
    busy: r.busy,
    recentAssignments: r.recent_assignments,
    lateCancellations: r.late_cancellations,
  }));
}
