import { z } from 'zod';

/** mediasoup objects are validated for shape here; mediasoup itself validates their contents. */
const object = z.record(z.unknown());
export const id = z.string().uuid('must be an id returned by the server');

export const rtpCapabilities = z
  .object({
    codecs: z.array(object).max(100).optional(),
    headerExtensions: z.array(object).max(100).optional(),
  })
  .passthrough();
export const rtpParameters = z
  .object({
    codecs: z.array(object).min(1).max(50),
    encodings: z.array(object).max(10).optional(),
    headerExtensions: z.array(object).max(50).optional(),
    mid: z.string().max(64).optional(),
    rtcp: object.optional(),
  })
  .passthrough();
export const dtlsParameters = z
  .object({
    role: z.enum(['auto', 'client', 'server']).optional(),
    fingerprints: z
      .array(z.object({ algorithm: z.string(), value: z.string() }))
      .min(1)
      .max(10),
  })
  .passthrough();
export const empty = z.object({}).strict().optional().default({});
