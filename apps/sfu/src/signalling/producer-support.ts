import type { types } from 'mediasoup';
import { ClientEvent } from '@yiqiao/contracts';
import { invalidField } from './invalid-field';
import { isRtxMimeType, kindOfMimeType } from './rtp-primitives';
import type { ProducerRtpParameters } from './rtp-parameters.schema';

const refuse = (path: string, problem: string) => invalidField(ClientEvent.Produce, path, problem);

function offered(caps: types.RtpCapabilities, kind: types.MediaKind): string {
  const names = (caps.codecs ?? []).filter((c) => c.kind === kind).map((c) => c.mimeType);
  return names.length ? names.join(', ') : 'none';
}

/**
 * What the schema cannot know: the producer's codecs and header extensions must be ones this
 * router offers for its kind (mediasoup throws "unsupported codec" otherwise), at the router's
 * clock rate and channel count.
 */
export function checkProducerSupport(
  kind: types.MediaKind,
  params: ProducerRtpParameters,
  caps: types.RtpCapabilities,
): void {
  params.codecs.forEach((codec, i) => {
    const path = `rtpParameters.codecs.${i}`;
    if (kindOfMimeType(codec.mimeType) !== kind)
      throw refuse(`${path}.mimeType`, `${codec.mimeType} is not a ${kind} codec (kind is ${kind})`);
    const cap = (caps.codecs ?? []).find(
      (c) => c.kind === kind && c.mimeType.toLowerCase() === codec.mimeType.toLowerCase(),
    );
    if (!cap)
      throw refuse(`${path}.mimeType`, `${codec.mimeType} is not offered (${kind}: ${offered(caps, kind)})`);
    if (isRtxMimeType(codec.mimeType)) return;
    if (codec.clockRate !== cap.clockRate)
      throw refuse(`${path}.clockRate`, `${cap.mimeType} runs at ${cap.clockRate}`);
    if (kind === 'audio' && (codec.channels ?? 1) !== (cap.channels ?? 1))
      throw refuse(`${path}.channels`, `${cap.mimeType} has ${cap.channels ?? 1} channel(s)`);
  });
  const uris = new Set((caps.headerExtensions ?? []).filter((e) => e.kind === kind).map((e) => e.uri));
  (params.headerExtensions ?? []).forEach((ext, i) => {
    if (!uris.has(ext.uri))
      throw refuse(
        `rtpParameters.headerExtensions.${i}.uri`,
        `not a ${kind} header extension this server knows`,
      );
  });
}

/**
 * mediasoup's RTP listener (one per transport) refuses an ssrc or mid another producer on the same
 * transport already uses, and a rid already used when no mid tells them apart.
 */
export function checkTransportConflicts(params: ProducerRtpParameters, others: types.Producer[]): void {
  const ssrcs = new Set<number>();
  const mids = new Set<string>();
  const rids = new Set<string>();
  for (const other of others) {
    const { mid, encodings = [] } = other.rtpParameters;
    if (mid) mids.add(mid);
    for (const e of encodings) {
      if (e.ssrc) ssrcs.add(e.ssrc);
      if (e.rtx?.ssrc) ssrcs.add(e.rtx.ssrc);
      if (e.rid) rids.add(e.rid);
    }
  }
  if (params.mid !== undefined && mids.has(params.mid))
    throw refuse('rtpParameters.mid', `mid "${params.mid}" is already used on this transport`);
  params.encodings.forEach((e, i) => {
    for (const [value, field] of [
      [e.ssrc, 'ssrc'],
      [e.rtx?.ssrc, 'rtx.ssrc'],
    ] as const)
      if (value !== undefined && ssrcs.has(value))
        throw refuse(
          `rtpParameters.encodings.${i}.${field}`,
          `ssrc ${value} is already used on this transport`,
        );
    if (e.rid !== undefined && params.mid === undefined && rids.has(e.rid))
      throw refuse(
        `rtpParameters.encodings.${i}.rid`,
        `rid "${e.rid}" is already used on this transport; send a mid`,
      );
  });
}
