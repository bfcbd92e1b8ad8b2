import { Inject, Injectable } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { REDIS } from '@yiqiao/jobs';
import { SFU_NODE_STALE_AFTER_MS, sfuNodesKey } from '@yiqiao/contracts';
import type { SfuNodeLoad } from '@yiqiao/contracts';
import { API_CONFIG, type ApiConfig } from '../config';

/** Orders nodes by load: consumers forwarded first, then peers, rooms and worker CPU. */
export function byLoad(a: SfuNodeLoad, b: SfuNodeLoad): number {
  return (
    a.consumers - b.consumers ||
    a.peers - b.peers ||
    a.rooms - b.rooms ||
    a.workerCpuPercent - b.workerCpuPercent
  );
}

/** Reads the SFU node registry the sfu processes keep in Redis. */
@Injectable()
export class SfuNodePicker {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(API_CONFIG) private readonly config: ApiConfig,
  ) {}

  /** Nodes that reported recently and have a live mediasoup worker. */
  async liveNodes(now = Date.now()): Promise<SfuNodeLoad[]> {
    const entries = await this.redis.hgetall(sfuNodesKey(this.config.QUEUE_PREFIX));
    return Object.values(entries)
      .flatMap((raw) => {
        try {
          return [JSON.parse(raw) as SfuNodeLoad];
        } catch {
          return [];
        }
      })
      .filter((node) => now - node.updatedAt <= SFU_NODE_STALE_AFTER_MS && node.workersAlive > 0);
  }

  /** The node a consultation should use: the one it is pinned to while alive, else the least loaded. */
  async choose(pinnedNodeId: string | null): Promise<SfuNodeLoad | null> {
    const nodes = await this.liveNodes();
    const pinned = nodes.find((n) => n.nodeId === pinnedNodeId);
    if (pinned) return pinned;
    return [...nodes].sort(byLoad)[0] ?? null;
  }
}
