export const CONSULTATION_STATUSES = [
  'requested',
  'scheduled',
  'waiting',
  'in_progress',
  'completed',
  'cancelled',
  'no_show',
] as const;
export type ConsultationStatus = (typeof CONSULTATION_STATUSES)[number];

const TRANSITIONS: Record<ConsultationStatus, readonly ConsultationStatus[]> = {
  requested: ['scheduled', 'cancelled'],
  scheduled: ['scheduled', 'waiting', 'in_progress', 'cancelled', 'no_show'],
  waiting: ['in_progress', 'cancelled', 'no_show', 'scheduled'],
  // a coordinator may reschedule an interrupted call; the window closing completes it
  in_progress: ['completed', 'scheduled'],
  completed: [],
  cancelled: [],
  no_show: [],
};

export function canTransition(from: ConsultationStatus, to: ConsultationStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

/** Statuses whose booking no longer holds anyone's time. */
export const RELEASED_STATUSES: readonly ConsultationStatus[] = ['cancelled', 'no_show'];

/** Who did not come to a consultation recorded as a no-show. */
export const NO_SHOW_PARTIES = ['patient', 'specialist', 'both'] as const;
export type NoShowParty = (typeof NO_SHOW_PARTIES)[number];

/** What ended a consultation: the specialist's "end", or its join window closing. */
export const END_CAUSES = ['ended_by_specialist', 'window_closed'] as const;
export type EndCause = (typeof END_CAUSES)[number];
