import os from 'node:os';
import { z } from 'zod';
import { joinTokenEnv, loadConfig, loggingEnv, port, positiveInt, redisEnv, url } from '@yiqiao/config';

const ipAddress = z.string().ip({ message: 'must be an IP address' });

export const sfuConfigSchema = z
  .object({
    ...redisEnv,
    ...loggingEnv,
    ...joinTokenEnv,
    SFU_PORT: port(3100),
    SFU_HOST: z.string().default('127.0.0.1'),
    /** the URL browsers use to reach this node (registered in Redis, returned by the api) */
    SFU_PUBLIC_URL: url('http://127.0.0.1:3100', ['http:', 'https:']),
    SFU_NODE_ID: z
      .string()
      .regex(/^[A-Za-z0-9_.-]{1,64}$/, 'must be 1-64 letters, digits, ".", "_" or "-"')
      .default(
        os
          .hostname()
          .replace(/[^A-Za-z0-9_.-]/g, '-')
          .slice(0, 64) || 'sfu-1',
      ),
    MEDIASOUP_NUM_WORKERS: positiveInt(os.availableParallelism()),
    MEDIASOUP_LISTEN_IP: ipAddress.default('127.0.0.1'),
    MEDIASOUP_ANNOUNCED_IP: ipAddress.optional(),
    RTC_MIN_PORT: port(40000),
    RTC_MAX_PORT: port(49999),
    TURN_SECRET: z.string().min(16, 'must be at least 16 characters long').optional(),
    TURN_URLS: z
      .string()
      .default('')
      .transform((v) =>
        v
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean),
      )
      .refine(
        (urls) => urls.every((u) => /^turns?:/.test(u)),
        'must be comma-separated turn: or turns: URLs',
      ),
    TURN_TTL_SECONDS: positiveInt(3600),
    /** signalling requests one socket may send per second (burst = 2x) */
    SFU_SOCKET_RATE_PER_SECOND: positiveInt(30),
  })
  .refine((c) => c.RTC_MIN_PORT < c.RTC_MAX_PORT, {
    message: 'RTC_MIN_PORT must be lower than RTC_MAX_PORT',
    path: ['RTC_MIN_PORT'],
  });

export type SfuConfig = z.infer<typeof sfuConfigSchema>;
export const SFU_CONFIG = Symbol('SFU_CONFIG');

export function loadSfuConfig(env: NodeJS.ProcessEnv = process.env): SfuConfig {
  return loadConfig('sfu', sfuConfigSchema, env);
}
