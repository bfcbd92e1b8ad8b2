/**
 * How the api and the worker tell SFU nodes that someone may no longer be in a consultation's call (a
 * guest whose invitation was withdrawn), or that the call is over (its join window closed). Two parts,
 * because pub/sub alone is best effort:
 * - a Redis set `sfuBarredKey(prefix, consultationId)` of user/guest ids the SFU refuses at join
 *   (closes the window of a join token fetched just before the withdrawal), and the ended marker
 *   `sfuEndedKey` for a call that is over;
 * - a message on `sfuControlChannel(prefix)` so the node hosting the room removes them at once.
 */
export function sfuControlChannel(prefix: string): string {
  return `${prefix}:sfu:control`;
}

export function sfuBarredKey(prefix: string, consultationId: string): string {
  return `${prefix}:sfu:barred:${consultationId}`;
}

/** Set when a consultation's call has ended: the SFU refuses joins to it from then on. */
export function sfuEndedKey(prefix: string, consultationId: string): string {
  return `${prefix}:sfu:ended:${consultationId}`;
}

/** Who has been admitted from the waiting room (kept across reconnects until the room ends). */
export function sfuAdmittedKey(prefix: string, consultationId: string): string {
  return `${prefix}:sfu:admitted:${consultationId}`;
}

/** How long the ended marker is kept: longer than any join window stays open after the end. */
export const SFU_ENDED_TTL_SECONDS = 7 * 24 * 3600;

/** Long enough to outlive any join token and the consultation itself. */
export const SFU_BARRED_TTL_SECONDS = 7 * 24 * 3600;

export type RemovalReason = 'invitation_withdrawn';

export interface RemoveParticipantCommand {
  type: 'remove-participant';
  consultationId: string;
  userId: string;
  reason: RemovalReason;
}

export type RoomEndReason = 'window_closed';

/** The consultation's join window closed: everyone still in the room is told and put out. */
export interface EndRoomCommand {
  type: 'end-room';
  consultationId: string;
  reason: RoomEndReason;
}

export type SfuControlMessage = RemoveParticipantCommand | EndRoomCommand;
