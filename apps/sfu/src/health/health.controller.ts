import { Controller, Get, Inject } from '@nestjs/common';
import { HealthCheck, HealthCheckService, HealthIndicatorService } from '@nestjs/terminus';
import type { Redis } from 'ioredis';
import { REDIS } from '@yiqiao/jobs';
import { redisHealth } from '@yiqiao/observability';
import { SFU_CONFIG, SfuConfig } from '../config';
import { WorkerPool } from '../media/worker-pool.service';

@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(SFU_CONFIG) private readonly config: SfuConfig,
    private readonly pool: WorkerPool,
  ) {}

  @Get()
  @HealthCheck()
  check() {
    return this.health.check([() => redisHealth(this.indicators, this.redis), () => this.mediasoup()]);
  }

  /** Up while at least one worker lives (a dead one is being replaced); reports how many. */
  private mediasoup() {
    const session = this.indicators.check('mediasoup');
    const details = {
      workersAlive: this.pool.aliveCount(),
      workersConfigured: this.config.MEDIASOUP_NUM_WORKERS,
      pids: this.pool
        .all()
        .filter((w) => !w.closed)
        .map((w) => w.pid),
    };
    return details.workersAlive > 0
      ? session.up(details)
      : session.down({ ...details, message: 'no live mediasoup worker' });
  }
}
