import { DynamicModule, Module } from '@nestjs/common';
import { Clock, SystemClock } from '@yiqiao/domain';
import { PersistenceModule } from '@yiqiao/persistence';
import { RedisModule } from '@yiqiao/jobs';
import { loggingModule } from '@yiqiao/observability';
import { NotificationsModule } from '@yiqiao/notifications';
import { API_CONFIG, ApiConfig } from './config';
import { AdminModule } from './admin/admin.module';
import { AuditModule } from './audit/audit.module';
import { AuthModule } from './auth/auth.module';
import { ConsentsModule } from './consents/consents.module';
import { RequestsModule } from './requests/requests.module';
import { HealthModule } from './health/health.module';
import { InterpretersApiModule } from './interpreters/interpreters-api.module';
import { AvailabilityModule } from './availability/availability.module';
import { ConsultationsModule } from './consultations/consultations.module';
import { HolidaysModule } from './holidays/holidays.module';
import { SchedulingModule } from './scheduling/scheduling.module';
import { NotificationsApiModule } from './notifications/notifications-api.module';
import { VideoModule } from './video/video.module';
import { GuestsModule } from './guests/guests.module';

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
        NotificationsModule.forRoot(config.QUEUE_PREFIX),
        NotificationsApiModule,
        AuthModule,
        ConsentsModule,
        RequestsModule,
        AdminModule,
        AuditModule,
        VideoModule,
        GuestsModule,
        InterpretersApiModule,
        SchedulingModule,
        AvailabilityModule,
        HolidaysModule,
        ConsultationsModule,
      ],
      providers: [
        { provide: API_CONFIG, useValue: config },
        { provide: Clock, useClass: SystemClock },
      ],
      exports: [API_CONFIG, Clock],
      global: true,
    };
  }
}
