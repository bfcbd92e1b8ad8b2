import { z } from 'zod';
import { positiveInt } from '@yiqiao/config';

/**
 * How offers are made. Read from the environment by the worker (see README "Configuration"); tests
 * shorten the deadlines to seconds.
 */
export const interpreterPolicyEnv = {
  /** How long an interpreter has to answer when the consultation is not close. */
  INTERPRETER_OFFER_SECONDS: positiveInt(4 * 3600),
  /** How long an interpreter has to answer when the consultation is close. */
  INTERPRETER_URGENT_OFFER_SECONDS: positiveInt(15 * 60),
  /** A consultation starting within this many minutes is "close": shorter deadlines, parallel offers. */
  INTERPRETER_URGENT_WINDOW_MINUTES: positiveInt(24 * 60),
  /** Offers open at once for a close consultation before the cut-off (first to accept wins). */
  INTERPRETER_PARALLEL_OFFERS: positiveInt(3),
  /**
   * Inside this many minutes before the start, every qualified free interpreter is offered the
   * consultation at once and the coordinators are alerted immediately.
   */
  INTERPRETER_ESCALATION_CUTOFF_MINUTES: positiveInt(60),
  /** An interpreter who withdraws later than this many minutes before the start counts a late cancellation. */
  INTERPRETER_LATE_CANCEL_MINUTES: positiveInt(24 * 60),
  /** How often the worker re-checks for assignments whose job was lost. */
  INTERPRETER_RECONCILE_SECONDS: positiveInt(60),
  /** How often (and after how long a quiet spell) searches with no open offer are moved on again. */
  INTERPRETER_ORPHAN_SWEEP_SECONDS: positiveInt(5),
};

export const interpreterPolicySchema = z.object(interpreterPolicyEnv);
export type InterpreterPolicyEnv = z.infer<typeof interpreterPolicySchema>;

export interface OfferPolicy {
  offerSeconds: number;
  urgentOfferSeconds: number;
  urgentWindowMinutes: number;
  parallelOffers: number;
  cutoffMinutes: number;
  lateCancelMinutes: number;
}

export function offerPolicyFrom(env: InterpreterPolicyEnv): OfferPolicy {
  return {
    offerSeconds: env.INTERPRETER_OFFER_SECONDS,
    urgentOfferSeconds: env.INTERPRETER_URGENT_OFFER_SECONDS,
    urgentWindowMinutes: env.INTERPRETER_URGENT_WINDOW_MINUTES,
    parallelOffers: env.INTERPRETER_PARALLEL_OFFERS,
    cutoffMinutes: env.INTERPRETER_ESCALATION_CUTOFF_MINUTES,
    lateCancelMinutes: env.INTERPRETER_LATE_CANCEL_MINUTES,
  };
}

export const DEFAULT_OFFER_POLICY = offerPolicyFrom(interpreterPolicySchema.parse({}));

/**
 * What the next step may do:
 * - `offer`: before the cut-off, one offer (or `parallelOffers` when urgent) with a deadline that never
 *   passes the cut-off;
 * - `broadcast`: inside the cut-off, an offer to every qualified free interpreter at once (first to
 *   accept wins) and an immediate alert to the coordinators, deadlines never past the start;
 * - `too_late`: the consultation has started; no more offers, the coordinators take over.
 */
export type OfferPlan =
  | { kind: 'offer'; parallel: number; deadline: Date; cutoffAt: Date; urgent: boolean }
  | { kind: 'broadcast'; deadline: Date; cutoffAt: Date; minutesToStart: number }
  | { kind: 'too_late'; cutoffAt: Date };

/** How many offers may be open and until when, given how close the consultation is. */
export function planOffers(now: Date, startsAt: Date, policy: OfferPolicy): OfferPlan {
  const cutoffAt = new Date(startsAt.getTime() - policy.cutoffMinutes * 60_000);
  const untilStart = startsAt.getTime() - now.getTime();
  if (untilStart <= 0) return { kind: 'too_late', cutoffAt };
  if (now >= cutoffAt) {
    const deadline = new Date(now.getTime() + Math.min(policy.urgentOfferSeconds * 1000, untilStart));
    return { kind: 'broadcast', deadline, cutoffAt, minutesToStart: Math.ceil(untilStart / 60_000) };
  }
  const urgent = untilStart <= policy.urgentWindowMinutes * 60_000;
  const window = (urgent ? policy.urgentOfferSeconds : policy.offerSeconds) * 1000;
  const deadline = new Date(Math.min(now.getTime() + window, cutoffAt.getTime()));
  return { kind: 'offer', parallel: urgent ? policy.parallelOffers : 1, deadline, cutoffAt, urgent };
}

/** Late cancellations hurt reliability ranking; withdrawing well ahead does not. */
export function isLateCancellation(now: Date, startsAt: Date, policy: OfferPolicy): boolean {
  return startsAt.getTime() - now.getTime() < policy.lateCancelMinutes * 60_000;
}
