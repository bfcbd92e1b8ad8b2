import { z } from 'zod';
import { logLevel, secret, url } from './env-fields';

/** Development defaults; production deployments must override the secrets (see README). */
export const DEV_JWT_SECRET = 'yiqiao-dev-jwt-secret-change-me';
export const DEV_JOIN_TOKEN_SECRET = 'yiqiao-dev-join-token-secret-change-me';
export const DEV_GUEST_LINK_SECRET = 'yiqiao-dev-guest-link-secret-change-me';

export const databaseEnv = {
  DATABASE_URL: url('postgres://postgres@127.0.0.1:5432/yiqiao', ['postgres:', 'postgresql:']),
};

export const redisEnv = {
  REDIS_URL: url('redis://127.0.0.1:6379', ['redis:', 'rediss:']),
  /** Key prefix for BullMQ queues and registry keys, so several stacks can share one Redis. */
  QUEUE_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,40}$/, 'must be 1-40 letters, digits, "_" or "-"')
    .default('yiqiao'),
};

export const loggingEnv = {
  LOG_LEVEL: logLevel,
};

export const joinTokenEnv = {
  JOIN_TOKEN_SECRET: secret(DEV_JOIN_TOKEN_SECRET),
};

/** Signs guests' invite links (api mints and checks them, the worker puts them in e-mails). */
export const guestLinkEnv = {
  GUEST_LINK_SECRET: secret(DEV_GUEST_LINK_SECRET),
};

export const webEnv = {
  PUBLIC_WEB_URL: url('http://localhost:5173', ['http:', 'https:']),
};
