import type { JoinResponse } from '@yiqiao/contracts/sfu';
import { webConfig } from '../config';
import { ApiError, del, get, post } from './client';
import type { GuestInvitation, GuestInvitationInput, GuestView } from './types';

const consultationGuests = (consultationId: string) =>
  `/consultations/${encodeURIComponent(consultationId)}/guests`;

/** Signed-in: the patient, the specialist or a coordinator of the consultation's institution. */
export async function listGuests(consultationId: string): Promise<GuestView[]> {
  return (await get<{ guests: GuestView[] }>(consultationGuests(consultationId))).guests;
}

export async function inviteGuest(consultationId: string, input: GuestInvitationInput): Promise<GuestView> {
  return (await post<{ guest: GuestView }>(consultationGuests(consultationId), input)).guest;
}

export async function withdrawGuest(consultationId: string, guestId: string): Promise<GuestView> {
  const path = `${consultationGuests(consultationId)}/${encodeURIComponent(guestId)}`;
  return (await del<{ guest: GuestView }>(path)).guest;
}

/**
 * The guest's own requests carry only the link's token: never the bearer token of whoever may be
 * signed in in this browser, and a 401 here must not sign anyone out.
 */
async function publicRequest<T>(method: 'GET' | 'POST', path: string): Promise<T> {
  const response = await fetch(`${webConfig().apiUrl}${path}`, {
    method,
    headers: { Accept: 'application/json' },
  });
  if (!response.ok) throw new ApiError(response.status, await errorMessage(response));
  return (await response.json()) as T;
}

async function errorMessage(response: Response): Promise<string> {
  try {
    const body = (await response.json()) as { message?: string | string[] };
    if (Array.isArray(body.message)) return body.message.join('; ');
    if (body.message) return body.message;
  } catch {
    // not JSON
  }
  return `HTTP ${response.status}`;
}

const invitationPath = (token: string) => `/guest-invitations/${encodeURIComponent(token)}`;

/** Public: 404 for an unknown or withdrawn link, 410 once the consultation is cancelled or over. */
export function getGuestInvitation(token: string): Promise<GuestInvitation> {
  return publicRequest<GuestInvitation>('GET', invitationPath(token));
}

/** Public: a short-lived SFU join token for the guest (role guest, waits to be admitted). */
export function joinAsGuest(token: string): Promise<JoinResponse> {
  return publicRequest<JoinResponse>('POST', `${invitationPath(token)}/join`);
}
