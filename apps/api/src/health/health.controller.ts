import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, HealthIndicatorService } from '@nestjs/terminus';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { Redis } from 'ioredis';
import { REDIS } from '@yiqiao/jobs';
import { postgresHealth, redisHealth } from '@yiqiao/observability';
import { Public } from '../auth/public.decorator';

@Public()
@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(REDIS) private readonly redis: Redis,
  ) {}

  @Get()
  @HealthCheck()
  @ApiOperation({ summary: 'Liveness and dependencies (PostgreSQL, Redis); 503 when one is down' })
  check() {
    return this.health.check([
      () => postgresHealth(this.indicators, this.dataSource),
      () => redisHealth(this.indicators, this.redis),
    ]);
  }
}
