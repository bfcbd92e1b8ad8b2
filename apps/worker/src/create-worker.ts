import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { WorkerAppModule } from './app.module';
import { WorkerConfig } from './config';

/** The worker runs the BullMQ processors and serves /health on a small HTTP port. */
export async function createWorker(config: WorkerConfig): Promise<INestApplication> {
  return NestFactory.create(WorkerAppModule.forRoot(config), { bufferLogs: true });
}
