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
  in_progress: ['completed'],
  completed: [],
  cancelled: [],
  no_show: [],
};

export function canTransition(from: ConsultationStatus, to: ConsultationStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

/** Statuses whose booking no longer holds anyone's time. */
export const RELEASED_STATUSES: readonly ConsultationStatus[] = ['cancelled', 'no_show'];
