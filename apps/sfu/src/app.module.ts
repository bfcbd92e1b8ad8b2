import { DynamicModule, Module } from '@nestjs/common';
import { Clock, SystemClock } from '@yiqiao/domain';
import { RedisModule } from '@yiqiao/jobs';
import { loggingModule } from '@yiqiao/observability';
import { SFU_CONFIG, SfuConfig } from './config';
import { HealthModule } from './health/health.module';
import { WorkerPool } from './media/worker-pool.service';
import { MetricsController } from './metrics/metrics.controller';
import { LoadSampler } from './registry/load-sampler.service';
import { NodeRegistry } from './registry/node-registry.service';
import { RoomEventPublisher } from './room-events/room-event-publisher';
import { AdmissionStore } from './rooms/admission-store';
import { RoomControlListener } from './rooms/room-control.listener';
import { RoomManager } from './rooms/room-manager.service';
import { SignallingGateway } from './signalling/signalling.gateway';

@Module({})
export class SfuAppModule {
  static forRoot(config: SfuConfig): DynamicModule {
    return {
      module: SfuAppModule,
      global: true,
      imports: [loggingModule('sfu', config.LOG_LEVEL), RedisModule.forRoot(config.REDIS_URL), HealthModule],
      controllers: [MetricsController],
      providers: [
        { provide: SFU_CONFIG, useValue: config },
        { provide: Clock, useClass: SystemClock },
        WorkerPool,
        RoomManager,
        AdmissionStore,
        RoomEventPublisher,
        LoadSampler,
        NodeRegistry,
        RoomControlListener,
        SignallingGateway,
      ],
      exports: [SFU_CONFIG, WorkerPool, Clock],
    };
  }
}
