import type { types } from 'mediasoup';
import { generateRouterRtpCapabilities } from 'mediasoup/lib/ortc';
import { MEDIA_CODECS } from '../media/media-codecs';
import { SignalFailure } from './signal-failure';
import { checkProducerSupport, checkTransportConflicts } from './producer-support';
import type { ProducerRtpParameters } from './rtp-parameters.schema';

/** The router's capabilities exactly as mediasoup 3.8.4 derives them from our codecs (no worker needed). */
const caps = generateRouterRtpCapabilities(structuredClone(MEDIA_CODECS));

function video(): ProducerRtpParameters {
  return {
    mid: '0',
    codecs: [
      { mimeType: 'video/VP8', payloadType: 96, clockRate: 90000 },
      { mimeType: 'video/rtx', payloadType: 97, clockRate: 90000, parameters: { apt: 96 } },
    ],
    headerExtensions: [{ uri: 'urn:ietf:params:rtp-hdrext:sdes:mid', id: 4 }],
    encodings: [{ rid: 'r0' }, { rid: 'r1' }],
  };
}

function refusal(run: () => void): string {
  try {
    run();
  } catch (error) {
    if (error instanceof SignalFailure) return `${error.code}: ${error.message}`;
    throw error;
  }
  return 'accepted';
}

describe("producer parameters against the router's capabilities", () => {
  it('accepts the codecs and header extensions the router offers, whatever the case of the MIME type', () => {
    expect(refusal(() => checkProducerSupport('video', video(), caps))).toBe('accepted');
    const h264 = video();
    h264.codecs[0] = { mimeType: 'video/h264', payloadType: 96, clockRate: 90000 };
    expect(refusal(() => checkProducerSupport('video', h264, caps))).toBe('accepted');
    const opus: ProducerRtpParameters = {
      codecs: [{ mimeType: 'audio/opus', payloadType: 111, clockRate: 48000, channels: 2 }],
      headerExtensions: [{ uri: 'urn:ietf:params:rtp-hdrext:ssrc-audio-level', id: 1 }],
      encodings: [{ ssrc: 1234 }],
    };
    expect(refusal(() => checkProducerSupport('audio', opus, caps))).toBe('accepted');
  });

  it.each<[string, types.MediaKind, (p: ProducerRtpParameters) => void, string]>([
    [
      'an unknown codec',
      'video',
      (p) => (p.codecs[0].mimeType = 'video/AV1'),
      'invalid_payload: Invalid producer:create: rtpParameters.codecs.0.mimeType: video/AV1 is not offered (video: video/VP8, video/rtx, video/H264, video/rtx)',
    ],
    [
      'video codecs for an audio producer',
      'audio',
      () => undefined,
      'invalid_payload: Invalid producer:create: rtpParameters.codecs.0.mimeType: video/VP8 is not a audio codec (kind is audio)',
    ],
    [
      'the wrong clock rate',
      'video',
      (p) => (p.codecs[0].clockRate = 8000),
      'invalid_payload: Invalid producer:create: rtpParameters.codecs.0.clockRate: video/VP8 runs at 90000',
    ],
    [
      'an unknown header extension',
      'video',
      (p) => (p.headerExtensions = [{ uri: 'urn:ietf:params:rtp-hdrext:ssrc-audio-level', id: 1 }]),
      'invalid_payload: Invalid producer:create: rtpParameters.headerExtensions.0.uri: not a video header extension this server knows',
    ],
  ])('refuses %s', (_name, kind, mutate, expected) => {
    const params = video();
    mutate(params);
    expect(refusal(() => checkProducerSupport(kind, params, caps))).toBe(expected);
  });

  it('refuses mono opus when the router offers stereo', () => {
    const mono: ProducerRtpParameters = {
      codecs: [{ mimeType: 'audio/opus', payloadType: 111, clockRate: 48000 }],
      encodings: [{ ssrc: 1 }],
    };
    expect(refusal(() => checkProducerSupport('audio', mono, caps))).toMatch(
      /rtpParameters\.codecs\.0\.channels: audio\/opus has 2 channel\(s\)$/,
    );
  });
});

describe("producer parameters against the transport's other producers", () => {
  const existing = (rtpParameters: types.RtpParameters) => ({ rtpParameters }) as types.Producer;
  const mic = existing({ mid: '1', codecs: [], encodings: [{ ssrc: 1000, rtx: { ssrc: 1001 } }] });
  const camera = existing({ mid: '0', codecs: [], encodings: [{ rid: 'r0' }, { rid: 'r1' }] });

  it('accepts a new mid and new ssrcs; rids may repeat when a mid tells producers apart', () => {
    const params = video();
    params.mid = '2';
    expect(refusal(() => checkTransportConflicts(params, [mic, camera]))).toBe('accepted');
  });

  it('refuses a used mid, ssrc or RTX ssrc, and a used rid without mid', () => {
    expect(refusal(() => checkTransportConflicts(video(), [camera]))).toMatch(
      /rtpParameters\.mid: mid "0" is already used on this transport$/,
    );
    const ssrc = { ...video(), mid: '3', encodings: [{ ssrc: 1001 }] };
    expect(refusal(() => checkTransportConflicts(ssrc, [mic]))).toMatch(
      /rtpParameters\.encodings\.0\.ssrc: ssrc 1001 is already used on this transport$/,
    );
    const rtx = { ...video(), mid: '3', encodings: [{ ssrc: 5, rtx: { ssrc: 1000 } }] };
    expect(refusal(() => checkTransportConflicts(rtx, [mic]))).toMatch(/encodings\.0\.rtx\.ssrc: ssrc 1000/);
    const noMid = { ...video(), mid: undefined };
    expect(refusal(() => checkTransportConflicts(noMid, [camera]))).toMatch(
      /rtpParameters\.encodings\.0\.rid: rid "r0" is already used on this transport; send a mid$/,
    );
  });
});
