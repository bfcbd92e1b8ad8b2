import { z } from 'zod';
import { CALL_ROLES, ROOM_EVENT_KINDS, type RoomQueueJob } from '@yiqiao/contracts';
import { rowId } from './registry-schemas';

/** The chat column's bound (consultation_chat_messages.body). */
const MAX_CHAT_BODY = 2000;

const base = {
  eventId: rowId,
  consultationId: rowId,
  userId: rowId,
  role: z.enum(CALL_ROLES, { errorMap: () => ({ message: `must be one of ${CALL_ROLES.join(', ')}` }) }),
  displayName: z.string().min(1, 'must not be empty').max(200, 'must be at most 200 characters'),
  occurredAt: z
    .string()
    .datetime({ offset: true, message: 'must be an ISO 8601 instant, e.g. 2026-03-09T01:00:00Z' }),
  sfuNodeId: z.string().min(1, 'must not be empty').max(200, 'must be at most 200 characters'),
};

/** A job of the SFU's `room-events` queue (libs/contracts RoomQueueJob). */
export const ROOM_QUEUE_JOB_SCHEMA: z.ZodType<RoomQueueJob> = z.discriminatedUnion(
  'type',
  [
    z.object({
      ...base,
      type: z.literal('room-event'),
      kind: z.enum(ROOM_EVENT_KINDS, {
        errorMap: () => ({ message: `must be one of ${ROOM_EVENT_KINDS.join(', ')}` }),
      }),
      subjectUserId: rowId.optional(),
    }),
    z.object({
      ...base,
      type: z.literal('chat-message'),
      body: z
        .string()
        .min(1, 'must not be empty')
        .max(MAX_CHAT_BODY, `must be at most ${MAX_CHAT_BODY} characters`),
    }),
  ],
  { errorMap: () => ({ message: 'must be room-event or chat-message' }) },
);
