import { z } from 'zod';
import {
  databaseEnv,
  guestLinkEnv,
  loadConfig,
  loggingEnv,
  port,
  positiveInt,
  redisEnv,
  webEnv,
} from '@yiqiao/config';
import { notificationEnv } from './notifications/notification-config';

export const workerConfigSchema = z.object({
  ...databaseEnv,
  ...redisEnv,
  ...loggingEnv,
  ...webEnv,
  ...guestLinkEnv,
  ...notificationEnv,
  WORKER_PORT: port(3200),
  WORKER_HOST: z.string().default('127.0.0.1'),
  /** How often consultations whose join window closed are ended (completed or no-show). */
  CONSULTATION_WINDOW_SWEEP_SECONDS: positiveInt(30),
});

export type WorkerConfig = z.infer<typeof workerConfigSchema>;
export const WORKER_CONFIG = Symbol('WORKER_CONFIG');

export function loadWorkerConfig(env: NodeJS.ProcessEnv = process.env): WorkerConfig {
  return loadConfig('worker', workerConfigSchema, env);
}
