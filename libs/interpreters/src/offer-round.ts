import type { EntityManager } from 'typeorm';
import {
  closeAlertMessage,
  escalationReasons,
  ESCALATION_MESSAGES,
  type EscalationReason,
  type EscalationTiming,
} from './escalation';
import type { MatchFunnel, RankedCandidate } from './matching';
import { auditStep, setAssignment, type ConsultationRow } from './assignment-store';
import { needOf } from './candidate-pool';
import type { StepEffects } from './effects';
import { notifyEscalation, type InterpreterNotifier } from './notify';

/** What one round of offers is made with: the round, its deadline and what the score records. */
export interface OfferBatch {
  round: number;
  deadline: Date;
  funnel: MatchFunnel;
  /** Stored in each offer's score: why this deadline (urgent, or inside the cut-off). */
  mode: 'single' | 'parallel' | 'broadcast';
}

/** Opens one offer per candidate (each with its timeout job and its message to the interpreter). */
export async function makeOffers(
  m: EntityManager,
  notifier: InterpreterNotifier,
  c: ConsultationRow,
  candidates: RankedCandidate[],
  batch: OfferBatch,
  effects: StepEffects,
  now: Date,
): Promise<number> {
  for (const candidate of candidates) {
    const [offer]: { id: string }[] = await m.query(
      `INSERT INTO interpreter_offers (consultation_id, interpreter_id, round, offered_at, deadline, rank, score)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
      [
        c.id,
        candidate.interpreterId,
        batch.round,
        now,
        batch.deadline,
        candidate.rank,
        JSON.stringify({
          ...candidate.score,
          funnel: batch.funnel,
          urgent: batch.mode !== 'single',
          mode: batch.mode,
        }),
      ],
    );
    await auditStep(m, {
      actor: null,
      action: 'offer_made',
      consultationId: c.id,
      institutionId: c.institution_id,
      details: {
        offerId: offer.id,
        interpreterId: candidate.interpreterId,
        rank: candidate.rank,
        deadline: batch.deadline.toISOString(),
        mode: batch.mode,
        score: candidate.score,
      },
    });
    effects.timeout(offer.id, batch.deadline, now);
    effects.afterCommit.push(
      await notifier.planNotification(m, {
        kind: 'interpreter_offer',
        recipientId: candidate.interpreterId,
        consultationId: c.id,
        dueAt: now,
        data: { offerId: offer.id, deadline: batch.deadline.toISOString() },
      }),
    );
  }
  return candidates.length;
}

/**
 * A close consultation's immediate alert: the coordinators are notified and the assignment records
 * `inside_cutoff` (escalated_at set), while its state stays `offered` so the offers keep running and
 * the first accept still books. Raised once per round.
 */
export async function raiseCloseAlert(
  m: EntityManager,
  notifier: InterpreterNotifier,
  c: ConsultationRow,
  alert: { minutesToStart: number; openOffers: number; funnel: MatchFunnel },
  effects: StepEffects,
  now: Date,
): Promise<void> {
  const reasons: EscalationReason[] = ['inside_cutoff'];
  const message = closeAlertMessage(alert.minutesToStart, alert.openOffers);
  const details = {
    funnel: alert.funnel,
    minutesToStart: alert.minutesToStart,
    openOffers: alert.openOffers,
    messages: [message, ESCALATION_MESSAGES.inside_cutoff],
  };
  await setAssignment(m, c.id, { state: 'offered', escalation: { reasons, details } });
  await auditStep(m, {
    actor: null,
    action: 'coordinators_alerted',
    consultationId: c.id,
    institutionId: c.institution_id,
    details: { reasons, ...details },
  });
  effects.afterCommit.push(
    ...(await notifyEscalation(m, notifier, c, reasons, now, {
      minutesToStart: alert.minutesToStart,
      openOffers: alert.openOffers,
    })),
  );
}

/** Nobody can be (or was) booked automatically: the coordinators take over, with the reasons. */
export async function escalate(
  m: EntityManager,
  notifier: InterpreterNotifier,
  c: ConsultationRow,
  outcome: { funnel: MatchFunnel; refusals: number; timing: EscalationTiming },
  effects: StepEffects,
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
  effects.afterCommit.push(...(await notifyEscalation(m, notifier, c, reasons, now)));
}
