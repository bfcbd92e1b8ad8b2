import { createHash } from 'node:crypto';
import { DateTime } from 'luxon';
import { SHANGHAI_ZONE } from '@yiqiao/domain';

/** What a consultation needs from an interpreter. */
export interface ConsultationNeed {
  consultationId: string;
  startsAt: Date;
  endsAt: Date;
  /** Patient's and specialist's languages (BCP 47 with dialect); null when either is unknown. */
  languages: readonly [string, string] | null;
  specialty: string;
  requiresCertification: boolean;
}

/** A weekly working window in Asia/Shanghai wall-clock minutes (ISO weekday, 1 = Monday). */
export interface WorkingWindow {
  weekday: number;
  startMinute: number;
  endMinute: number;
}

/** Everything the matcher knows about one interpreter, loaded in one query. */
export interface InterpreterFacts {
  interpreterId: string;
  pairs: readonly (readonly [string, string])[];
  specialties: readonly { specialty: string; certified: boolean }[];
  /** ISO date (YYYY-MM-DD) after which the certification lapses; null = no expiry recorded. */
  certifiedUntil: string | null;
  workingHours: readonly WorkingWindow[];
  /** Holds a live booking that overlaps the consultation. */
  busy: boolean;
  recentAssignments: number;
  lateCancellations: number;
}

export type Rejection = 'language_pair' | 'certification' | 'busy' | 'outside_working_hours';

export interface CandidateScore {
  /** 2 = certified for the specialty, 1 = specialty listed, 0 = general medical interpreter. */
  fit: number;
  recentAssignments: number;
  lateCancellations: number;
  tieBreak: number;
}

export type Evaluation =
  | { interpreterId: string; rejection: Rejection }
  | { interpreterId: string; rejection: null; score: CandidateScore };

/** Language pairs are unordered: stored and compared with the smaller tag first. */
export function orderedPair(a: string, b: string): [string, string] {
  return a < b ? [a, b] : [b, a];
}

function speaksPair(facts: InterpreterFacts, [a, b]: readonly [string, string]): boolean {
  const [x, y] = orderedPair(a, b);
  return facts.pairs.some((pair) => {
    const [p, q] = orderedPair(pair[0], pair[1]);
    return p === x && q === y;
  });
}

function certificationValid(facts: InterpreterFacts, need: ConsultationNeed): boolean {
  const entry = facts.specialties.find((s) => s.specialty === need.specialty);
  if (!entry?.certified) return false;
  if (facts.certifiedUntil === null) return true;
  const consultationDay = DateTime.fromJSDate(need.startsAt).setZone(SHANGHAI_ZONE).toISODate() ?? '';
  return facts.certifiedUntil >= consultationDay;
}

/** True when the whole consultation lies inside one of the weekly windows (Shanghai wall clock). */
export function withinWorkingHours(windows: readonly WorkingWindow[], startsAt: Date, endsAt: Date): boolean {
  if (windows.length === 0) return true;
  const start = DateTime.fromJSDate(startsAt).setZone(SHANGHAI_ZONE);
  const end = DateTime.fromJSDate(endsAt).setZone(SHANGHAI_ZONE);
  const startMinute = start.hour * 60 + start.minute;
  const endMinute = end.diff(start.startOf('day'), 'minutes').minutes;
  return windows.some(
    (w) => w.weekday === start.weekday && w.startMinute <= startMinute && endMinute <= w.endMinute,
  );
}

function fitOf(facts: InterpreterFacts, specialty: string): number {
  const entry = facts.specialties.find((s) => s.specialty === specialty);
  if (!entry) return 0;
  return entry.certified ? 2 : 1;
}

/** A stable pseudo-random tie-break, so equal candidates spread across consultations. */
function tieBreakOf(consultationId: string, interpreterId: string): number {
  return createHash('sha256').update(`${consultationId}/${interpreterId}`).digest().readUInt32BE(0);
}

export function evaluateCandidate(need: ConsultationNeed, facts: InterpreterFacts): Evaluation {
  const interpreterId = facts.interpreterId;
  if (!need.languages || !speaksPair(facts, need.languages))
    return { interpreterId, rejection: 'language_pair' };
  if (need.requiresCertification && !certificationValid(facts, need)) {
    return { interpreterId, rejection: 'certification' };
  }
  if (facts.busy) return { interpreterId, rejection: 'busy' };
  if (!withinWorkingHours(facts.workingHours, need.startsAt, need.endsAt)) {
    return { interpreterId, rejection: 'outside_working_hours' };
  }
  return {
    interpreterId,
    rejection: null,
    score: {
      fit: fitOf(facts, need.specialty),
      recentAssignments: facts.recentAssignments,
      lateCancellations: facts.lateCancellations,
      tieBreak: tieBreakOf(need.consultationId, interpreterId),
    },
  };
}

/** Best first: fit, then fairness (fewest recent assignments), then reliability (fewest late cancellations). */
export function compareScores(a: CandidateScore, b: CandidateScore): number {
  return (
    b.fit - a.fit ||
    a.recentAssignments - b.recentAssignments ||
    a.lateCancellations - b.lateCancellations ||
    a.tieBreak - b.tieBreak
  );
}

export interface RankedCandidate {
  interpreterId: string;
  rank: number;
  score: CandidateScore;
}

export interface MatchResult {
  ranked: RankedCandidate[];
  funnel: MatchFunnel;
}

/** How many interpreters passed each filter, for the escalation reasons a coordinator reads. */
export interface MatchFunnel {
  considered: number;
  withPair: number;
  qualified: number;
  free: number;
  available: number;
}

export function matchInterpreters(need: ConsultationNeed, pool: readonly InterpreterFacts[]): MatchResult {
  const evaluations = pool.map((facts) => evaluateCandidate(need, facts));
  const failedAt = (stages: Rejection[]) =>
    evaluations.filter((e) => e.rejection !== null && stages.includes(e.rejection)).length;
  const considered = evaluations.length;
  const withPair = considered - failedAt(['language_pair']);
  const qualified = withPair - failedAt(['certification']);
  const free = qualified - failedAt(['busy']);
  const ranked = evaluations
    .flatMap((e) => (e.rejection === null ? [{ interpreterId: e.interpreterId, score: e.score }] : []))
    .sort((a, b) => compareScores(a.score, b.score))
    .map((c, index) => ({ ...c, rank: index + 1 }));
  return { ranked, funnel: { considered, withPair, qualified, free, available: ranked.length } };
}
