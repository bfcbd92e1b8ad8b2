import { NotFoundException } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { isPgError, PG_EXCLUSION_VIOLATION, PG_UNIQUE_VIOLATION } from '@yiqiao/persistence';
import { advanceAssignment, type AssignmentDeps } from './assignment-engine';
import {
  auditStep,
  beforeTheCall,
  closeOpenOffers,
  findOffer,
  lockAssignment,
  lockConsultation,
  setAssignment,
  updateReturning,
  type OfferRow,
} from './assignment-store';
import { StepEffects, type Actor } from './effects';

/** The answer to an interpreter's accept/decline: refusals still commit (e.g. a withdrawn offer). */
export type AnswerOutcome =
  | { kind: 'done'; effects: StepEffects; consultationId: string }
  | { kind: 'refused'; status: 409 | 410; message: string; effects: StepEffects };

const refused = (status: 409 | 410, message: string, effects = new StepEffects()): AnswerOutcome => ({
  kind: 'refused',
  status,
  message,
  effects,
});

/** Why an offer can no longer be answered, or null when it is open. */
function closedOfferAnswer(offer: OfferRow, now: Date): AnswerOutcome | null {
  const deadline = offer.deadline.toISOString();
  if (offer.state === 'declined')
    return refused(409, `You already declined this offer (${offer.answered_at?.toISOString()})`);
  if (offer.state === 'expired' || (offer.state === 'offered' && offer.deadline <= now)) {
    return refused(
      410,
      `This offer expired at ${deadline}; the consultation has been offered to another interpreter`,
    );
  }
  if (offer.state === 'withdrawn')
    return refused(410, `This offer was withdrawn: ${offer.answer_reason ?? 'no longer needed'}`);
  return null;
}

/** Loads the caller's offer and locks consultation → assignment → offer (the order every step uses). */
async function lockOffer(m: EntityManager, offerId: string, interpreterId: string) {
  const peek = await findOffer(m, offerId);
  if (!peek || peek.interpreter_id !== interpreterId) {
    throw new NotFoundException(`No offer ${offerId} was made to you`);
  }
  const consultation = await lockConsultation(m, peek.consultation_id);
  const assignment = await lockAssignment(m, peek.consultation_id);
  const offer = await findOffer(m, offerId, true);
  if (!consultation || !assignment || !offer)
    throw new NotFoundException(`No offer ${offerId} was made to you`);
  return { consultation, assignment, offer };
}

/**
 * Accepting books the interpreter atomically: their bookings row (the exclusion constraint decides any
 * race), consultations.interpreter_id, and the assignment, in the caller's transaction.
 */
export async function acceptOffer(
  m: EntityManager,
  deps: AssignmentDeps,
  offerId: string,
  actor: Actor,
  now: Date,
): Promise<AnswerOutcome> {
  const { consultation: c, assignment, offer } = await lockOffer(m, offerId, actor.id);
  const effects = new StepEffects();
  if (offer.state === 'accepted') return { kind: 'done', effects, consultationId: c.id };
  const closed = closedOfferAnswer(offer, now);
  if (closed) return closed;
  if (!beforeTheCall(c.status) || c.interpreter_id !== null) {
    await closeOpenOffers(m, c.id, 'withdrawn', 'the consultation no longer needs an interpreter');
    return refused(410, 'This consultation no longer needs an interpreter');
  }
  await m.query('SAVEPOINT interpreter_booking');
  try {
    await m.query(
      `INSERT INTO bookings (consultation_id, user_id, role, during)
       VALUES ($1, $2, 'interpreter', tstzrange($3, $4, '[)'))`,
      [c.id, actor.id, c.starts_at, c.ends_at],
    );
  } catch (error) {
    if (!isPgError(error, PG_EXCLUSION_VIOLATION) && !isPgError(error, PG_UNIQUE_VIOLATION)) throw error;
    await m.query('ROLLBACK TO SAVEPOINT interpreter_booking');
    const reason = 'the interpreter is booked elsewhere at that time';
    await m.query(
      `UPDATE interpreter_offers SET state = 'withdrawn', answered_at = now(), answer_reason = $2 WHERE id = $1`,
      [offer.id, reason],
    );
    await auditStep(m, {
      actor,
      action: 'accept_refused_busy',
      consultationId: c.id,
      institutionId: c.institution_id,
      details: { offerId: offer.id },
    });
    effects.assign(c.id, assignment.round, `busy-${offer.id}`);
    return refused(
      409,
      `You are already booked at an overlapping time (${c.starts_at.toISOString()} – ${c.ends_at.toISOString()}); this offer was withdrawn and passed on`,
      effects,
    );
  }
  await m.query('RELEASE SAVEPOINT interpreter_booking');
  await m.query(
    `UPDATE consultations SET interpreter_id = $2, version = version + 1, updated_at = now() WHERE id = $1`,
    [c.id, actor.id],
  );
  await m.query(`UPDATE interpreter_offers SET state = 'accepted', answered_at = now() WHERE id = $1`, [
    offer.id,
  ]);
  await closeOpenOffers(m, c.id, 'withdrawn', 'another interpreter accepted', { exceptOfferId: offer.id });
  // A close consultation's coordinator alert is resolved by the accept (the trail keeps it).
  await setAssignment(m, c.id, {
    state: 'assigned',
    interpreterId: actor.id,
    assignedBy: null,
    escalation: null,
  });
  await auditStep(m, {
    actor,
    action: 'offer_accepted',
    consultationId: c.id,
    institutionId: c.institution_id,
    details: { offerId: offer.id, interpreterId: actor.id },
  });
  await withdrawOverlappingOffers(m, actor.id, c.id, c.starts_at, c.ends_at, effects);
  effects.afterCommit.push(
    await deps.notifier.planNotification(m, {
      kind: 'interpreter_confirmed',
      recipientId: actor.id,
      consultationId: c.id,
      dueAt: now,
      data: { offerId: offer.id },
    }),
  );
  return { kind: 'done', effects, consultationId: c.id };
}

/**
 * The interpreter cannot take other consultations at that time any more: their open offers there are
 * withdrawn and those searches move on. Rows another transaction holds are skipped (their accept then
 * meets the exclusion constraint and is withdrawn there), which also keeps this free of deadlocks.
 */
async function withdrawOverlappingOffers(
  m: EntityManager,
  interpreterId: string,
  consultationId: string,
  startsAt: Date,
  endsAt: Date,
  effects: StepEffects,
): Promise<void> {
  const rows = await updateReturning<{
    id: string;
    consultation_id: string;
    round: number;
    institution_id: string;
  }>(
    m,
    `UPDATE interpreter_offers o SET state = 'withdrawn', answered_at = now(),
            answer_reason = 'the interpreter accepted another consultation at that time'
       FROM consultations c
      WHERE c.id = o.consultation_id AND o.state = 'offered' AND o.id IN (
            SELECT o2.id FROM interpreter_offers o2 JOIN consultations c2 ON c2.id = o2.consultation_id
             WHERE o2.interpreter_id = $1 AND o2.state = 'offered' AND o2.consultation_id <> $2
               AND tstzrange(c2.starts_at, c2.ends_at, '[)') && tstzrange($3, $4, '[)')
               FOR UPDATE OF o2 SKIP LOCKED)
      RETURNING o.id, o.consultation_id, o.round, c.institution_id`,
    [interpreterId, consultationId, startsAt, endsAt],
  );
  for (const row of rows) {
    await auditStep(m, {
      actor: null,
      action: 'offer_withdrawn',
      consultationId: row.consultation_id,
      institutionId: row.institution_id,
      details: { offerId: row.id, interpreterId, reason: 'booked elsewhere' },
    });
    effects.assign(row.consultation_id, row.round, `withdrawn-${row.id}`);
  }
}

export async function declineOffer(
  m: EntityManager,
  offerId: string,
  actor: Actor,
  reason: string | null,
  now: Date,
): Promise<AnswerOutcome> {
  const { consultation: c, assignment, offer } = await lockOffer(m, offerId, actor.id);
  const effects = new StepEffects();
  if (offer.state === 'accepted')
    return refused(409, 'You accepted this offer; cancel the assignment instead');
  const closed = closedOfferAnswer(offer, now);
  if (closed) return offer.state === 'declined' ? { kind: 'done', effects, consultationId: c.id } : closed;
  await m.query(
    `UPDATE interpreter_offers SET state = 'declined', answered_at = now(), answer_reason = $2 WHERE id = $1`,
    [offer.id, reason],
  );
  await auditStep(m, {
    actor,
    action: 'offer_declined',
    consultationId: c.id,
    institutionId: c.institution_id,
    details: { offerId: offer.id, reason },
  });
  effects.assign(c.id, assignment.round, `declined-${offer.id}`);
  return { kind: 'done', effects, consultationId: c.id };
}

/** The delayed timeout job: expires the offer if still unanswered and moves the chain on. */
export async function expireOffer(
  m: EntityManager,
  deps: AssignmentDeps,
  offerId: string,
  now: Date,
): Promise<{ effects: StepEffects; notYetDue?: Date }> {
  const offer = await findOffer(m, offerId);
  if (!offer || offer.state !== 'offered') return { effects: new StepEffects() };
  if (offer.deadline > now) return { effects: new StepEffects(), notYetDue: offer.deadline };
  return { effects: await advanceAssignment(m, offer.consultation_id, deps, now) };
}
