import { ClientEvent, ServerEvent } from '@yiqiao/contracts';
import type { MuteParticipantResult, ParticipantInfo } from '@yiqiao/contracts';
import { RoomManager } from '../../apps/sfu/src/rooms/room-manager.service';
import { eventually, expectMediaFlowing, SfuTestPeer } from './sfu-support/sfu-test-peer';
import { SfuStack } from './sfu-support/sfu-stack';

/** Enough video to be sure that anything sent before a change has arrived, in bytes. */
const SETTLE_VIDEO_BYTES = 20_000;

/**
 * Staff mute someone's microphone and the SFU enforces it: the test peers keep sending their tone, so
 * silence at the receiver can only come from the server no longer forwarding it.
 */
describe('sfu: staff mute a participant’s microphone', () => {
  let stack: SfuStack;
  let consultationId: string;
  let specialist: SfuTestPeer;
  let patient: SfuTestPeer;
  let interpreter: SfuTestPeer;

  const serverMicPaused = (userId: string) => {
    const peer = stack.sfu.get(RoomManager).get(consultationId)!.peers.get(userId)!;
    const mics = [...peer.producers.values()].filter((p) => p.kind === 'audio');
    expect(mics).toHaveLength(1);
    return mics[0].paused;
  };
  const lastUpdateAbout = (receiver: SfuTestPeer, userId: string) =>
    (receiver.received(ServerEvent.ParticipantUpdated) as ParticipantInfo[])
      .filter((p) => p.userId === userId)
      .at(-1);
  /** Waits for the receiver's video to grow by `bytes`: progress measured in media, not in time. */
  const afterVideoGrows = async (receiver: SfuTestPeer, bytes: number) => {
    const start = (await receiver.inboundBytes()).video;
    return eventually(async () => {
      const now = await receiver.inboundBytes();
      return now.video - start >= bytes && now;
    }, `${bytes} more video bytes`);
  };

  beforeAll(async () => {
    stack = await SfuStack.start();
    consultationId = await stack.consultation();
    ({ specialist, patient } = await stack.callInProgress(consultationId));
    // the interpreter is in the call without media, so the specialist hears the patient only
    interpreter = await stack.connect(consultationId, 'interpreter');
    expect((await interpreter.join()).self.status).toBe('in_call');
  }, 45_000);

  afterAll(async () => {
    await stack?.stop();
  }, 30_000);

  it('refuses a patient or interpreter, an unknown person, oneself and a malformed payload; nothing changes', async () => {
    const { patient: p, specialist: s } = stack.cast;
    // once the patient sends a microphone and a camera, the specialist's list shows neither off
    await eventually(
      () => lastUpdateAbout(specialist, p.id)?.audioMuted === false,
      'the patient shown with the mic on',
    );
    expect(lastUpdateAbout(specialist, p.id)).toMatchObject({ audioMuted: false, videoMuted: false });

    for (const [caller, target] of [
      [patient, s.id],
      [interpreter, p.id],
    ] as const)
      expect(await caller.request(ClientEvent.MuteParticipant, { userId: target })).toEqual({
        ok: false,
        error: { code: 'forbidden', message: 'Only the specialist or a coordinator may do this.' },
      });
    expect(
      await specialist.request(ClientEvent.MuteParticipant, {
        userId: '00000000-0000-4000-8000-000000000000',
      }),
    ).toEqual({ ok: false, error: { code: 'not_found', message: 'That person is not in the call.' } });
    expect(await specialist.request(ClientEvent.MuteParticipant, { userId: s.id })).toEqual({
      ok: false,
      error: { code: 'forbidden', message: 'To mute yourself, use your own microphone button.' },
    });
    for (const payload of [{}, { userId: 'Anna Smith' }, { userId: p.id, producerId: p.id }])
      expect(await specialist.request(ClientEvent.MuteParticipant, payload)).toEqual({
        ok: false,
        error: { code: 'invalid_payload', message: expect.stringMatching(/^Invalid participant:mute: /) },
      });

    expect(serverMicPaused(p.id)).toBe(false);
    expect(serverMicPaused(s.id)).toBe(false);
    for (const peer of [specialist, patient, interpreter]) {
      expect(peer.received(ServerEvent.MutedByStaff)).toEqual([]);
      // updates do come (connection quality), but none shows either of them muted
      for (const userId of [p.id, s.id]) expect(lastUpdateAbout(peer, userId)?.audioMuted).not.toBe(true);
    }
    await expectMediaFlowing([specialist, patient]);
  });

  it('the specialist mutes the patient: audio stops at the SFU while video flows; the patient unmutes', async () => {
    const patientId = stack.cast.patient.id;
    const result = await specialist.call<MuteParticipantResult>(ClientEvent.MuteParticipant, {
      userId: patientId,
    });
    expect(result.participant).toMatchObject({ userId: patientId, audioMuted: true, videoMuted: false });
    expect(serverMicPaused(patientId)).toBe(true);

    expect(
      await eventually(() => patient.received(ServerEvent.MutedByStaff)[0], 'participant:muted'),
    ).toEqual({ by: 'Dr Wang Li' });
    for (const peer of [specialist, interpreter])
      await eventually(() => lastUpdateAbout(peer, patientId)?.audioMuted === true, 'patient shown muted');
    expect(lastUpdateAbout(specialist, patientId)).toMatchObject({ videoMuted: false, status: 'in_call' });

    // muting again changes nothing and tells nobody again
    expect(
      (await specialist.call<MuteParticipantResult>(ClientEvent.MuteParticipant, { userId: patientId }))
        .participant.audioMuted,
    ).toBe(true);

    // the patient's client still sends its tone; the specialist receives video but no more audio
    const settled = await afterVideoGrows(specialist, SETTLE_VIDEO_BYTES);
    const later = await afterVideoGrows(specialist, SETTLE_VIDEO_BYTES);
    expect(later.audio).toBe(settled.audio);
    expect(later.video).toBeGreaterThan(settled.video);

    // the patient unmutes themselves with the ordinary resume
    await patient.call(ClientEvent.ResumeProducer, { producerId: patient.producerIds.get('audio') });
    expect(serverMicPaused(patientId)).toBe(false);
    await eventually(
      () => lastUpdateAbout(specialist, patientId)?.audioMuted === false,
      'patient shown unmuted',
    );
    await eventually(
      async () => (await specialist.inboundBytes()).audio - later.audio >= 2_000,
      'audio from the patient again',
    );
    expect(patient.received(ServerEvent.MutedByStaff)).toHaveLength(1);
  });
});
