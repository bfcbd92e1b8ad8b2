import { z } from 'zod';
import {
  codecParameters,
  headerExtensionId,
  headerExtensionUri,
  integer,
  MAX_UINT32,
  mimeType,
  payloadType,
  rtcpFeedback,
} from './rtp-primitives';

const kind = z.enum(['audio', 'video'], { errorMap: () => ({ message: 'must be "audio" or "video"' }) });

/** A receiving device's codec, as mediasoup-client's `device.rtpCapabilities` lists it. */
const codecCapability = z.object({
  kind: kind.optional(),
  mimeType,
  preferredPayloadType: payloadType.optional(),
  clockRate: integer(1, MAX_UINT32),
  channels: integer(1, 255).optional(),
  parameters: codecParameters.optional(),
  rtcpFeedback: z.array(rtcpFeedback).max(32, 'at most 32 entries').optional(),
});

/** mediasoup's validateRtpHeaderExtension requires kind and preferredId. */
const headerExtensionCapability = z.object({
  kind,
  uri: headerExtensionUri,
  preferredId: headerExtensionId,
  preferredEncrypt: z.boolean().optional(),
  direction: z
    .enum(['sendrecv', 'sendonly', 'recvonly', 'inactive'], {
      errorMap: () => ({ message: 'must be sendrecv, sendonly, recvonly or inactive' }),
    })
    .optional(),
});

/** What a consumer can decode. Unknown fields are dropped before mediasoup sees them. */
export const rtpCapabilities = z.object({
  codecs: z.array(codecCapability).max(64, 'at most 64 codecs').optional(),
  headerExtensions: z.array(headerExtensionCapability).max(64, 'at most 64 header extensions').optional(),
});
