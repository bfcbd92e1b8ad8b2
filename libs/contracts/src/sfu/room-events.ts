import type { CallRole } from './join-token';

/** BullMQ queue through which the sfu reports room events; the worker writes them to PostgreSQL. */
export const ROOM_EVENTS_QUEUE = 'room-events';

export const ROOM_EVENT_KINDS = [
  'joined',
  'admitted',
  'declined',
  'removed',
  'left',
  'started',
  'ended',
] as const;
export type RoomEventKind = (typeof ROOM_EVENT_KINDS)[number];

interface RoomJobBase {
  /** unique id, also the BullMQ job id and the row id, so a redelivered job is written once */
  eventId: string;
  consultationId: string;
  userId: string;
  role: CallRole;
  displayName: string;
  /** ISO 8601 UTC */
  occurredAt: string;
  sfuNodeId: string;
}

export interface RoomEventJob extends RoomJobBase {
  type: 'room-event';
  kind: RoomEventKind;
  /** for admitted/declined/removed: the person acted upon */
  subjectUserId?: string;
}

export interface ChatMessageJob extends RoomJobBase {
  type: 'chat-message';
  body: string;
}

export type RoomQueueJob = RoomEventJob | ChatMessageJob;
