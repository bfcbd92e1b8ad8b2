import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { Clock } from '@yiqiao/domain';
import { loadCandidatePool, matchInterpreters, needOf, type ConsultationRow } from '@yiqiao/interpreters';
import { notFound, ScopeService, type AuthUser } from '../auth';

/** The coordinator's view: assignments by state (escalations on the dashboard) and one consultation's trail. */
@Injectable()
export class AssignmentBoardRepository {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly scope: ScopeService,
    private readonly clock: Clock,
  ) {}

  async list(user: AuthUser, state: string | undefined): Promise<unknown[]> {
    const institutions = await this.scope.visibleInstitutionIds(user);
    return this.db.query(
      `SELECT a.consultation_id AS "consultationId", a.state, a.interpreter_id AS "interpreterId", a.round,
              a.escalation_reasons AS "escalationReasons", a.escalation_details AS "escalationDetails",
              a.escalated_at AS "escalatedAt", a.updated_at AS "updatedAt", c.starts_at AS "startsAt",
              c.patient_language AS "patientLanguage", c.specialist_language AS "specialistLanguage",
              d.name AS department
         FROM interpreter_assignments a
         JOIN consultations c ON c.id = a.consultation_id
         JOIN departments d ON d.id = c.department_id
        WHERE ($1::uuid[] IS NULL OR a.institution_id = ANY($1)) AND ($2::text IS NULL OR a.state::text = $2)
        ORDER BY c.starts_at LIMIT 500`,
      [institutions, state ?? null],
    );
  }

  /** Who was offered, when, and what they answered, plus the audit steps, oldest first. */
  async trail(user: AuthUser, consultationId: string): Promise<unknown> {
    const [assignment] = await this.db.query(
      `SELECT a.consultation_id AS "consultationId", a.institution_id AS "institutionId", a.state,
              a.interpreter_id AS "interpreterId", a.assigned_by AS "assignedBy", a.round,
              a.excluded_interpreter_ids AS "excludedInterpreterIds", a.escalation_reasons AS "escalationReasons",
              a.escalation_details AS "escalationDetails", a.escalated_at AS "escalatedAt"
         FROM interpreter_assignments a WHERE a.consultation_id = $1`,
      [consultationId],
    );
    if (!assignment || !(await this.scope.canSeeInstitution(user, assignment.institutionId))) {
      throw notFound('Interpreter assignment for consultation', consultationId);
    }
    const offers = await this.db.query(
      `SELECT o.id, o.interpreter_id AS "interpreterId", u.full_name AS "interpreterName", o.round, o.state,
              o.offered_at AS "offeredAt", o.deadline, o.answered_at AS "answeredAt", o.answer_reason AS "answerReason",
              o.rank, o.score
         FROM interpreter_offers o JOIN users u ON u.id = o.interpreter_id
        WHERE o.consultation_id = $1 ORDER BY o.offered_at, o.rank`,
      [consultationId],
    );
    const events = await this.db.query(
      `SELECT occurred_at AS "occurredAt", actor_id AS "actorId", actor_role AS "actorRole", action, details
         FROM audit_events
        WHERE entity_type = 'consultation' AND entity_id = $1 AND action LIKE 'interpreter_assignment.%'
        ORDER BY occurred_at, id`,
      [consultationId],
    );
    return { ...assignment, offers, events };
  }

  /** Qualified, free interpreters for the override picker, best first (working hours only noted). */
  async candidates(user: AuthUser, consultationId: string): Promise<unknown[]> {
    const [row]: ConsultationRow[] = await this.db.query(
      `SELECT c.id, c.institution_id, c.patient_id, c.status, c.starts_at, c.ends_at, c.interpreter_id,
              c.interpreter_required, c.patient_language, c.specialist_language, d.specialty,
              i.requires_interpreter_certification
         FROM consultations c JOIN departments d ON d.id = c.department_id JOIN institutions i ON i.id = c.institution_id
        WHERE c.id = $1`,
      [consultationId],
    );
    if (!row || !(await this.scope.canSeeInstitution(user, row.institution_id)))
      throw notFound('Consultation', consultationId);
    const need = needOf(row);
    const pool = await loadCandidatePool(this.db.manager, need, this.clock.now());
    const inHours = new Set(matchInterpreters(need, pool).ranked.map((c) => c.interpreterId));
    const anyHours = matchInterpreters(
      need,
      pool.map((f) => ({ ...f, workingHours: [] })),
    );
    const names: { id: string; full_name: string }[] = await this.db.query(
      `SELECT id, full_name FROM users WHERE id = ANY($1)`,
      [anyHours.ranked.map((c) => c.interpreterId)],
    );
    const nameOf = new Map(names.map((n) => [n.id, n.full_name]));
    return anyHours.ranked.map((c) => ({
      interpreterId: c.interpreterId,
      name: nameOf.get(c.interpreterId) ?? '',
      rank: c.rank,
      score: c.score,
      withinWorkingHours: inHours.has(c.interpreterId),
    }));
  }
}
