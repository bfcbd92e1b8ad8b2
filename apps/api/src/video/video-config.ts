import { z } from 'zod';
import { positiveInt } from '@yiqiao/config';

/** Environment of the video-join part of the api (spread into the api config schema). */
export const videoEnv = {
  /** lifetime of a join token: enough to connect, short enough that a leaked link is useless */
  JOIN_TOKEN_TTL_SECONDS: positiveInt(120),
  /** coturn `static-auth-secret`; without it no TURN server is offered (direct/host candidates only) */
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
    .refine((urls) => urls.every((u) => /^turns?:/.test(u)), 'must be comma-separated turn: or turns: URLs'),
  TURN_TTL_SECONDS: positiveInt(3600),
};
