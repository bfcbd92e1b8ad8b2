import { rtpParameters } from './rtp-parameters.schema';

interface Encoding {
  ssrc?: number;
  rid?: string;
  rtx?: { ssrc: number };
  scalabilityMode?: string;
  [field: string]: unknown;
}
interface Codec {
  mimeType: string;
  payloadType: number;
  clockRate: number;
  parameters: Record<string, unknown>;
  rtcpFeedback: { type: string; parameter?: string }[];
  [field: string]: unknown;
}
interface Params {
  mid?: string;
  codecs: Codec[];
  headerExtensions: { uri: string; id: number; [field: string]: unknown }[];
  encodings: Encoding[];
  rtcp: { cname?: string; reducedSize?: boolean };
}

/** Shaped like mediasoup-client's (Chrome111 handler) camera producer: VP8 + RTX, three rids. */
function cameraParameters(): Params {
  return {
    mid: '0',
    codecs: [
      {
        mimeType: 'video/VP8',
        payloadType: 96,
        clockRate: 90000,
        parameters: { 'x-google-start-bitrate': 600 },
        rtcpFeedback: [
          { type: 'goog-remb', parameter: '' },
          { type: 'transport-cc', parameter: '' },
          { type: 'ccm', parameter: 'fir' },
          { type: 'nack', parameter: '' },
          { type: 'nack', parameter: 'pli' },
        ],
      },
      { mimeType: 'video/rtx', payloadType: 97, clockRate: 90000, parameters: { apt: 96 }, rtcpFeedback: [] },
    ],
    headerExtensions: [
      { uri: 'urn:ietf:params:rtp-hdrext:sdes:mid', id: 4, encrypt: false, parameters: {} },
      { uri: 'urn:ietf:params:rtp-hdrext:sdes:rtp-stream-id', id: 10, encrypt: false, parameters: {} },
      {
        uri: 'http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time',
        id: 2,
        encrypt: false,
        parameters: {},
      },
    ],
    encodings: [
      {
        active: true,
        rid: 'r0',
        scaleResolutionDownBy: 4,
        maxBitrate: 100000,
        scalabilityMode: 'L1T3',
        dtx: false,
      },
      {
        active: true,
        rid: 'r1',
        scaleResolutionDownBy: 2,
        maxBitrate: 300000,
        scalabilityMode: 'L1T3',
        dtx: false,
      },
      {
        active: true,
        rid: 'r2',
        scaleResolutionDownBy: 1,
        maxBitrate: 900000,
        scalabilityMode: 'L1T3',
        dtx: false,
      },
    ],
    rtcp: { cname: 'x3Fz9Yh2', reducedSize: true },
  };
}

function problems(mutate: (p: Params) => void): string[] {
  const params = cameraParameters();
  mutate(params);
  const parsed = rtpParameters.safeParse(params);
  return parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
}

describe('rtpParameters schema (producer:create)', () => {
  it("accepts mediasoup-client's camera and microphone parameters and forwards their fields", () => {
    expect(problems(() => undefined)).toEqual([]);
    expect(rtpParameters.parse(cameraParameters())).toEqual(cameraParameters());
    const mic = {
      mid: '1',
      codecs: [
        {
          mimeType: 'audio/opus',
          payloadType: 111,
          clockRate: 48000,
          channels: 2,
          parameters: { minptime: 10, useinbandfec: 1, usedtx: 1 },
          rtcpFeedback: [{ type: 'transport-cc', parameter: '' }],
        },
      ],
      headerExtensions: [{ uri: 'urn:ietf:params:rtp-hdrext:ssrc-audio-level', id: 1 }],
      encodings: [{ ssrc: 4_294_967_295, dtx: true }],
      rtcp: { cname: 'x3Fz9Yh2' },
    };
    expect(rtpParameters.safeParse(mic).success).toBe(true);
    // ssrc-signalled simulcast with RTX, and the highest payload type and header-extension id
    expect(
      problems((p) => {
        p.codecs[0].payloadType = 127;
        p.codecs[1].parameters.apt = 127;
        p.headerExtensions[0].id = 255;
        p.encodings = [
          { ssrc: 1, rtx: { ssrc: 2 } },
          { ssrc: 3, rtx: { ssrc: 4 } },
        ];
      }),
    ).toEqual([]);
  });

  it('drops fields mediasoup does not know', () => {
    const params = { ...cameraParameters(), extra: { deep: true } };
    expect(rtpParameters.parse(params)).not.toHaveProperty('extra');
  });

  it.each<[string, (p: Params) => void, string]>([
    [
      'ssrc 0',
      (p) => (p.encodings = [{ ssrc: 0 }]),
      'encodings.0.ssrc: must be an integer from 1 to 4294967295',
    ],
    [
      'ssrc above 32 bits',
      (p) => (p.encodings = [{ ssrc: 2 ** 32 }]),
      'encodings.0.ssrc: must be an integer from 1 to 4294967295',
    ],
    [
      'fractional ssrc',
      (p) => (p.encodings = [{ ssrc: 1.5 }]),
      'encodings.0.ssrc: must be an integer from 1 to 4294967295',
    ],
    [
      'negative payload type',
      (p) => (p.codecs[0].payloadType = -1),
      'codecs.0.payloadType: must be an integer from 0 to 127',
    ],
    [
      'payload type 128',
      (p) => (p.codecs[0].payloadType = 128),
      'codecs.0.payloadType: must be an integer from 0 to 127',
    ],
    [
      'duplicate payload type',
      (p) => (p.codecs[1].payloadType = 96),
      'codecs.1.payloadType: duplicates the payload type of codecs.0 (96)',
    ],
    [
      'duplicate ssrc',
      (p) => (p.encodings = [{ ssrc: 5 }, { ssrc: 5 }]),
      'encodings.1.ssrc: ssrc 5 is used twice',
    ],
    [
      'rtx ssrc equal to a media ssrc',
      (p) => (p.encodings = [{ ssrc: 5, rtx: { ssrc: 5 } }]),
      'encodings.0.rtx.ssrc: ssrc 5 is used twice',
    ],
    ['duplicate rid', (p) => (p.encodings[1].rid = 'r0'), 'encodings.1.rid: rid "r0" is used twice'],
    [
      'rid with odd characters',
      (p) => (p.encodings[0].rid = 'r 0;'),
      'encodings.0.rid: must be 1–16 letters, digits, "-" or "_"',
    ],
    [
      'unknown scalability mode',
      (p) => (p.encodings[0].scalabilityMode = 'L9Z9'),
      'encodings.0.scalabilityMode: must be a scalability mode like L1T3, L3T3 or S3T3',
    ],
    [
      'SVC spatial layers inside simulcast',
      (p) => (p.encodings[0].scalabilityMode = 'L3T3'),
      'encodings.0.scalabilityMode: simulcast encodings have one spatial layer each (L1Tn)',
    ],
    [
      'codec parameter that is an object',
      (p) => Object.assign(p.codecs[0].parameters, { 'x-google-start-bitrate': { a: 1 } }),
      'codecs.0.parameters.x-google-start-bitrate: a parameter value must be a string or a number',
    ],
    [
      'header-extension id 0',
      (p) => (p.headerExtensions[0].id = 0),
      'headerExtensions.0.id: must be an integer from 1 to 255',
    ],
    [
      'header-extension id 256',
      (p) => (p.headerExtensions[0].id = 256),
      'headerExtensions.0.id: must be an integer from 1 to 255',
    ],
    [
      'duplicate header-extension id',
      (p) => (p.headerExtensions[1].id = 4),
      'headerExtensions.1.id: id 4 is used twice',
    ],
    [
      'RTX without apt',
      (p) => (p.codecs[1].parameters = {}),
      'codecs.1.parameters.apt: RTX requires apt, the payload type (a number) of a media codec in this list',
    ],
    [
      'RTX apt as a string',
      (p) => Object.assign(p.codecs[1].parameters, { apt: '96' }),
      'codecs.1.parameters.apt: RTX requires apt, the payload type (a number) of a media codec in this list',
    ],
    [
      'RTX apt to a missing codec',
      (p) => (p.codecs[1].parameters.apt = 42),
      'codecs.1.parameters.apt: RTX requires apt, the payload type (a number) of a media codec in this list',
    ],
    ['empty encodings', (p) => (p.encodings = []), 'encodings: must list at least one encoding'],
    ['no encodings', (p) => delete (p as Partial<Params>).encodings, 'encodings: Required'],
    [
      'simulcast encoding without ssrc or rid',
      (p) => delete p.encodings[1].rid,
      'encodings.1: with several encodings (simulcast) each needs an ssrc or a rid',
    ],
    [
      'single anonymous encoding without mid',
      (p) => {
        delete p.mid;
        p.encodings = [{}];
      },
      'encodings.0: needs an ssrc or a rid, or the parameters a mid',
    ],
    ['empty codecs', (p) => (p.codecs = []), 'codecs: must list at least one codec'],
    [
      'mime type that is not audio/ or video/',
      (p) => (p.codecs[0].mimeType = 'text/VP8'),
      'codecs.0.mimeType: must be "audio/<codec>" or "video/<codec>"',
    ],
    [
      'audio and video codecs mixed',
      (p) => (p.codecs[0].mimeType = 'audio/opus'),
      'codecs: must be all audio or all video',
    ],
    [
      'clock rate 0',
      (p) => (p.codecs[0].clockRate = 0),
      'codecs.0.clockRate: must be an integer from 1 to 4294967295',
    ],
    [
      'channels 0',
      (p) => Object.assign(p.codecs[0], { channels: 0 }),
      'codecs.0.channels: must be an integer from 1 to 255',
    ],
    [
      'rtcpFeedback without type',
      (p) => (p.codecs[0].rtcpFeedback[0].type = ''),
      'codecs.0.rtcpFeedback.0.type: must not be empty',
    ],
    ['empty mid', (p) => (p.mid = ''), 'mid: must not be empty'],
    [
      'codecPayloadType of the RTX codec',
      (p) => Object.assign(p.encodings[0], { codecPayloadType: 97 }),
      'encodings.0.codecPayloadType: must be the payload type of a media codec in codecs',
    ],
  ])('refuses %s, naming the field', (_name, mutate, problem) => {
    expect(problems(mutate)).toContain(problem);
  });
});
