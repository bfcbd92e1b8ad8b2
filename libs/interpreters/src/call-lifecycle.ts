import type { EntityManager } from 'typeorm';
import {
  auditStep,
  closeOpenOffers,
  lockAssignment,
  lockConsultation,
  setAssignment,
} from './assignment-store';
import { StepEffects, type Actor } from './effects';

/**
 * The call has begun (or is over): nobody can be offered it any more. Open offers are withdrawn with
 * `cause`; an assigned interpreter stays assigned, a search without one is closed (`cancelled`).
 * Idempotent: a second run finds nothing to withdraw and changes nothing.
 */
export async function closeSearchAtCall(
  m: EntityManager,
  consultationId: string,
  actor: Actor | null,
  cause: string,
): Promise<StepEffects> {
  const effects = new StepEffects();
  const c = await lockConsultation(m, consultationId);
  const assignment = await lockAssignment(m, consultationId);
  if (!c || !assignment || assignment.state === 'cancelled') return effects;
  const withdrawn = await closeOpenOffers(m, consultationId, 'withdrawn', cause);
  const interpreterId = c.interpreter_id;
  const unchanged = assignment.state === 'assigned' && assignment.interpreter_id === interpreterId;
  if (unchanged && withdrawn.length === 0) return effects;
  await setAssignment(
    m,
    consultationId,
    interpreterId ? { state: 'assigned', interpreterId } : { state: 'cancelled' },
  );
  await auditStep(m, {
    actor,
    action: 'search_closed',
    consultationId,
    institutionId: assignment.institution_id,
    details: { cause, interpreterId, withdrawnOffers: withdrawn.map((o) => o.id) },
  });
  return effects;
}
