import { DynamicModule, Module } from '@nestjs/common';
import { PersistenceModule } from '@yiqiao/persistence';
import { RedisModule } from '@yiqiao/jobs';
import { loggingModule } from '@yiqiao/observability';
import { WORKER_CONFIG, WorkerConfig } from './config';
import { HealthModule } from './health/health.module';

@Module({})
export class WorkerAppModule {
  static forRoot(config: WorkerConfig): DynamicModule {
    return {
      module: WorkerAppModule,
      global: true,
      imports: [
        loggingModule('worker', config.LOG_LEVEL),
        PersistenceModule.forRoot(config.DATABASE_URL),
        RedisModule.forRoot(config.REDIS_URL),
        HealthModule,
      ],
      providers: [{ provide: WORKER_CONFIG, useValue: config }],
      exports: [WORKER_CONFIG],
    };
  }
}
