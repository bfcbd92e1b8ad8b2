import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { Queue, QueueEvents } from 'bullmq';
import { ROOM_EVENTS_QUEUE } from '@yiqiao/contracts';
import type { ChatMessageJob, RoomEventJob, RoomEventKind } from '@yiqiao/contracts';
import { Clock } from '@yiqiao/domain';
import { SFU_CONFIG, SfuConfig } from '../config';
import type { Peer } from '../rooms/peer';

const CHAT_STORE_TIMEOUT_MS = 5_000;

/**
 * The sfu writes no domain data: it reports room events and chat messages on a BullMQ queue and the
 * worker stores them. Chat waits for the worker, so nobody sees a message that was not stored.
 */
@Injectable()
export class RoomEventPublisher implements OnApplicationShutdown {
  private readonly logger = new Logger(RoomEventPublisher.name);
  private readonly connection: { url: string; maxRetriesPerRequest: null };
  private readonly queue: Queue;
  private readonly queueEvents: QueueEvents;

  constructor(
    @Inject(SFU_CONFIG) private readonly config: SfuConfig,
    private readonly clock: Clock,
  ) {
    this.connection = { url: config.REDIS_URL, maxRetriesPerRequest: null };
    const options = { connection: this.connection, prefix: config.QUEUE_PREFIX };
    this.queue = new Queue(ROOM_EVENTS_QUEUE, {
      ...options,
      defaultJobOptions: {
        attempts: 10,
        backoff: { type: 'exponential', delay: 1000 },
        removeOnComplete: 1000,
      },
    });
    this.queueEvents = new QueueEvents(ROOM_EVENTS_QUEUE, options);
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.allSettled([this.queue.close(), this.queueEvents.close()]);
  }

  private base(consultationId: string, actor: Peer) {
    return {
      eventId: randomUUID(),
      consultationId,
      userId: actor.userId,
      role: actor.role,
      displayName: actor.displayName,
      occurredAt: this.clock.now().toISOString(),
      sfuNodeId: this.config.SFU_NODE_ID,
    };
  }

  /** Fire and forget for the caller; BullMQ retries until the worker has stored it. */
  report(consultationId: string, actor: Peer, kind: RoomEventKind, subjectUserId?: string): void {
    const job: RoomEventJob = {
      ...this.base(consultationId, actor),
      type: 'room-event',
      kind,
      subjectUserId,
    };
    this.queue.add(kind, job, { jobId: job.eventId }).catch((error: Error) => {
      this.logger.error(`could not queue room event ${kind} for ${consultationId}: ${error.message}`);
    });
  }

  /** Resolves once the worker stored the message in PostgreSQL; rejects if it could not. */
  async storeChat(consultationId: string, author: Peer, body: string): Promise<ChatMessageJob> {
    const job: ChatMessageJob = { ...this.base(consultationId, author), type: 'chat-message', body };
    const queued = await this.queue.add('chat-message', job, { jobId: job.eventId, attempts: 1 });
    try {
      await queued.waitUntilFinished(this.queueEvents, CHAT_STORE_TIMEOUT_MS);
    } catch (error) {
      // not stored in time: withdraw it (unless a worker already took it) so the sender's retry is the only copy
      await queued.remove().catch(() => undefined);
      throw error;
    }
    return job;
  }
}
