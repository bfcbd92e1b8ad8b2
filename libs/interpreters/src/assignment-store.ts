import type { EntityManager } from 'typeorm';
import { recordAudit } from '@yiqiao/persistence';
import type { Actor } from './effects';

export type AssignmentState = 'searching' | 'offered' | 'assigned' | 'escalated' | 'cancelled';
export type OfferState = 'offered' | 'accepted' | 'declined' | 'expired' | 'withdrawn';

export interface ConsultationRow {
  id: string;
  institution_id: string;
  patient_id: string;
  status: string;
  starts_at: Date;
  ends_at: Date;
  interpreter_id: string | null;
  interpreter_required: boolean;
  patient_language: string | null;
  specialist_language: string | null;
  specialty: string;
  requires_interpreter_certification: boolean;
}

export interface AssignmentRow {
  consultation_id: string;
  institution_id: string;
  state: AssignmentState;
  interpreter_id: string | null;
  round: number;
  excluded_interpreter_ids: string[];
  /** Set while a close consultation's coordinators are alerted (`inside_cutoff`) or once escalated. */
  escalation_reasons: string[];
}

export interface OfferRow {
  id: string;
  consultation_id: string;
  interpreter_id: string;
  round: number;
  state: OfferState;
  offered_at: Date;
  deadline: Date;
  answered_at: Date | null;
  answer_reason: string | null;
}

/**
 * A consultation still ahead of its call: booked, or with the patient already in the waiting room.
 * Both still need (and may still get) an interpreter.
 */
export function beforeTheCall(status: string): boolean {
  return status === 'scheduled' || status === 'waiting';
}

/** Locks the consultation row (always first, like the scheduling service) and reads what matching needs. */
export async function lockConsultation(m: EntityManager, id: string): Promise<ConsultationRow | undefined> {
  const rows: ConsultationRow[] = await m.query(
    `SELECT c.id, c.institution_id, c.patient_id, c.status, c.starts_at, c.ends_at, c.interpreter_id,
            c.interpreter_required, c.patient_language, c.specialist_language, d.specialty,
            i.requires_interpreter_certification
       FROM consultations c
       JOIN departments d ON d.id = c.department_id
       JOIN institutions i ON i.id = c.institution_id
      WHERE c.id = $1
        FOR UPDATE OF c`,
    [id],
  );
  return rows[0];
}

export async function lockAssignment(
  m: EntityManager,
  consultationId: string,
): Promise<AssignmentRow | undefined> {
  const rows: AssignmentRow[] = await m.query(
    `SELECT consultation_id, institution_id, state, interpreter_id, round, excluded_interpreter_ids,
            escalation_reasons
       FROM interpreter_assignments WHERE consultation_id = $1 FOR UPDATE`,
    [consultationId],
  );
  return rows[0];
}

export async function findOffer(
  m: EntityManager,
  offerId: string,
  lock = false,
): Promise<OfferRow | undefined> {
  const rows: OfferRow[] = await m.query(
    `SELECT id, consultation_id, interpreter_id, round, state, offered_at, deadline, answered_at, answer_reason
       FROM interpreter_offers WHERE id = $1 ${lock ? 'FOR UPDATE' : ''}`,
    [offerId],
  );
  return rows[0];
}

export async function roundOffers(
  m: EntityManager,
  consultationId: string,
  round: number,
): Promise<OfferRow[]> {
  return m.query(
    `SELECT id, consultation_id, interpreter_id, round, state, offered_at, deadline, answered_at, answer_reason
       FROM interpreter_offers WHERE consultation_id = $1 AND round = $2 ORDER BY offered_at`,
    [consultationId, round],
  );
}

export async function setAssignment(
  m: EntityManager,
  consultationId: string,
  changes: Partial<{
    state: AssignmentState;
    interpreterId: string | null;
    assignedBy: string | null;
    round: number;
    excluded: string[];
    escalation: { reasons: string[]; details: Record<string, unknown> } | null;
  }>,
): Promise<void> {
  const sets: string[] = ['updated_at = now()'];
  const values: unknown[] = [consultationId];
  const add = (column: string, value: unknown) => {
    values.push(value);
    sets.push(`${column} = $${values.length}`);
  };
  if (changes.state !== undefined) add('state', changes.state);
  if (changes.interpreterId !== undefined) add('interpreter_id', changes.interpreterId);
  if (changes.assignedBy !== undefined) add('assigned_by', changes.assignedBy);
  if (changes.round !== undefined) add('round', changes.round);
  if (changes.excluded !== undefined) add('excluded_interpreter_ids', changes.excluded);
  if (changes.escalation !== undefined) {
    add('escalation_reasons', changes.escalation?.reasons ?? []);
    add('escalation_details', JSON.stringify(changes.escalation?.details ?? {}));
    sets.push(changes.escalation ? 'escalated_at = now()' : 'escalated_at = NULL');
  }
  await m.query(`UPDATE interpreter_assignments SET ${sets.join(', ')} WHERE consultation_id = $1`, values);
}

/**
 * Runs an `UPDATE … RETURNING` and returns the updated rows. TypeORM's postgres driver answers an UPDATE
 * with `[rows, rowCount]`, not with the rows as for a SELECT or INSERT; iterating that pair directly gave
 * undefined ids, so the follow-up steps of withdrawn offers were lost.
 */
export async function updateReturning<T>(m: EntityManager, sql: string, params: unknown[]): Promise<T[]> {
  const result: unknown = await m.query(sql, params);
  if (!Array.isArray(result) || !Array.isArray(result[0]) || typeof result[1] !== 'number') {
    throw new Error('Expected [rows, rowCount] from an UPDATE … RETURNING');
  }
  return result[0] as T[];
}

/** Closes open offers (of one consultation, optionally except one) and returns them. */
export async function closeOpenOffers(
  m: EntityManager,
  consultationId: string,
  state: Extract<OfferState, 'withdrawn' | 'expired'>,
  reason: string,
  filter: { exceptOfferId?: string; onlyDueBy?: Date } = {},
): Promise<OfferRow[]> {
  return updateReturning<OfferRow>(
    m,
    `UPDATE interpreter_offers SET state = $2, answered_at = now(), answer_reason = $3
      WHERE consultation_id = $1 AND state = 'offered'
        AND ($4::uuid IS NULL OR id <> $4) AND ($5::timestamptz IS NULL OR deadline <= $5)
      RETURNING id, consultation_id, interpreter_id, round, state, offered_at, deadline, answered_at, answer_reason`,
    [consultationId, state, reason, filter.exceptOfferId ?? null, filter.onlyDueBy ?? null],
  );
}

export interface AuditStep {
  actor: Actor | null;
  action: string;
  consultationId: string;
  institutionId: string;
  details?: Record<string, unknown>;
}

/** Every assignment step is audited against the consultation, so its trail is one query. */
export async function auditStep(m: EntityManager, step: AuditStep): Promise<void> {
  await recordAudit(m, {
    actorId: step.actor?.id ?? null,
    actorRole: step.actor?.role ?? null,
    action: `interpreter_assignment.${step.action}`,
    entityType: 'consultation',
    entityId: step.consultationId,
    institutionId: step.institutionId,
    details: step.details,
  });
}
