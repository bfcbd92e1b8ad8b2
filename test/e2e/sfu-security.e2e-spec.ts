import { createHmac } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { ClientEvent, JOIN_TOKEN_AUDIENCE, JOIN_TOKEN_ISSUER, ServerEvent } from '@yiqiao/contracts';
import type { ParticipantInfo } from '@yiqiao/contracts';
import { signJoinToken } from '../../apps/api/src/video/join-token-signer';
import { RoomManager } from '../../apps/sfu/src/rooms/room-manager.service';
import { connectSocket, eventually, expectMediaFlowing, SfuTestPeer } from './sfu-support/sfu-test-peer';
import { JOIN_TOKEN_SECRET, SFU_NODE_ID, SfuStack } from './sfu-support/sfu-stack';

describe('sfu: bad tokens and malformed signalling are refused without affecting the room', () => {
  let stack: SfuStack;
  let consultationId: string;
  let specialist: SfuTestPeer;
  let patient: SfuTestPeer;

  const refusal = async (auth: Record<string, unknown>) => {
    const error = await connectSocket(stack.sfuUrl, auth).then(
      (socket) => {
        socket.close();
        return null;
      },
      (e: Error) => e,
    );
    if (!error) throw new Error('the handshake was accepted');
    return error.message;
  };

  beforeAll(async () => {
    stack = await SfuStack.start({
      SFU_SOCKET_RATE_PER_SECOND: '20',
      TURN_SECRET: 'sfu-e2e-turn-secret-0123456789',
      TURN_URLS: 'turn:127.0.0.1:3478',
    });
    consultationId = await stack.consultation();
    ({ specialist, patient } = await stack.callInProgress(consultationId));
  }, 45_000);

  afterAll(async () => {
    await stack?.stop();
  }, 30_000);

  it('refuses a token for another consultation, an expired token, a forged role and other bad tokens', async () => {
    const otherConsultation = await stack.consultation();
    const otherToken = await stack.joinToken(otherConsultation, stack.cast.patient);
    expect(await refusal({ token: otherToken, consultationId })).toMatch(/different consultation/);

    const { patient: p } = stack.cast;
    const subject = {
      cid: consultationId,
      sub: p.id,
      role: 'patient' as const,
      name: 'Anna Smith',
      node: SFU_NODE_ID,
    };
    const expired = jwt.sign(
      { ...subject, iat: Math.floor(Date.now() / 1000) - 600, exp: Math.floor(Date.now() / 1000) - 480 },
      JOIN_TOKEN_SECRET,
      { algorithm: 'HS256', audience: JOIN_TOKEN_AUDIENCE, issuer: JOIN_TOKEN_ISSUER },
    );
    expect(await refusal({ token: expired, consultationId })).toMatch(/expired/);

    // the patient's own token with the role claim rewritten to specialist: the signature no longer matches
    const real = await stack.joinToken(consultationId, p);
    const [header, payload, signature] = real.split('.');
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
    const forged = [
      header,
      Buffer.from(JSON.stringify({ ...claims, role: 'specialist' })).toString('base64url'),
      signature,
    ];
    expect(await refusal({ token: forged.join('.'), consultationId })).toMatch(/not valid/);
    // ...and a token signed with another secret
    const selfSigned = signJoinToken(
      { ...subject, role: 'specialist' },
      'an-attacker-chosen-secret-123456',
      60,
    );
    expect(await refusal({ token: selfSigned, consultationId })).toMatch(/not valid/);
    // handshake fields other than the token decide nothing
    const withRole = await connectSocket(stack.sfuUrl, { token: real, consultationId, role: 'specialist' });
    expect(withRole).toBeTruthy();
    withRole.close();

    const unsigned = jwt.sign(subject, '', {
      algorithm: 'none',
      audience: JOIN_TOKEN_AUDIENCE,
      issuer: JOIN_TOKEN_ISSUER,
    });
    expect(await refusal({ token: unsigned, consultationId })).toMatch(/not valid/);
    expect(await refusal({ consultationId })).toMatch(/join token is required/);
    expect(await refusal({ token: 'garbage', consultationId })).toMatch(/not valid/);
    const otherNode = signJoinToken({ ...subject, node: 'sfu-elsewhere' }, JOIN_TOKEN_SECRET, 60);
    expect(await refusal({ token: otherNode, consultationId })).toMatch(/another media server/);

    // a rejoining client gets fresh TURN credentials from the sfu (coturn shared-secret scheme)
    const [turn] = specialist.joinResult!.iceServers;
    expect(turn.urls).toEqual(['turn:127.0.0.1:3478']);
    expect(turn.username).toMatch(new RegExp(`^\\d+:${stack.cast.specialist.id}$`));
    expect(turn.credential).toBe(
      createHmac('sha1', 'sfu-e2e-turn-secret-0123456789').update(turn.username!).digest('base64'),
    );

    const room = stack.sfu.get(RoomManager).get(consultationId)!;
    expect([...room.peers.values()].map((peer) => [peer.role, peer.status])).toEqual([
      ['specialist', 'in_call'],
      ['patient', 'in_call'],
    ]);
    await expectMediaFlowing([specialist, patient]);
  }, 40_000);

  it('answers malformed and unauthorised requests with clear errors and keeps the room going', async () => {
    const garbage: [string, unknown][] = [
      [ClientEvent.CreateTransport, 'send'],
      [ClientEvent.CreateTransport, 42],
      [ClientEvent.CreateTransport, null],
      [ClientEvent.CreateTransport, [1, 2]],
      [ClientEvent.CreateTransport, { direction: 'sideways' }],
      [ClientEvent.CreateTransport, { direction: 'send', extra: true }],
      [ClientEvent.ConnectTransport, { transportId: 'x', dtlsParameters: {} }],
      [
        ClientEvent.Produce,
        {
          transportId: '00000000-0000-4000-8000-000000000000',
          kind: 'video',
          rtpParameters: {},
          source: 'camera',
        },
      ],
      [
        ClientEvent.SetConsumerView,
        { consumerId: '00000000-0000-4000-8000-000000000000', visible: 'yes', width: 1, height: 1 },
      ],
      [ClientEvent.SendChat, { body: 'x'.repeat(2001) }],
    ];
    for (const [event, payload] of garbage) {
      const ack = await patient.request(event, payload);
      expect(ack).toMatchObject({
        ok: false,
        error: { code: 'invalid_payload', message: expect.stringContaining(event) },
      });
    }
    const missing = await patient.request(ClientEvent.RestartIce, {
      transportId: '00000000-0000-4000-8000-000000000000',
    });
    expect(missing).toEqual({
      ok: false,
      error: { code: 'not_found', message: 'No such transport; create one first.' },
    });

    // a message without an acknowledgement callback is handled quietly
    patient.socket.emit(ClientEvent.CreateTransport, { direction: 'bogus' });

    // only staff admit, remove and end
    for (const [event, payload] of [
      [ClientEvent.Admit, { userId: stack.cast.specialist.id }],
      [ClientEvent.RemoveParticipant, { userId: stack.cast.specialist.id }],
      [ClientEvent.EndRoom, {}],
    ] as const) {
      expect(await patient.request(event, payload)).toMatchObject({
        ok: false,
        error: { code: 'forbidden' },
      });
    }
    expect(
      await specialist.request(ClientEvent.RemoveParticipant, { userId: stack.cast.specialist.id }),
    ).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });

    // muting shows in everyone's participant list (updates sent before the pause do not count)
    const updatesBefore = specialist.received(ServerEvent.ParticipantUpdated).length;
    await patient.call(ClientEvent.PauseProducer, { producerId: patient.producerIds.get('audio') });
    const muted = await eventually(
      () =>
        specialist
          .received(ServerEvent.ParticipantUpdated)
          .slice(updatesBefore)
          .find((p) => (p as ParticipantInfo).userId === stack.cast.patient.id),
      'mute state',
    );
    expect(muted).toMatchObject({ userId: stack.cast.patient.id, audioMuted: true, videoMuted: false });
    await patient.call(ClientEvent.ResumeProducer, { producerId: patient.producerIds.get('audio') });

    // a flood is rate limited per socket
    const flood = await Promise.all(
      Array.from({ length: 80 }, () => patient.request(ClientEvent.ReportQuality, { quality: 'good' })),
    );
    const limited = flood.filter((a) => !a.ok && a.error.code === 'rate_limited');
    expect(limited.length).toBeGreaterThan(0);
    expect(flood.filter((a) => a.ok).length).toBeGreaterThan(0);

    const room = stack.sfu.get(RoomManager).get(consultationId)!;
    expect(room.inCall()).toHaveLength(2);
    // Opus is sent with in-band FEC and DTX
    const audio = room.peers.get(stack.cast.patient.id)!.producers.get(patient.producerIds.get('audio')!)!;
    expect(audio.rtpParameters.codecs[0].parameters).toMatchObject({ useinbandfec: 1, usedtx: 1 });
    await expectMediaFlowing([specialist, patient]);
  }, 40_000);
});
