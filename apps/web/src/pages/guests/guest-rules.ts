import type { ConsultationStatus } from '@yiqiao/domain/consultation-status';
import type { Role } from '@yiqiao/domain/roles';

/** Who may invite and withdraw guests: the patient, the specialist, a coordinator of the institution. */
export const GUEST_INVITING_ROLES: readonly Role[] = ['patient', 'specialist', 'coordinator'];

/** The api accepts guests only while the consultation can still be joined. */
export const GUEST_STATUSES: readonly ConsultationStatus[] = ['scheduled', 'waiting', 'in_progress'];
/** Active (not withdrawn) guests per consultation; the api answers 409 beyond this. */
export const MAX_ACTIVE_GUESTS = 3;

export function canHaveGuests(status: ConsultationStatus): boolean {
  return GUEST_STATUSES.includes(status);
}
