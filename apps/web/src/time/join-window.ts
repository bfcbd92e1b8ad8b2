import { DateTime } from 'luxon';
import type { Role } from '@yiqiao/domain/roles';
import { ApiError } from '../api/client';
import type { Consultation } from '../api/types';

/** Consultations someone may still join (inside their window). */
export const JOINABLE_STATUSES: readonly string[] = ['scheduled', 'waiting', 'in_progress'];

/** The specialist and coordinators may open the room earlier than patients, guests and interpreters. */
const STAFF_ROLES: readonly Role[] = ['specialist', 'coordinator', 'admin'];

/** One viewer's join window: from `opensAt` until `closesAt` (ISO UTC instants). */
export interface ViewerWindow {
  opensAt: string;
  closesAt: string;
}

export type JoinTiming = 'before' | 'open' | 'closed';

export function windowFor(consultation: Consultation, role: Role): ViewerWindow {
  const { participantsOpenAt, staffOpenAt, closesAt } = consultation.joinWindow;
  return { opensAt: STAFF_ROLES.includes(role) ? staffOpenAt : participantsOpenAt, closesAt };
}

export function timingAt(window: ViewerWindow, at: DateTime): JoinTiming {
  if (at < DateTime.fromISO(window.opensAt)) return 'before';
  if (at >= DateTime.fromISO(window.closesAt)) return 'closed';
  return 'open';
}

/** Why the api would not mint a join token: the window is not open yet, it closed, or the visit is over. */
export interface JoinRefusal {
  code: 'join_window_not_open' | 'join_window_closed' | 'not_joinable';
  opensAt: string | null;
  closesAt: string | null;
}

const REFUSAL_CODES: readonly string[] = ['join_window_not_open', 'join_window_closed', 'not_joinable'];

/** The join refusal carried by an api error (409 with a machine-readable code), or null for any other error. */
export function joinRefusalOf(error: unknown): JoinRefusal | null {
  if (!(error instanceof ApiError) || error.status !== 409) return null;
  const code = error.code;
  if (!code || !REFUSAL_CODES.includes(code)) return null;
  const text = (key: string) => (typeof error.body[key] === 'string' ? (error.body[key] as string) : null);
  return { code: code as JoinRefusal['code'], opensAt: text('opensAt'), closesAt: text('closesAt') };
}
