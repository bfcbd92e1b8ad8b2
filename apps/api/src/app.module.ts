import { DynamicModule, Module } from '@nestjs/common';
import { PersistenceModule } from '@yiqiao/persistence';
import { RedisModule } from '@yiqiao/jobs';
import { loggingModule } from '@yiqiao/observability';
import { API_CONFIG, ApiConfig } from './config';
import { HealthModule } from './health/health.module';

@Module({})
export class AppModule {
  static forRoot(config: ApiConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        loggingModule('api', config.LOG_LEVEL),
        PersistenceModule.forRoot(config.DATABASE_URL),
        RedisModule.forRoot(config.REDIS_URL),
        HealthModule,
      ],
      providers: [{ provide: API_CONFIG, useValue: config }],
      exports: [API_CONFIG],
      global: true,
    };
  }
}
