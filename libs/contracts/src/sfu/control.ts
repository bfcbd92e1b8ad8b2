/**
 * How the api tells SFU nodes that someone may no longer be in a consultation's call (today: a guest
 * whose invitation was withdrawn). Two parts, because pub/sub alone is best effort:
 * - a Redis set `sfuBarredKey(prefix, consultationId)` of user/guest ids the SFU refuses at join
 *   (closes the window of a join token fetched just before the withdrawal);
 * - a message on `sfuControlChannel(prefix)` so the node hosting the room removes them at once.
 */
export function sfuControlChannel(prefix: string): string {
  return `${prefix}:sfu:control`;
}

export function sfuBarredKey(prefix: string, consultationId: string): string {
  return `${prefix}:sfu:barred:${consultationId}`;
}

/** Long enough to outlive any join token and the consultation itself. */
export const SFU_BARRED_TTL_SECONDS = 7 * 24 * 3600;

export type RemovalReason = 'invitation_withdrawn';

export interface RemoveParticipantCommand {
  type: 'remove-participant';
  consultationId: string;
  userId: string;
  reason: RemovalReason;
}

export type SfuControlMessage = RemoveParticipantCommand;
