import { Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import type { types } from 'mediasoup';
import { ServerEvent } from '@yiqiao/contracts';
import { MEDIA_CODECS } from '../media/media-codecs';
import { WorkerPool } from '../media/worker-pool.service';
import { Room } from './room';

/** The rooms this node hosts, each on one worker; moves rooms off a worker that died. */
@Injectable()
export class RoomManager implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(RoomManager.name);
  private readonly rooms = new Map<string, Room>();
  private readonly creating = new Map<string, Promise<Room>>();

  constructor(private readonly pool: WorkerPool) {}

  onModuleInit(): void {
    this.pool.onWorkerDied((dead, replacement) => void this.moveRooms(dead, replacement));
  }

  onApplicationShutdown(): void {
    for (const room of this.rooms.values()) room.close();
    this.rooms.clear();
  }

  get(consultationId: string): Room | undefined {
    return this.rooms.get(consultationId);
  }

  all(): Room[] {
    return [...this.rooms.values()];
  }

  /** The room of a consultation, created on the least-loaded worker on first use (once, even if racing). */
  async getOrCreate(consultationId: string): Promise<Room> {
    const existing = this.rooms.get(consultationId);
    if (existing) return existing;
    const pending = this.creating.get(consultationId);
    if (pending) return pending;
    const creation = (async () => {
      const room = new Room(consultationId);
      await this.attach(room, this.pool.leastLoaded());
      this.rooms.set(consultationId, room);
      return room;
    })();
    this.creating.set(consultationId, creation);
    try {
      return await creation;
    } finally {
      this.creating.delete(consultationId);
    }
  }

  close(consultationId: string): void {
    this.rooms.get(consultationId)?.close();
    this.rooms.delete(consultationId);
  }

  /** Drops a room nobody is in any more (admission status lives in Redis, so nothing is lost). */
  closeIfEmpty(room: Room): void {
    if (room.peers.size === 0 && this.rooms.get(room.consultationId) === room)
      this.close(room.consultationId);
  }

  private async attach(room: Room, worker: types.Worker): Promise<void> {
    await room.attach(worker, MEDIA_CODECS);
    this.pool.trackRouter(worker, room.router);
  }

  private async moveRooms(dead: types.Worker, replacement: types.Worker): Promise<void> {
    for (const room of this.rooms.values()) {
      if (room.worker !== dead) continue;
      for (const peer of room.peers.values()) peer.closeMedia();
      try {
        await this.attach(room, replacement);
      } catch (error) {
        this.logger.error(`could not re-create room ${room.consultationId}: ${(error as Error).message}`);
        continue;
      }
      this.logger.warn(`room ${room.consultationId} moved to worker ${replacement.pid}; peers rejoin`);
      for (const peer of room.peers.values())
        peer.socket.emit(ServerEvent.Rejoin, { reason: 'The media server restarted; reconnecting.' });
    }
  }
}
