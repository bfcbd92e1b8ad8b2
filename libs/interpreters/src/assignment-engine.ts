import type { EntityManager } from 'typeorm';
import { escalationReasons, ESCALATION_MESSAGES } from './escalation';
import { matchInterpreters, type MatchFunnel } from './matching';
import { planOffers, type OfferPolicy } from './offer-policy';
import {
  auditStep,
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
import { notifyEscalation, type InterpreterNotifier } from './notify';

export interface AssignmentDeps {
  policy: OfferPolicy;
  notifier: InterpreterNotifier;
}

/** A consultation needs automatic assignment when it is scheduled, needs an interpreter and has none. */
export function needsInterpreter(c: ConsultationRow): boolean {
  return c.status === 'scheduled' && c.interpreter_required && c.interpreter_id === null;
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
 * One idempotent step of the fallback chain: expire overdue offers, then either open new offers to
 * the best remaining candidates, wait for the open ones, or escalate. Safe to run any number of times.
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
  if (c.status !== 'scheduled' || !c.interpreter_required) {
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
  if (plan.kind === 'escalate') {
    await closeOpenOffers(m, consultationId, 'withdrawn', 'escalation cut-off reached');
    await escalate(
      m,
      deps,
      c,
      effects,
      { funnel: match.funnel, refusals: refusalsOf(offers), cutoffReached: true },
      now,
    );
    return effects;
  }
  const asked = new Set(offers.map((o) => o.interpreter_id));
  const fresh = match.ranked.filter((candidate) => !asked.has(candidate.interpreterId));
  const wanted = Math.max(0, plan.parallel - open.length);
  if (fresh.length === 0 && open.length === 0) {
    await escalate(
      m,
      deps,
      c,
      effects,
      { funnel: match.funnel, refusals: refusalsOf(offers), cutoffReached: false },
      now,
    );
    return effects;
  }
  for (const candidate of fresh.slice(0, wanted)) {
    const [offer]: { id: string }[] = await m.query(
      `INSERT INTO interpreter_offers (consultation_id, interpreter_id, round, offered_at, deadline, rank, score)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
      [
        consultationId,
        candidate.interpreterId,
        assignment.round,
        now,
        plan.deadline,
        candidate.rank,
        JSON.stringify({ ...candidate.score, funnel: match.funnel, urgent: plan.urgent }),
      ],
    );
    await auditStep(m, {
      actor: null,
      action: 'offer_made',
      consultationId,
      institutionId: c.institution_id,
      details: {
        offerId: offer.id,
        interpreterId: candidate.interpreterId,
        rank: candidate.rank,
        deadline: plan.deadline.toISOString(),
        score: candidate.score,
      },
    });
    effects.timeout(offer.id, plan.deadline);
    effects.afterCommit.push(
      await deps.notifier.planNotification(m, {
        kind: 'interpreter_offer',
        recipientId: candidate.interpreterId,
        consultationId,
        dueAt: now,
        data: { offerId: offer.id, deadline: plan.deadline.toISOString() },
      }),
    );
  }
  const state = open.length > 0 || fresh.length > 0 ? 'offered' : 'searching';
  if (state !== assignment.state) await setAssignment(m, consultationId, { state });
  return effects;
}

const refusalsOf = (offers: OfferRow[]) =>
  offers.filter((o) => o.state === 'declined' || o.state === 'expired').length;

async function escalate(
  m: EntityManager,
  deps: AssignmentDeps,
  c: ConsultationRow,
  effects: StepEffects,
  outcome: { funnel: MatchFunnel; refusals: number; cutoffReached: boolean },
  now: Date,
): Promise<void> {
  const { funnel, refusals } = outcome;
  const reasons = escalationReasons({ languagesKnown: needOf(c).languages !== null, ...outcome });
  const details = { funnel, refusals, messages: reasons.map((r) => ESCALATION_MESSAGES[r]) };
  await setAssignment(m, c.id, { state: 'escalated', escalation: { reasons, details } });
  await auditStep(m, {
    actor: null,
    action: 'escalated',
    consultationId: c.id,
    institutionId: c.institution_id,
    details: { reasons, ...details },
  });
  effects.afterCommit.push(...(await notifyEscalation(m, deps.notifier, c, reasons, now)));
}
