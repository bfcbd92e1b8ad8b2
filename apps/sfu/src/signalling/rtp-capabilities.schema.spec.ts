import { generateRouterRtpCapabilities } from 'mediasoup/lib/ortc';
import { MEDIA_CODECS } from '../media/media-codecs';
import { rtpCapabilities } from './rtp-capabilities.schema';

function problems(value: unknown): string[] {
  const parsed = rtpCapabilities.safeParse(value);
  return parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
}

describe('rtpCapabilities schema (consumer:create)', () => {
  it("accepts a device's capabilities (shaped like the router's) and an empty object", () => {
    const caps = generateRouterRtpCapabilities(structuredClone(MEDIA_CODECS));
    expect(problems(caps)).toEqual([]);
    expect(problems({})).toEqual([]);
    expect(rtpCapabilities.parse({ ...caps, fecMechanisms: [] })).not.toHaveProperty('fecMechanisms');
  });

  it('names the field and what is allowed', () => {
    expect(problems({ codecs: [{ mimeType: 'video/VP8', clockRate: 'fast' }] })).toEqual([
      'codecs.0.clockRate: must be an integer from 1 to 4294967295',
    ]);
    expect(problems({ codecs: [{ mimeType: 'VP8', clockRate: 90000 }] })).toEqual([
      'codecs.0.mimeType: must be "audio/<codec>" or "video/<codec>"',
    ]);
    expect(
      problems({ codecs: [{ mimeType: 'video/VP8', clockRate: 90000, preferredPayloadType: 300 }] }),
    ).toEqual(['codecs.0.preferredPayloadType: must be an integer from 0 to 127']);
    expect(
      problems({ headerExtensions: [{ uri: 'urn:ietf:params:rtp-hdrext:sdes:mid', preferredId: 1 }] }),
    ).toEqual(['headerExtensions.0.kind: must be "audio" or "video"']);
    expect(
      problems({
        headerExtensions: [{ kind: 'audio', uri: 'urn:ietf:params:rtp-hdrext:sdes:mid', preferredId: 0 }],
      }),
    ).toEqual(['headerExtensions.0.preferredId: must be an integer from 1 to 255']);
    expect(
      problems({
        codecs: [{ mimeType: 'audio/opus', clockRate: 48000, parameters: { useinbandfec: [1] } }],
      }),
    ).toEqual(['codecs.0.parameters.useinbandfec: a parameter value must be a string or a number']);
  });
});
