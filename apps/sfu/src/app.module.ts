import { DynamicModule, Module } from '@nestjs/common';
import { RedisModule } from '@yiqiao/jobs';
import { loggingModule } from '@yiqiao/observability';
import { SFU_CONFIG, SfuConfig } from './config';
import { HealthModule } from './health/health.module';

@Module({})
export class SfuAppModule {
  static forRoot(config: SfuConfig): DynamicModule {
    return {
      module: SfuAppModule,
      global: true,
      imports: [loggingModule('sfu', config.LOG_LEVEL), RedisModule.forRoot(config.REDIS_URL), HealthModule],
      providers: [{ provide: SFU_CONFIG, useValue: config }],
      exports: [SFU_CONFIG],
    };
  }
}
