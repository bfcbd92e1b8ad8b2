import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { HealthController } from './health.controller';

/** WorkerPool comes from the (global) SFU app module. */
@Module({ imports: [TerminusModule], controllers: [HealthController] })
export class HealthModule {}
