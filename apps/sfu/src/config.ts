import { z } from 'zod';
import { joinTokenEnv, loadConfig, loggingEnv, port, redisEnv } from '@yiqiao/config';

export const sfuConfigSchema = z.object({
  ...redisEnv,
  ...loggingEnv,
  ...joinTokenEnv,
  SFU_PORT: port(3100),
  SFU_HOST: z.string().default('127.0.0.1'),
});

export type SfuConfig = z.infer<typeof sfuConfigSchema>;
export const SFU_CONFIG = Symbol('SFU_CONFIG');

export function loadSfuConfig(env: NodeJS.ProcessEnv = process.env): SfuConfig {
  return loadConfig('sfu', sfuConfigSchema, env);
}
