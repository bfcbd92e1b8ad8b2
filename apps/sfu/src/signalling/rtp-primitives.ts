import { z } from 'zod';

/** An integer in [min, max]; every failure says what is allowed. */
export function integer(min: number, max: number) {
  const allowed = `must be an integer from ${min} to ${max}`;
  return z
    .number({ required_error: 'is required', invalid_type_error: allowed })
    .int(allowed)
    .min(min, allowed)
    .max(max, allowed);
}

export const MAX_UINT32 = 4_294_967_295;

/** RTP payload types are 7 bits. */
export const payloadType = integer(0, 127);
/** SSRC 0 is refused by mediasoup's RTP listener; any other 32-bit value is allowed. */
export const ssrc = integer(1, MAX_UINT32);
/** mediasoup stores header extension ids in one byte and refuses 0 (two-byte headers allow 1–255). */
export const headerExtensionId = integer(1, 255);

/** RFC 8851 rid-id (alphanumerics, "-" and "_"); 16 characters fit a one-byte header extension. */
export const rid = z
  .string({ invalid_type_error: 'must be a string' })
  .regex(/^[A-Za-z0-9_-]{1,16}$/, 'must be 1–16 letters, digits, "-" or "_"');

/**
 * W3C webrtc-svc scalability modes as mediasoup parses them: L (SVC) or S (simulcast), spatial and
 * temporal layer counts, and optionally "h" (1.5:1 spatial ratio), "_KEY" or "_KEY_SHIFT".
 */
export const SCALABILITY_MODE = /^[LS]([1-9]\d?)T([1-9]\d?)(h|_KEY|_KEY_SHIFT)?$/;
export const scalabilityMode = z
  .string({ invalid_type_error: 'must be a string' })
  .regex(SCALABILITY_MODE, 'must be a scalability mode like L1T3, L3T3 or S3T3');

export function spatialLayersOf(mode: string | undefined): number {
  const match = mode ? SCALABILITY_MODE.exec(mode) : null;
  return match ? Number(match[1]) : 1;
}

/** "audio/opus", "video/VP8": what mediasoup's MIME parser accepts, kept to sane characters. */
export const mimeType = z
  .string({ required_error: 'is required', invalid_type_error: 'must be a string' })
  .regex(/^(audio|video)\/[A-Za-z0-9][A-Za-z0-9.+_-]{0,31}$/i, 'must be "audio/<codec>" or "video/<codec>"');

export function kindOfMimeType(mime: string): 'audio' | 'video' {
  return mime.toLowerCase().startsWith('audio/') ? 'audio' : 'video';
}

export function isRtxMimeType(mime: string): boolean {
  return /\/rtx$/i.test(mime);
}

/** Codec (and header extension) parameters: values are strings or numbers, as in SDP fmtp lines. */
export const codecParameters = z
  .record(
    z
      .string()
      .min(1, 'a parameter name must not be empty')
      .max(64, 'a parameter name has at most 64 characters'),
    z.union([z.string().max(512), z.number().finite()], {
      errorMap: () => ({ message: 'a parameter value must be a string or a number' }),
    }),
  )
  .refine((params) => Object.keys(params).length <= 32, 'at most 32 parameters');

export const rtcpFeedback = z.object({
  type: z
    .string({ required_error: 'is required', invalid_type_error: 'must be a string' })
    .min(1, 'must not be empty')
    .max(32, 'at most 32 characters'),
  parameter: z.string({ invalid_type_error: 'must be a string' }).max(32, 'at most 32 characters').optional(),
});

/** Header extension URIs are URLs or URNs. */
export const headerExtensionUri = z
  .string({ required_error: 'is required', invalid_type_error: 'must be a string' })
  .min(1, 'must not be empty')
  .max(256, 'at most 256 characters');
