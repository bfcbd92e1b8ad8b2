import { HealthIndicatorService, HealthIndicatorResult } from '@nestjs/terminus';
import type { DataSource } from 'typeorm';
import type { Redis } from 'ioredis';

async function timed<T>(probe: () => Promise<T>): Promise<{ latencyMs: number; value: T }> {
  const started = process.hrtime.bigint();
  const value = await probe();
  return { value, latencyMs: Number((process.hrtime.bigint() - started) / 1000n) / 1000 };
}

export async function postgresHealth(
  indicators: HealthIndicatorService,
  dataSource: DataSource,
): Promise<HealthIndicatorResult> {
  const session = indicators.check('postgres');
  try {
    const { latencyMs } = await timed(() => dataSource.query('SELECT 1'));
    return session.up({ latencyMs });
  } catch (error) {
    return session.down({ message: (error as Error).message });
  }
}

export async function redisHealth(
  indicators: HealthIndicatorService,
  redis: Redis,
): Promise<HealthIndicatorResult> {
  const session = indicators.check('redis');
  try {
    const { latencyMs, value } = await timed(() => redis.ping());
    return value === 'PONG'
      ? session.up({ latencyMs })
      : session.down({ message: `unexpected reply ${value}` });
  } catch (error) {
    return session.down({ message: (error as Error).message });
  }
}
