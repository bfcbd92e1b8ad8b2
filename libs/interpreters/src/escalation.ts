import type { MatchFunnel } from './matching';

export type EscalationReason =
  | 'languages_unknown'
  | 'no_language_pair'
  | 'no_certified_interpreter'
  | 'all_busy'
  | 'outside_working_hours'
  | 'all_declined'
  | 'cutoff_reached';

export const ESCALATION_MESSAGES: Record<EscalationReason, string> = {
  languages_unknown: "The patient's or the specialist's language is not recorded",
  no_language_pair: 'No interpreter has this language pair (with this dialect)',
  no_certified_interpreter:
    "No interpreter with this pair holds a valid certification for the department's specialty",
  all_busy: 'Every qualified interpreter is booked at that time',
  outside_working_hours: 'The free qualified interpreters do not work at that time',
  all_declined: 'Every qualified free interpreter declined or let the offer expire',
  cutoff_reached: 'Nobody accepted before the escalation cut-off',
};

export interface EscalationInput {
  languagesKnown: boolean;
  funnel: MatchFunnel;
  /** Offers of this round that were declined or left to expire (withdrawn ones do not count). */
  refusals: number;
  cutoffReached: boolean;
}

/** Why nobody could be booked, most fundamental cause first. */
export function escalationReasons(input: EscalationInput): EscalationReason[] {
  const { funnel } = input;
  const reasons: EscalationReason[] = [];
  if (input.cutoffReached) reasons.push('cutoff_reached');
  if (!input.languagesKnown) return [...reasons, 'languages_unknown'];
  if (funnel.withPair === 0) return [...reasons, 'no_language_pair'];
  if (funnel.qualified === 0) return [...reasons, 'no_certified_interpreter'];
  if (input.refusals > 0) reasons.push('all_declined');
  if (funnel.available === 0) reasons.push(funnel.free === 0 ? 'all_busy' : 'outside_working_hours');
  if (reasons.length === 0) reasons.push('all_busy');
  return reasons;
}
