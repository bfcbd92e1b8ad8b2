import { Inject, Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { z } from 'zod';
import { ServerEvent, sfuControlChannel } from '@yiqiao/contracts';
import type { EndedNotice } from '@yiqiao/contracts';
import { REDIS } from '@yiqiao/jobs';
import { SFU_CONFIG, SfuConfig } from '../config';
import { RoomEventPublisher } from '../room-events/room-event-publisher';
import { AdmissionStore } from './admission-store';
import { removePeer } from './participation';
import { RoomManager } from './room-manager.service';

export const WITHDRAWN_MESSAGE =
  'Your invitation to this consultation was withdrawn. Ask the person who invited you if this is a mistake.';

const command = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('remove-participant'),
    consultationId: z.string().uuid(),
    userId: z.string().uuid(),
    reason: z.literal('invitation_withdrawn'),
  }),
  z.object({
    type: z.literal('end-room'),
    consultationId: z.string().uuid(),
    reason: z.literal('window_closed'),
  }),
]);

/**
 * Acts on what the api and the worker publish on the SFU control channel, on whichever node hosts the
 * room: someone who may no longer be in a call (a guest whose invitation was withdrawn) is put out of
 * it; a call whose join window closed is ended for everyone.
 */
@Injectable()
export class RoomControlListener implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(RoomControlListener.name);
  private subscriber: Redis | null = null;

  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(SFU_CONFIG) private readonly config: SfuConfig,
    private readonly rooms: RoomManager,
    private readonly admissions: AdmissionStore,
    private readonly publisher: RoomEventPublisher,
  ) {}

  async onModuleInit(): Promise<void> {
    // a connection in subscriber mode can do nothing else, hence its own
    this.subscriber = this.redis.duplicate();
    this.subscriber.on('message', (_channel: string, raw: string) => void this.handle(raw));
    await this.subscriber.subscribe(sfuControlChannel(this.config.QUEUE_PREFIX));
  }

  async onApplicationShutdown(): Promise<void> {
    await this.subscriber?.quit().catch(() => undefined);
  }

  async handle(raw: string): Promise<void> {
    let parsed: z.infer<typeof command>;
    try {
      parsed = command.parse(JSON.parse(raw));
    } catch {
      this.logger.warn(`ignored a malformed control message: ${raw.slice(0, 200)}`);
      return;
    }
    const room = this.rooms.get(parsed.consultationId);
    if (parsed.type === 'end-room') {
      if (!room) return; // not hosted here; the ended marker refuses later joins everywhere
      const everyone = [...room.peers.values()];
      const notice: EndedNotice = { endedBy: null, reason: parsed.reason };
      for (const peer of everyone) peer.socket.emit(ServerEvent.Ended, notice);
      this.rooms.close(room.consultationId);
      setImmediate(() => everyone.forEach((peer) => peer.socket.disconnect(true)));
      this.logger.log(`ended ${room.consultationId}: ${parsed.reason}`);
      return;
    }
    const target = room?.peers.get(parsed.userId);
    if (!room || !target) return; // not on this node, or not connected: the join refusal covers them
    const services = {
      config: this.config,
      rooms: this.rooms,
      admissions: this.admissions,
      publisher: this.publisher,
    };
    await removePeer(room, target, services, { reason: parsed.reason });
    this.logger.log(`removed ${target.role} ${target.userId} from ${room.consultationId}: ${parsed.reason}`);
  }
}
