import { z } from 'zod';
import {
  databaseEnv,
  DEV_JWT_SECRET,
  guestLinkEnv,
  joinTokenEnv,
  loadConfig,
  loggingEnv,
  port,
  positiveInt,
  redisEnv,
  secret,
  webEnv,
} from '@yiqiao/config';
import { videoEnv } from './video/video-config';

export const apiConfigSchema = z.object({
  ...databaseEnv,
  ...redisEnv,
  ...loggingEnv,
  ...joinTokenEnv,
  ...guestLinkEnv,
  ...webEnv,
  ...videoEnv,
  API_PORT: port(3000),
  API_HOST: z.string().default('127.0.0.1'),
  JWT_SECRET: secret(DEV_JWT_SECRET),
  ACCESS_TOKEN_TTL_SECONDS: positiveInt(15 * 60),
  REFRESH_TOKEN_TTL_SECONDS: positiveInt(30 * 24 * 3600),
});

export type ApiConfig = z.infer<typeof apiConfigSchema>;
export const API_CONFIG = Symbol('API_CONFIG');

export function loadApiConfig(env: NodeJS.ProcessEnv = process.env): ApiConfig {
  return loadConfig('api', apiConfigSchema, env);
}
