import { z } from 'zod';
import { ClientEvent, ServerEvent } from '@yiqiao/contracts';
import type { ChatMessage } from '@yiqiao/contracts';
import { SignalFailure } from '../signal-failure';
import { defineHandler } from '../signal-handler';

export const MAX_CHAT_LENGTH = 2000;

/** In-call chat: stored with the consultation (by the worker) before anyone sees it. */
export const sendChatHandler = defineHandler({
  event: ClientEvent.SendChat,
  schema: z
    .object({
      body: z
        .string()
        .transform((s) => s.trim())
        .pipe(
          z
            .string()
            .min(1, 'must not be empty')
            .max(MAX_CHAT_LENGTH, `at most ${MAX_CHAT_LENGTH} characters`),
        ),
    })
    .strict(),
  requires: 'in_call',
  async handle({ room, peer, services }, { body }): Promise<ChatMessage> {
    let stored;
    try {
      stored = await services.publisher.storeChat(room.consultationId, peer, body);
    } catch {
      throw new SignalFailure('unavailable', 'The message could not be saved; please send it again.');
    }
    const message: ChatMessage = {
      messageId: stored.eventId,
      userId: peer.userId,
      displayName: peer.displayName,
      role: peer.role,
      body,
      sentAt: stored.occurredAt,
    };
    room.broadcast(ServerEvent.ChatMessage, message, peer);
    return message;
  },
});
