import { z } from 'zod';
import {
  codecParameters,
  headerExtensionId,
  headerExtensionUri,
  integer,
  isRtxMimeType,
  kindOfMimeType,
  MAX_UINT32,
  mimeType,
  payloadType,
  rid,
  rtcpFeedback,
  scalabilityMode,
  spatialLayersOf,
  ssrc,
} from './rtp-primitives';

/**
 * A producer's RTP parameters, as mediasoup-client sends them, checked for everything mediasoup
 * 3.8.4 (its ortc.js and its worker) would otherwise refuse with an exception. Unknown fields are
 * dropped, so they never reach mediasoup. What depends on the router (which codecs and header
 * extensions it offers) is checked by `checkProducerSupport`.
 */
const codec = z.object({
  mimeType,
  payloadType,
  clockRate: integer(1, MAX_UINT32),
  channels: integer(1, 255).optional(),
  parameters: codecParameters.optional(),
  rtcpFeedback: z.array(rtcpFeedback).max(32, 'at most 32 entries').optional(),
});

const headerExtension = z.object({
  uri: headerExtensionUri,
  id: headerExtensionId,
  encrypt: z.boolean().optional(),
  parameters: codecParameters.optional(),
});

const priority = z.enum(['very-low', 'low', 'medium', 'high']);

const encoding = z.object({
  ssrc: ssrc.optional(),
  rid: rid.optional(),
  codecPayloadType: payloadType.optional(),
  rtx: z.object({ ssrc }).optional(),
  dtx: z.boolean().optional(),
  scalabilityMode: scalabilityMode.optional(),
  scaleResolutionDownBy: z.number().finite().min(1, 'must be at least 1').max(1024).optional(),
  maxBitrate: integer(1, MAX_UINT32).optional(),
  maxFramerate: z.number().finite().positive('must be positive').max(1000).optional(),
  active: z.boolean().optional(),
  adaptivePtime: z.boolean().optional(),
  priority: priority.optional(),
  networkPriority: priority.optional(),
});

const rtcp = z.object({
  cname: z.string().max(256, 'at most 256 characters').optional(),
  reducedSize: z.boolean().optional(),
  mux: z.boolean().optional(),
});

const rtpParametersShape = z.object({
  mid: z.string().min(1, 'must not be empty').max(32, 'at most 32 characters').optional(),
  codecs: z.array(codec).min(1, 'must list at least one codec').max(16, 'at most 16 codecs'),
  headerExtensions: z.array(headerExtension).max(32, 'at most 32 header extensions').optional(),
  encodings: z.array(encoding).min(1, 'must list at least one encoding').max(10, 'at most 10 encodings'),
  rtcp: rtcp.optional(),
});

export type ProducerRtpParameters = z.infer<typeof rtpParametersShape>;

type Issue = (path: (string | number)[], message: string) => void;

function checkCodecs({ codecs }: ProducerRtpParameters, issue: Issue): void {
  const seen = new Map<number, number>();
  codecs.forEach((c, i) => {
    const first = seen.get(c.payloadType);
    if (first !== undefined)
      issue(
        ['codecs', i, 'payloadType'],
        `duplicates the payload type of codecs.${first} (${c.payloadType})`,
      );
    else seen.set(c.payloadType, i);
  });
  const kinds = new Set(codecs.map((c) => kindOfMimeType(c.mimeType)));
  if (kinds.size > 1) issue(['codecs'], 'must be all audio or all video');
  if (codecs.every((c) => isRtxMimeType(c.mimeType)))
    issue(['codecs'], 'must include a media codec, not only RTX');
  codecs.forEach((c, i) => {
    if (!isRtxMimeType(c.mimeType)) return;
    const apt = c.parameters?.apt;
    const target = codecs.find((m) => m.payloadType === apt && !isRtxMimeType(m.mimeType));
    if (typeof apt !== 'number' || !target)
      issue(
        ['codecs', i, 'parameters', 'apt'],
        'RTX requires apt, the payload type (a number) of a media codec in this list',
      );
  });
}

function checkHeaderExtensions({ headerExtensions = [] }: ProducerRtpParameters, issue: Issue): void {
  const ids = new Set<number>();
  const uris = new Set<string>();
  headerExtensions.forEach((ext, i) => {
    if (ids.has(ext.id)) issue(['headerExtensions', i, 'id'], `id ${ext.id} is used twice`);
    if (uris.has(ext.uri)) issue(['headerExtensions', i, 'uri'], 'is listed twice');
    ids.add(ext.id);
    uris.add(ext.uri);
  });
}

function checkEncodings(params: ProducerRtpParameters, issue: Issue): void {
  const { encodings, codecs, mid } = params;
  const ssrcs = new Set<number>();
  const rids = new Set<string>();
  const mediaPayloadTypes = new Set(
    codecs.filter((c) => !isRtxMimeType(c.mimeType)).map((c) => c.payloadType),
  );
  encodings.forEach((e, i) => {
    for (const [value, path] of [
      [e.ssrc, ['encodings', i, 'ssrc']],
      [e.rtx?.ssrc, ['encodings', i, 'rtx', 'ssrc']],
    ] as const) {
      if (value === undefined) continue;
      if (ssrcs.has(value)) issue([...path], `ssrc ${value} is used twice`);
      ssrcs.add(value);
    }
    if (e.rid !== undefined) {
      if (rids.has(e.rid)) issue(['encodings', i, 'rid'], `rid "${e.rid}" is used twice`);
      rids.add(e.rid);
    }
    if (encodings.length > 1 && e.ssrc === undefined && e.rid === undefined)
      issue(['encodings', i], 'with several encodings (simulcast) each needs an ssrc or a rid');
    if (encodings.length === 1 && e.ssrc === undefined && e.rid === undefined && mid === undefined)
      issue(['encodings', i], 'needs an ssrc or a rid, or the parameters a mid');
    if (encodings.length > 1 && spatialLayersOf(e.scalabilityMode) > 1)
      issue(['encodings', i, 'scalabilityMode'], 'simulcast encodings have one spatial layer each (L1Tn)');
    if (e.codecPayloadType !== undefined && !mediaPayloadTypes.has(e.codecPayloadType))
      issue(['encodings', i, 'codecPayloadType'], 'must be the payload type of a media codec in codecs');
  });
}

export const rtpParameters = rtpParametersShape.superRefine((params, ctx) => {
  const issue: Issue = (path, message) => ctx.addIssue({ code: z.ZodIssueCode.custom, path, message });
  checkCodecs(params, issue);
  checkHeaderExtensions(params, issue);
  checkEncodings(params, issue);
});
