import { BadRequestException, ConflictException, NotFoundException } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { isPgError, PG_EXCLUSION_VIOLATION } from '@yiqiao/persistence';
import { startAssignment, type AssignmentDeps } from './assignment-engine';
import {
  auditStep,
  beforeTheCall,
  closeOpenOffers,
  lockAssignment,
  lockConsultation,
  setAssignment,
} from './assignment-store';
import { loadCandidatePool, needOf } from './candidate-pool';
import { StepEffects, type Actor } from './effects';
import { evaluateCandidate } from './matching';
import { isLateCancellation } from './offer-policy';

const REJECTION_MESSAGES = {
  language_pair: 'does not interpret this language pair (with this dialect)',
  certification:
    "holds no valid certification for this department's specialty, which the institution requires",
  busy: 'is booked at an overlapping time',
} as const;

/**
 * Coordinator override: books a chosen interpreter directly. They must be qualified and free; working
 * hours are not enforced (the coordinator has arranged it with them), but the audit notes it.
 */
export async function assignDirectly(
  m: EntityManager,
  deps: AssignmentDeps,
  consultationId: string,
  interpreterId: string,
  actor: Actor,
  now: Date,
): Promise<StepEffects> {
  const effects = new StepEffects();
  const c = await lockConsultation(m, consultationId);
  if (!c) throw new NotFoundException(`Consultation ${consultationId} not found`);
  if (!beforeTheCall(c.status))
    throw new ConflictException(
      `The consultation is ${c.status}; only consultations that have not started get interpreters`,
    );
  if (c.interpreter_id === interpreterId) return effects;
  const [person]: { role: string; is_active: boolean }[] = await m.query(
    `SELECT role, is_active FROM users WHERE id = $1`,
    [interpreterId],
  );
  if (!person || person.role !== 'interpreter' || !person.is_active) {
    throw new BadRequestException(`User ${interpreterId} is not an active interpreter`);
  }
  if (c.interpreter_id) await releaseInterpreter(m, c.id);
  const need = needOf(c);
  const facts = (await loadCandidatePool(m, need, now)).find((f) => f.interpreterId === interpreterId);
  const evaluation = facts ? evaluateCandidate(need, facts) : { rejection: 'language_pair' as const };
  if (evaluation.rejection && evaluation.rejection !== 'outside_working_hours') {
    throw new ConflictException(`This interpreter ${REJECTION_MESSAGES[evaluation.rejection]}`);
  }
  try {
    // A conflict aborts the whole override (the transaction rolls back), so no savepoint is needed.
    await m.query(
      `INSERT INTO bookings (consultation_id, user_id, role, during) VALUES ($1, $2, 'interpreter', tstzrange($3, $4, '[)'))`,
      [c.id, interpreterId, c.starts_at, c.ends_at],
    );
  } catch (error) {
    if (isPgError(error, PG_EXCLUSION_VIOLATION))
      throw new ConflictException(`This interpreter ${REJECTION_MESSAGES.busy}`);
    throw error;
  }
  await m.query(
    `UPDATE consultations SET interpreter_id = $2, version = version + 1, updated_at = now() WHERE id = $1`,
    [c.id, interpreterId],
  );
  if (!(await lockAssignment(m, c.id))) {
    await m.query(`INSERT INTO interpreter_assignments (consultation_id, institution_id) VALUES ($1, $2)`, [
      c.id,
      c.institution_id,
    ]);
  }
  await closeOpenOffers(m, c.id, 'withdrawn', 'a coordinator assigned an interpreter directly');
  await setAssignment(m, c.id, { state: 'assigned', interpreterId, assignedBy: actor.id, escalation: null });
  await auditStep(m, {
    actor,
    action: 'assigned_by_coordinator',
    consultationId: c.id,
    institutionId: c.institution_id,
    details: { interpreterId, outsideWorkingHours: evaluation.rejection === 'outside_working_hours' },
  });
  effects.afterCommit.push(
    await deps.notifier.planNotification(m, {
      kind: 'interpreter_confirmed',
      recipientId: interpreterId,
      consultationId: c.id,
      dueAt: now,
      data: { assignedBy: actor.id },
    }),
  );
  return effects;
}

async function releaseInterpreter(m: EntityManager, consultationId: string): Promise<void> {
  await m.query(
    `UPDATE bookings SET released_at = now() WHERE consultation_id = $1 AND role = 'interpreter' AND released_at IS NULL`,
    [consultationId],
  );
  await m.query(
    `UPDATE consultations SET interpreter_id = NULL, version = version + 1, updated_at = now() WHERE id = $1`,
    [consultationId],
  );
}

/**
 * Takes the interpreter off a consultation (a coordinator removing them, or the interpreter cancelling)
 * and restarts the automatic search without them. An interpreter's own cancellation close to the start
 * counts against their reliability.
 */
export async function removeInterpreter(
  m: EntityManager,
  deps: AssignmentDeps,
  consultationId: string,
  actor: Actor,
  now: Date,
): Promise<StepEffects & { removedInterpreterId: string }> {
  const c = await lockConsultation(m, consultationId);
  if (!c) throw new NotFoundException(`Consultation ${consultationId} not found`);
  const removed = c.interpreter_id;
  const byInterpreter = actor.role === 'interpreter';
  if (!removed || (byInterpreter && removed !== actor.id)) {
    throw new NotFoundException(
      byInterpreter
        ? 'You are not the interpreter of this consultation'
        : 'This consultation has no interpreter',
    );
  }
  if (!beforeTheCall(c.status))
    throw new ConflictException(`The consultation is ${c.status}; its interpreter can no longer change`);
  await releaseInterpreter(m, c.id);
  const late = byInterpreter && isLateCancellation(now, c.starts_at, deps.policy);
  if (late)
    await m.query(
      `UPDATE interpreter_profiles SET late_cancellations = late_cancellations + 1 WHERE user_id = $1`,
      [removed],
    );
  await auditStep(m, {
    actor,
    action: byInterpreter ? 'interpreter_cancelled' : 'removed_by_coordinator',
    consultationId: c.id,
    institutionId: c.institution_id,
    details: { interpreterId: removed, late },
  });
  const effects = await startAssignment(
    m,
    c.id,
    actor,
    byInterpreter ? 'the interpreter cancelled' : 'a coordinator removed the interpreter',
    [removed],
  );
  return Object.assign(effects, { removedInterpreterId: removed });
}
