import type { JoinResponse } from '@yiqiao/contracts/sfu';
import { del, get, post, publicRequest } from './client';
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

const invitationPath = (token: string) => `/guest-invitations/${encodeURIComponent(token)}`;

/** Public: 404 for an unknown or withdrawn link, 410 once the consultation is cancelled or over. */
export function getGuestInvitation(token: string): Promise<GuestInvitation> {
  return publicRequest<GuestInvitation>('GET', invitationPath(token));
}

/** Public: a short-lived SFU join token for the guest (role guest, waits to be admitted). */
export function joinAsGuest(token: string): Promise<JoinResponse> {
  return publicRequest<JoinResponse>('POST', `${invitationPath(token)}/join`);
}
