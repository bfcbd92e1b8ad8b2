import type { EntityManager } from 'typeorm';
import { StepEffects } from './effects';

/**
 * The quick check between full reconciles: a search in progress whose offers are all closed, with no
 * offer answered for `graceSeconds` (so the follow-up step of the last answer has had its chance), gets
 * a fresh assign step. Normally this finds nothing; it bounds how long a lost follow-up can stall.
 * The quiet spell is measured on the database clock, like the row stamps it compares (`updated_at`,
 * `answered_at`): it is about job latency, not a business rule. `now` only names the step.
 */
export async function sweepOrphanedSearches(
  m: EntityManager,
  now: Date,
  graceSeconds: number,
): Promise<StepEffects> {
  const effects = new StepEffects();
  const orphaned: { consultation_id: string; round: number }[] = await m.query(
    `SELECT a.consultation_id, a.round FROM interpreter_assignments a
      WHERE a.state IN ('searching', 'offered') AND a.updated_at <= now() - make_interval(secs => $1)
        AND NOT EXISTS (SELECT 1 FROM interpreter_offers o
                         WHERE o.consultation_id = a.consultation_id
                           AND (o.state = 'offered' OR o.answered_at > now() - make_interval(secs => $1)))`,
    [graceSeconds],
  );
  for (const row of orphaned) effects.assign(row.consultation_id, row.round, `orphan-${now.getTime()}`);
  return effects;
}

/**
 * Repairs what a lost job or a killed worker left behind; PostgreSQL holds the truth. Searches with no
 * open offer and searches with an overdue offer (deadlines are business times: `now` is the clock's)
 * get a fresh assign step; open offers get their timeout job again (same jobId, so a job Redis still
 * has is not duplicated).
 */
export async function reconcileAssignments(m: EntityManager, now: Date): Promise<StepEffects> {
  const effects = new StepEffects();
  const stuck: { consultation_id: string; round: number }[] = await m.query(
    `SELECT a.consultation_id, a.round FROM interpreter_assignments a
      WHERE a.state IN ('searching', 'offered')
        AND (NOT EXISTS (SELECT 1 FROM interpreter_offers o WHERE o.consultation_id = a.consultation_id AND o.state = 'offered')
             OR EXISTS (SELECT 1 FROM interpreter_offers o WHERE o.consultation_id = a.consultation_id
                         AND o.state = 'offered' AND o.deadline <= $1))`,
    [now],
  );
  for (const row of stuck) effects.assign(row.consultation_id, row.round, `reconcile-${now.getTime()}`);
  const open: { id: string; deadline: Date }[] = await m.query(
    `SELECT id, deadline FROM interpreter_offers WHERE state = 'offered' AND deadline > $1`,
    [now],
  );
  for (const offer of open) effects.timeout(offer.id, offer.deadline, now);
  return effects;
}
