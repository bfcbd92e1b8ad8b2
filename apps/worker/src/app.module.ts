import { DynamicModule, Module } from '@nestjs/common';
import { Clock, SystemClock } from '@yiqiao/domain';
import { PersistenceModule } from '@yiqiao/persistence';
import { RedisModule } from '@yiqiao/jobs';
import { loggingModule } from '@yiqiao/observability';
import { NotificationsModule } from '@yiqiao/notifications';
import { WORKER_CONFIG, WorkerConfig } from './config';
import { HealthModule } from './health/health.module';
import { InterpretersWorkerModule } from './interpreters/interpreters-worker.module';
import { NotificationsWorkerModule } from './notifications/notifications-worker.module';
import { ReconcilerModule } from './reconciler/reconciler.module';
import { RoomEventsModule } from './room-events/room-events.module';
import { ConsultationWindowModule } from './consultation-window/consultation-window.module';

@Module({})
export class WorkerAppModule {
  static forRoot(config: WorkerConfig): DynamicModule {
    return {
      module: WorkerAppModule,
      global: true,
      imports: [
        loggingModule('worker', config.LOG_LEVEL),
        // 10 shared connections plus one reserved per provider send in flight (see DeliveryService).
        PersistenceModule.forRoot(config.DATABASE_URL, 10 + config.SMTP_MAX_CONNECTIONS),
        RedisModule.forRoot(config.REDIS_URL),
        HealthModule,
        NotificationsModule.forRoot(config.QUEUE_PREFIX),
        NotificationsWorkerModule,
        ReconcilerModule,
        InterpretersWorkerModule,
        RoomEventsModule,
        ConsultationWindowModule,
      ],
      providers: [
        { provide: WORKER_CONFIG, useValue: config },
        { provide: Clock, useClass: SystemClock },
      ],
      exports: [WORKER_CONFIG, Clock],
    };
  }
}
