import { Inject, Injectable } from '@nestjs/common';
import type { types } from 'mediasoup';
import type { SfuNodeLoad } from '@yiqiao/contracts';
import { SFU_CONFIG, SfuConfig } from '../config';
import { WorkerPool } from '../media/worker-pool.service';
import { RoomManager } from '../rooms/room-manager.service';

interface CpuSample {
  cpuMs: number;
  at: number;
}

/** Counts rooms, peers and consumers and measures worker CPU (getResourceUsage) for registry and metrics. */
@Injectable()
export class LoadSampler {
  private readonly previous = new WeakMap<types.Worker, CpuSample>();
  /** cumulative CPU seconds per worker pid, for the Prometheus counter */
  readonly cpuSecondsByPid = new Map<number, number>();

  constructor(
    @Inject(SFU_CONFIG) private readonly config: SfuConfig,
    private readonly pool: WorkerPool,
    private readonly rooms: RoomManager,
  ) {}

  counts(): { rooms: number; peers: number; waiting: number; consumers: number; producers: number } {
    const rooms = this.rooms.all();
    const peers = rooms.flatMap((r) => [...r.peers.values()]);
    return {
      rooms: rooms.length,
      peers: peers.length,
      waiting: peers.filter((p) => p.status === 'waiting').length,
      consumers: peers.reduce((n, p) => n + p.consumers.size, 0),
      producers: peers.reduce((n, p) => n + p.producers.size, 0),
    };
  }

  /** Mean CPU percentage of live workers since the previous call. */
  async workerCpuPercent(): Promise<number> {
    const percents: number[] = [];
    const alivePids = new Set(this.pool.all().map((w) => w.pid));
    for (const pid of this.cpuSecondsByPid.keys()) if (!alivePids.has(pid)) this.cpuSecondsByPid.delete(pid);
    for (const worker of this.pool.all()) {
      if (worker.closed) continue;
      const usage = await worker.getResourceUsage().catch(() => null);
      if (!usage) continue;
      const cpuMs = usage.ru_utime + usage.ru_stime;
      this.cpuSecondsByPid.set(worker.pid, cpuMs / 1000);
      const now = Date.now();
      const before = this.previous.get(worker);
      this.previous.set(worker, { cpuMs, at: now });
      if (before && now > before.at) percents.push(((cpuMs - before.cpuMs) / (now - before.at)) * 100);
    }
    return percents.length ? percents.reduce((a, b) => a + b, 0) / percents.length : 0;
  }

  async sample(): Promise<SfuNodeLoad> {
    const { rooms, peers, consumers } = this.counts();
    return {
      nodeId: this.config.SFU_NODE_ID,
      url: this.config.SFU_PUBLIC_URL,
      rooms,
      peers,
      consumers,
      workersAlive: this.pool.aliveCount(),
      workerCpuPercent: Math.round((await this.workerCpuPercent()) * 10) / 10,
      updatedAt: Date.now(),
    };
  }
}
