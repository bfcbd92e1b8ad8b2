import type { MatchFunnel } from './matching';

export type EscalationReason =
  | 'languages_unknown'
  | 'no_language_pair'
  | 'no_certified_interpreter'
  | 'all_busy'
  | 'outside_working_hours'
  | 'all_declined'
  | 'inside_cutoff'
  | 'start_reached';

export const ESCALATION_MESSAGES: Record<EscalationReason, string> = {
  languages_unknown: "The patient's or the specialist's language is not recorded",
  no_language_pair: 'No interpreter has this language pair (with this dialect)',
  no_certified_interpreter:
    "No interpreter with this pair holds a valid certification for the department's specialty",
  all_busy: 'Every qualified interpreter is booked at that time',
  outside_working_hours: 'The free qualified interpreters do not work at that time',
  all_declined: 'Every qualified free interpreter declined or let the offer expire',
  inside_cutoff:
    'The consultation starts within the escalation cut-off: coordinators are alerted while every qualified free interpreter is asked at once',
  start_reached: 'Nobody accepted before the consultation started',
};

/** When the search ran out relative to the start: inside the cut-off, or at the start itself. */
export type EscalationTiming = 'inside_cutoff' | 'start_reached' | null;

export interface EscalationInput {
  languagesKnown: boolean;
  funnel: MatchFunnel;
  /** Offers of this round that were declined or left to expire (withdrawn ones do not count). */
  refusals: number;
  timing: EscalationTiming;
}

/** Why nobody could be booked: the timing first, then the most fundamental cause. */
export function escalationReasons(input: EscalationInput): EscalationReason[] {
  const timing: EscalationReason[] = input.timing ? [input.timing] : [];
  return [...timing, ...causes(input)];
}

function causes({ languagesKnown, funnel, refusals, timing }: EscalationInput): EscalationReason[] {
  if (!languagesKnown) return ['languages_unknown'];
  if (funnel.withPair === 0) return ['no_language_pair'];
  if (funnel.qualified === 0) return ['no_certified_interpreter'];
  const reasons: EscalationReason[] = [];
  if (refusals > 0) reasons.push('all_declined');
  if (funnel.available === 0) reasons.push(funnel.free === 0 ? 'all_busy' : 'outside_working_hours');
  // Everyone free was asked and taken elsewhere; at the start, running out of time is cause enough.
  if (reasons.length === 0 && timing !== 'start_reached') reasons.push('all_busy');
  return reasons;
}

/** The coordinators' alert for a close consultation, e.g. "Starts in 40 minutes; offers sent to 3 interpreters". */
export function closeAlertMessage(minutesToStart: number, openOffers: number): string {
  const minutes = minutesToStart === 1 ? '1 minute' : `${minutesToStart} minutes`;
  const offers = openOffers === 1 ? '1 interpreter' : `${openOffers} interpreters`;
  return `Starts in ${minutes}; offers sent to ${offers} at once (the first to accept is booked)`;
}
