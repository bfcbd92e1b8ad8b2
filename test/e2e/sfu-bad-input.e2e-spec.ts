import type { types } from 'mediasoup';
import { ClientEvent } from '@yiqiao/contracts';
import type { Ack, ProduceResult, SignalErrorCode, TransportOptions } from '@yiqiao/contracts';
import { RoomManager } from '../../apps/sfu/src/rooms/room-manager.service';
import type { Peer } from '../../apps/sfu/src/rooms/peer';
import { deeplyNestedJson, sendRawEvent } from './sfu-support/raw-signal';
import { expectMediaFlowing, SfuTestPeer } from './sfu-support/sfu-test-peer';
import { SfuStack } from './sfu-support/sfu-stack';

/** A valid screen-share producer's parameters (the patient sends mic and camera, not screen). */
interface ScreenParameters {
  mid: string;
  codecs: {
    mimeType: string;
    payloadType: number;
    clockRate: number;
    parameters: Record<string, unknown>;
    rtcpFeedback: [];
  }[];
  headerExtensions: { uri: string; id: number }[];
  encodings: { ssrc?: number; rid?: string; rtx?: { ssrc: number }; scalabilityMode?: string }[];
  rtcp: { cname: string };
}

function screenParameters(): ScreenParameters {
  return {
    mid: 'fuzz-screen',
    codecs: [
      { mimeType: 'video/VP8', payloadType: 96, clockRate: 90000, parameters: {}, rtcpFeedback: [] },
      { mimeType: 'video/rtx', payloadType: 97, clockRate: 90000, parameters: { apt: 96 }, rtcpFeedback: [] },
    ],
    headerExtensions: [{ uri: 'urn:ietf:params:rtp-hdrext:sdes:mid', id: 1 }],
    encodings: [{ ssrc: 111_111_111, rtx: { ssrc: 222_222_222 } }],
    rtcp: { cname: 'fuzz' },
  };
}

const sha256 = Array.from({ length: 32 }, () => 'AB').join(':');

describe('sfu: malformed RTP/DTLS parameters, oversized payloads and concurrent creates get clear refusals', () => {
  let stack: SfuStack;
  let consultationId: string;
  let specialist: SfuTestPeer;
  let patient: SfuTestPeer;

  const serverPeer = (userId: string): Peer =>
    stack.sfu.get(RoomManager).get(consultationId)!.peers.get(userId)!;
  const patientTransport = (direction: 'send' | 'recv'): types.WebRtcTransport =>
    [...serverPeer(stack.cast.patient.id).transports.values()].find(
      (t) => (t.appData as { direction: string }).direction === direction,
    )!;
  const produceScreen = (mutate: (p: ScreenParameters) => void) => {
    const rtpParameters = screenParameters();
    mutate(rtpParameters);
    return patient.request<ProduceResult>(ClientEvent.Produce, {
      transportId: patientTransport('send').id,
      kind: 'video',
      source: 'screen',
      rtpParameters,
    });
  };
  const expectRefusal = (ack: Ack<unknown>, code: SignalErrorCode, message: RegExp) =>
    expect(ack).toEqual({ ok: false, error: { code, message: expect.stringMatching(message) } });

  beforeAll(async () => {
    // enough tokens for every bad request below to reach validation rather than the rate limiter
    stack = await SfuStack.start({ SFU_SOCKET_RATE_PER_SECOND: '200' });
    consultationId = await stack.consultation();
    ({ specialist, patient } = await stack.callInProgress(consultationId));
  }, 45_000);

  afterAll(async () => {
    await stack?.stop();
  }, 30_000);

  it.each<[string, (p: ScreenParameters) => void, RegExp]>([
    [
      'ssrc 0',
      (p) => (p.encodings[0].ssrc = 0),
      /^Invalid producer:create: rtpParameters\.encodings\.0\.ssrc: must be an integer from 1 to 4294967295/,
    ],
    [
      'a negative payload type',
      (p) => (p.codecs[0].payloadType = -5),
      /rtpParameters\.codecs\.0\.payloadType: must be an integer from 0 to 127/,
    ],
    [
      'a duplicate ssrc',
      (p) => (p.encodings = [p.encodings[0], { ssrc: 111_111_111, rtx: { ssrc: 333 } }]),
      /rtpParameters\.encodings\.1\.ssrc: ssrc 111111111 is used twice/,
    ],
    [
      'a duplicate rid',
      (p) => (p.encodings = [{ rid: 'r0' }, { rid: 'r0' }]),
      /rtpParameters\.encodings\.1\.rid: rid "r0" is used twice/,
    ],
    [
      'an unknown scalability mode',
      (p) => Object.assign(p.encodings[0], { scalabilityMode: 'X9Y9' }),
      /rtpParameters\.encodings\.0\.scalabilityMode: must be a scalability mode like L1T3/,
    ],
    [
      'an unknown codec',
      (p) => (p.codecs[0].mimeType = 'video/AV1'),
      /rtpParameters\.codecs\.0\.mimeType: video\/AV1 is not offered \(video: video\/VP8, video\/rtx, video\/H264/,
    ],
    [
      'a codec parameter that is an object',
      (p) => Object.assign(p.codecs[0].parameters, { 'profile-id': { nested: 1 } }),
      /rtpParameters\.codecs\.0\.parameters\.profile-id: a parameter value must be a string or a number/,
    ],
    [
      'header-extension id 0',
      (p) => (p.headerExtensions[0].id = 0),
      /rtpParameters\.headerExtensions\.0\.id: must be an integer from 1 to 255/,
    ],
    [
      'an unknown header extension',
      (p) => (p.headerExtensions[0].uri = 'urn:example:not-a-header-extension'),
      /rtpParameters\.headerExtensions\.0\.uri: not a video header extension this server knows/,
    ],
    [
      'RTX without apt',
      (p) => (p.codecs[1].parameters = {}),
      /rtpParameters\.codecs\.1\.parameters\.apt: RTX requires apt/,
    ],
    [
      'empty encodings',
      (p) => (p.encodings = []),
      /rtpParameters\.encodings: must list at least one encoding/,
    ],
    [
      "the microphone's ssrc, already used on this transport",
      (p) => {
        const mic = [...serverPeer(stack.cast.patient.id).producers.values()].find(
          (x) => x.kind === 'audio',
        )!;
        p.encodings[0].ssrc = mic.rtpParameters.encodings![0].ssrc!;
      },
      /rtpParameters\.encodings\.0\.ssrc: ssrc \d+ is already used on this transport/,
    ],
  ])(
    'producer:create with %s is refused as invalid_payload naming the field',
    async (_name, mutate, message) => {
      const producersBefore = serverPeer(stack.cast.patient.id).producers.size;
      expectRefusal(await produceScreen(mutate), 'invalid_payload', message);
      expect(serverPeer(stack.cast.patient.id).producers.size).toBe(producersBefore);
    },
  );

  it('refuses a payload nested 10,000 deep, unknown DTLS algorithms, bad capabilities and a second connect', async () => {
    const deep = await sendRawEvent(patient.socket, ClientEvent.Produce, deeplyNestedJson(10_000));
    expectRefusal(
      deep,
      'invalid_payload',
      /^Invalid producer:create: a(\.a){9}: nested deeper than 10 levels$/,
    );

    const sendId = patientTransport('send').id;
    for (const algorithm of ['md5', 'sha-3', ''])
      expectRefusal(
        await patient.request(ClientEvent.ConnectTransport, {
          transportId: sendId,
          dtlsParameters: { role: 'client', fingerprints: [{ algorithm, value: sha256 }] },
        }),
        'invalid_payload',
        /dtlsParameters\.fingerprints\.0\.algorithm: must be one of sha-1, sha-224, sha-256, sha-384, sha-512/,
      );
    expectRefusal(
      await patient.request(ClientEvent.ConnectTransport, {
        transportId: sendId,
        dtlsParameters: { role: 'sideways', fingerprints: [{ algorithm: 'sha-256', value: sha256 }] },
      }),
      'invalid_payload',
      /dtlsParameters\.role: must be auto, client or server/,
    );
    // mediasoup-client connected both of the patient's transports already
    for (const direction of ['send', 'recv'] as const)
      expectRefusal(
        await patient.request(ClientEvent.ConnectTransport, {
          transportId: patientTransport(direction).id,
          dtlsParameters: { role: 'client', fingerprints: [{ algorithm: 'sha-256', value: sha256 }] },
        }),
        'forbidden',
        /already connected/,
      );

    const specialistProducer = specialist.producerIds.get('video')!;
    expectRefusal(
      await patient.request(ClientEvent.Consume, {
        transportId: patientTransport('recv').id,
        producerId: specialistProducer,
        rtpCapabilities: { codecs: [{ mimeType: 'video/VP8', clockRate: 'fast' }] },
      }),
      'invalid_payload',
      /rtpCapabilities\.codecs\.0\.clockRate: must be an integer from 1 to 4294967295/,
    );
    expectRefusal(
      await patient.request(ClientEvent.Consume, {
        transportId: patientTransport('recv').id,
        producerId: specialistProducer,
        rtpCapabilities: {
          headerExtensions: [{ uri: 'urn:ietf:params:rtp-hdrext:sdes:mid', preferredId: 1 }],
        },
      }),
      'invalid_payload',
      /rtpCapabilities\.headerExtensions\.0\.kind: must be "audio" or "video"/,
    );
  }, 30_000);

  it('10 concurrent transport:create from one participant create exactly 4 transports', async () => {
    const interpreter = await stack.connect(consultationId, 'interpreter');
    expect((await interpreter.join()).self.status).toBe('in_call');
    const acks = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        interpreter.request<TransportOptions>(ClientEvent.CreateTransport, {
          direction: i % 2 ? 'send' : 'recv',
        }),
      ),
    );
    const created = acks.filter((a) => a.ok);
    expect(created).toHaveLength(4);
    const refused = acks.filter((a) => !a.ok);
    expect(refused).toHaveLength(6);
    for (const ack of refused)
      expect(ack).toEqual({
        ok: false,
        error: { code: 'forbidden', message: 'At most 4 transports per participant; close one first.' },
      });
    expect(serverPeer(stack.cast.interpreter.id).transports.size).toBe(4);
    // the limit still holds afterwards
    expectRefusal(
      await interpreter.request(ClientEvent.CreateTransport, { direction: 'send' }),
      'forbidden',
      /At most 4 transports/,
    );
  }, 30_000);

  it('keeps the room flowing: a valid produce is accepted, and a newcomer sends and receives media', async () => {
    // two valid screen producers at once: one source is one producer, so exactly one is created
    const [first, second] = await Promise.all([
      produceScreen(() => undefined),
      produceScreen((p) => {
        p.mid = 'fuzz-screen-2';
        p.encodings = [{ ssrc: 444_444_444, rtx: { ssrc: 555_555_555 } }];
      }),
    ]);
    expect(first).toEqual({ ok: true, data: { producerId: expect.any(String) } });
    expectRefusal(second, 'forbidden', /^You already send screen; close it first\.$/);
    expectRefusal(await produceScreen((p) => (p.mid = 'other')), 'forbidden', /already send screen/);
    if (first.ok) await patient.call(ClientEvent.CloseProducer, { producerId: first.data.producerId });

    const coordinator = await stack.connect(consultationId, 'coordinator');
    expect((await coordinator.join()).self.status).toBe('in_call');
    await coordinator.startMedia();
    await expectMediaFlowing([specialist, patient, coordinator]);
    const room = stack.sfu.get(RoomManager).get(consultationId)!;
    expect(room.inCall().map((p) => p.role)).toEqual(
      expect.arrayContaining(['specialist', 'patient', 'interpreter', 'coordinator']),
    );
    expect(serverPeer(stack.cast.patient.id).producers.size).toBe(2);
  }, 40_000);
});
