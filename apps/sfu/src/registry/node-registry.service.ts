import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { REDIS } from '@yiqiao/jobs';
import { SFU_NODE_REPORT_INTERVAL_MS, sfuNodesKey } from '@yiqiao/contracts';
import { SFU_CONFIG, SfuConfig } from '../config';
import { LoadSampler } from './load-sampler.service';

/** Publishes this node and its load in Redis every few seconds, so the api can pin rooms to it. */
@Injectable()
export class NodeRegistry implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(NodeRegistry.name);
  private timer: NodeJS.Timeout | null = null;

  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(SFU_CONFIG) private readonly config: SfuConfig,
    private readonly sampler: LoadSampler,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.report();
    this.timer = setInterval(() => void this.report(), SFU_NODE_REPORT_INTERVAL_MS);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.redis
      .hdel(sfuNodesKey(this.config.QUEUE_PREFIX), this.config.SFU_NODE_ID)
      .catch(() => undefined);
  }

  async report(): Promise<void> {
    try {
      const load = await this.sampler.sample();
      await this.redis.hset(sfuNodesKey(this.config.QUEUE_PREFIX), load.nodeId, JSON.stringify(load));
    } catch (error) {
      this.logger.warn(`could not report node load: ${(error as Error).message}`);
    }
  }
}
