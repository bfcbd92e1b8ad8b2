import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { SfuAppModule } from './app.module';
import { SfuConfig } from './config';

export async function createSfu(config: SfuConfig): Promise<INestApplication> {
  return NestFactory.create(SfuAppModule.forRoot(config), { bufferLogs: true });
}
