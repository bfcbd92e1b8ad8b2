import type { EntityManager } from 'typeorm';
import { matchInterpreters } from './matching';
import { planOffers, type OfferPolicy } from './offer-policy';
import {
  auditStep,
  beforeTheCall,
  closeOpenOffers,
  lockAssignment,
  lockConsultation,
  roundOffers,
  setAssignment,
  type ConsultationRow,
  type OfferRow,
} from './assignment-store';
import { loadCandidatePool, needOf } from './candidate-pool';
import { StepEffects, type Actor } from './effects';
import type { InterpreterNotifier } from './notify';
import { escalate, makeOffers, raiseCloseAlert } from './offer-round';

export interface AssignmentDeps {
  policy: OfferPolicy;
  notifier: InterpreterNotifier;
}

/**
 * A consultation needs automatic assignment when it is ahead of its call (scheduled, or the patient is
 * already waiting), needs an interpreter and has none.
 */
export function needsInterpreter(c: ConsultationRow): boolean {
  return beforeTheCall(c.status) && c.interpreter_required && c.interpreter_id === null;
}

/**
 * (Re)starts the search for a consultation: a new round (everyone may be asked again, e.g. after a
 * reschedule), open offers withdrawn. Called inside the booking/reschedule transaction.
 */
export async function startAssignment(
  m: EntityManager,
  consultationId: string,
  actor: Actor | null,
  cause: string,
  exclude: string[] = [],
): Promise<StepEffects> {
  const effects = new StepEffects();
  const c = await lockConsultation(m, consultationId);
  if (!c) return effects;
  const existing = await lockAssignment(m, consultationId);
  if (!needsInterpreter(c)) {
    if (existing && ['searching', 'offered', 'escalated'].includes(existing.state))
      await settleWithoutSearch(m, c);
    return effects;
  }
  let round = 1;
  if (!existing) {
    await m.query(
      `INSERT INTO interpreter_assignments (consultation_id, institution_id, excluded_interpreter_ids)
       VALUES ($1, $2, $3)`,
      [consultationId, c.institution_id, exclude],
    );
  } else {
    round = existing.round + 1;
    await closeOpenOffers(m, consultationId, 'withdrawn', cause);
    const excluded = [...new Set([...existing.excluded_interpreter_ids, ...exclude])];
    await setAssignment(m, consultationId, {
      state: 'searching',
      interpreterId: null,
      assignedBy: null,
      round,
      excluded,
      escalation: null,
    });
  }
  await auditStep(m, {
    actor,
    action: 'search_started',
    consultationId,
    institutionId: c.institution_id,
    details: { cause, round },
  });
  effects.assign(consultationId, round, 'start');
  return effects;
}

/** The consultation got an interpreter another way, or no longer needs one: close the search. */
async function settleWithoutSearch(m: EntityManager, c: ConsultationRow): Promise<void> {
  await closeOpenOffers(m, c.id, 'withdrawn', 'the consultation no longer needs an interpreter search');
  await setAssignment(
    m,
    c.id,
    c.interpreter_id
      ? { state: 'assigned', interpreterId: c.interpreter_id, escalation: null }
      : { state: 'cancelled' },
  );
}

/** Stops the search for a cancelled consultation: open offers withdrawn, interpreter released. */
export async function cancelAssignment(
  m: EntityManager,
  consultationId: string,
  actor: Actor | null,
  cause: string,
): Promise<StepEffects> {
  const effects = new StepEffects();
  const assignment = await lockAssignment(m, consultationId);
  if (!assignment || assignment.state === 'cancelled') return effects;
  const withdrawn = await closeOpenOffers(m, consultationId, 'withdrawn', cause);
  await m.query(
    `UPDATE bookings SET released_at = now()
      WHERE consultation_id = $1 AND role = 'interpreter' AND released_at IS NULL`,
    [consultationId],
  );
  await setAssignment(m, consultationId, { state: 'cancelled' });
  await auditStep(m, {
    actor,
    action: 'cancelled',
    consultationId,
    institutionId: assignment.institution_id,
    details: { cause, withdrawnOffers: withdrawn.map((o) => o.id) },
  });
  return effects;
}

/**
 * One idempotent step of the fallback chain: expire overdue offers, then open new offers to the best
 * remaining candidates (inside the cut-off: to all of them, with an immediate coordinator alert), wait
 * for the open ones, or escalate. Safe to run any number of times.
 */
export async function advanceAssignment(
  m: EntityManager,
  consultationId: string,
  deps: AssignmentDeps,
  now: Date,
): Promise<StepEffects> {
  const effects = new StepEffects();
  const c = await lockConsultation(m, consultationId);
  const assignment = await lockAssignment(m, consultationId);
  if (!c || !assignment || !['searching', 'offered'].includes(assignment.state)) return effects;
  if (!beforeTheCall(c.status) || !c.interpreter_required) {
    return cancelAssignment(m, consultationId, null, `consultation is ${c.status}`);
  }
  if (c.interpreter_id !== null) {
    await setAssignment(m, consultationId, { state: 'assigned', interpreterId: c.interpreter_id });
    return effects;
  }
  const expired = await closeOpenOffers(m, consultationId, 'expired', 'no answer before the deadline', {
    onlyDueBy: now,
  });
  for (const offer of expired) {
    await auditStep(m, {
      actor: null,
      action: 'offer_expired',
      consultationId,
      institutionId: c.institution_id,
      details: { offerId: offer.id, interpreterId: offer.interpreter_id },
    });
  }
  const offers = await roundOffers(m, consultationId, assignment.round);
  const open = offers.filter((o) => o.state === 'offered');
  const need = needOf(c);
  // Interpreters removed from (or who gave back) this consultation are not candidates at all.
  const excluded = new Set(assignment.excluded_interpreter_ids);
  const pool = (await loadCandidatePool(m, need, now)).filter((f) => !excluded.has(f.interpreterId));
  const match = matchInterpreters(need, pool);
  const plan = planOffers(now, c.starts_at, deps.policy);
  const outcome = { funnel: match.funnel, refusals: refusalsOf(offers) };
  if (plan.kind === 'too_late') {
    await closeOpenOffers(m, consultationId, 'withdrawn', 'the consultation started before anyone accepted');
    await escalate(m, deps.notifier, c, { ...outcome, timing: 'start_reached' }, effects, now);
    return effects;
  }
  // Everyone not asked yet this round; a refusal (decline or expiry) is final for the round.
  const asked = new Set(offers.map((o) => o.interpreter_id));
  const fresh = match.ranked.filter((candidate) => !asked.has(candidate.interpreterId));
  const broadcast = plan.kind === 'broadcast';
  if (fresh.length === 0 && open.length === 0) {
    const timing = broadcast ? 'inside_cutoff' : null;
    await escalate(m, deps.notifier, c, { ...outcome, timing }, effects, now);
    return effects;
  }
  const wanted = broadcast ? fresh.length : Math.max(0, plan.parallel - open.length);
  const mode = broadcast ? 'broadcast' : plan.parallel > 1 ? 'parallel' : 'single';
  const batch = { round: assignment.round, deadline: plan.deadline, funnel: match.funnel, mode } as const;
  const made = await makeOffers(m, deps.notifier, c, fresh.slice(0, wanted), batch, effects, now);
  if (broadcast && !assignment.escalation_reasons.includes('inside_cutoff')) {
    const alert = {
      minutesToStart: plan.minutesToStart,
      openOffers: open.length + made,
      funnel: match.funnel,
    };
    await raiseCloseAlert(m, deps.notifier, c, alert, effects, now);
    return effects;
  }
  if (assignment.state !== 'offered') await setAssignment(m, consultationId, { state: 'offered' });
  return effects;
}

const refusalsOf = (offers: OfferRow[]) =>
  offers.filter((o) => o.state === 'declined' || o.state === 'expired').length;
