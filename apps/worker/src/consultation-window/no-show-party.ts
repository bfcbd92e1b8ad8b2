import type { NoShowParty } from '@yiqiao/domain';

/**
 * Who did not come to a consultation whose window closed with no patient admitted. A patient who
 * waited but was never let in came: the absence is the specialist's.
 */
export function noShowParty(came: { patient: boolean; specialist: boolean }): NoShowParty {
  if (came.patient) return 'specialist';
  return came.specialist ? 'patient' : 'both';
}
