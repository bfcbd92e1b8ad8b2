import { ClientEvent, ServerEvent } from '@yiqiao/contracts';
import type { ChatMessage, ParticipantInfo } from '@yiqiao/contracts';
import { RoomManager } from '../../apps/sfu/src/rooms/room-manager.service';
import { eventually, expectMediaFlowing } from './sfu-support/sfu-test-peer';
import { SfuStack } from './sfu-support/sfu-stack';

/**
 * Real media on loopback: mediasoup workers, socket.io signalling, Node WebRTC peers (wrtc) driven by
 * mediasoup-client, and the worker writing room events to PostgreSQL.
 */
describe('sfu: waiting room, media between two and three peers, chat, metrics, end', () => {
  let stack: SfuStack;
  const consultationRow = async (id: string) =>
    (await stack.ds.query(`SELECT status, started_at, ended_at FROM consultations WHERE id = $1`, [id]))[0];

  beforeAll(async () => {
    stack = await SfuStack.start();
  }, 30_000);

  afterAll(async () => {
    await stack?.stop();
  }, 30_000);

  it('keeps the patient in the waiting room until admitted, then two and three peers exchange audio and video', async () => {
    const consultationId = await stack.consultation();
    const specialist = await stack.connect(consultationId, 'specialist');
    expect((await specialist.join()).self).toMatchObject({ role: 'specialist', status: 'in_call' });
    await specialist.startMedia();

    const patient = await stack.connect(consultationId, 'patient');
    const waiting = await patient.join();
    expect(waiting.self).toMatchObject({ role: 'patient', status: 'waiting', displayName: 'Anna Smith' });
    expect(waiting.participants).toEqual([]);
    expect(waiting.producers).toEqual([]);
    const notice = (await eventually(
      () => specialist.received(ServerEvent.WaitingJoined)[0],
      'waiting-room notice',
    )) as ParticipantInfo;
    expect(notice).toMatchObject({ userId: stack.cast.patient.id, status: 'waiting' });

    // before admission the server refuses every transport, produce and consume request
    const producerId =
      specialist.joinResult!.producers[0]?.producerId ?? '00000000-0000-4000-8000-000000000000';
    for (const [event, payload] of [
      [ClientEvent.CreateTransport, { direction: 'recv' }],
      [
        ClientEvent.Produce,
        { transportId: producerId, kind: 'audio', rtpParameters: { codecs: [{}] }, source: 'mic' },
      ],
      [ClientEvent.Consume, { transportId: producerId, producerId, rtpCapabilities: {} }],
      [ClientEvent.SendChat, { body: 'hello?' }],
    ] as const) {
      const ack = await patient.request(event, payload);
      expect(ack).toEqual({
        ok: false,
        error: { code: 'not_admitted', message: expect.stringMatching(/waiting room/) },
      });
    }
    await eventually(
      async () => (await consultationRow(consultationId)).status === 'waiting',
      'status waiting',
    );

    // a patient cannot admit anyone; the specialist can
    expect(await patient.request(ClientEvent.Admit, { userId: stack.cast.patient.id })).toMatchObject({
      ok: false,
      error: { code: 'not_admitted' },
    });
    await specialist.call(ClientEvent.Admit, { userId: stack.cast.patient.id });
    await eventually(() => patient.mediaRounds === 1, 'patient media after admission');
    await expectMediaFlowing([specialist, patient]);

    // the interpreter enters directly
    const interpreter = await stack.connect(consultationId, 'interpreter');
    expect((await interpreter.join()).self.status).toBe('in_call');
    await interpreter.startMedia();
    await expectMediaFlowing([specialist, patient, interpreter]);

    const started = await eventually(async () => {
      const row = await consultationRow(consultationId);
      return row.status === 'in_progress' && row;
    }, 'status in_progress');
    expect(started.started_at).toBeInstanceOf(Date);

    // forward only what is seen: hidden video is paused, a thumbnail gets the lowest simulcast layer
    const room = stack.sfu.get(RoomManager).get(consultationId)!;
    const serverConsumer = (id: string) => room.peers.get(stack.cast.patient.id)!.consumers.get(id)!;
    const [fromSpecialist] = [...patient.consumerIds.values()].filter(
      (c) => c.kind === 'video' && c.userId === stack.cast.specialist.id,
    );
    await patient.call(ClientEvent.SetConsumerView, {
      consumerId: fromSpecialist.consumerId,
      visible: false,
      width: 0,
      height: 0,
    });
    expect(serverConsumer(fromSpecialist.consumerId).paused).toBe(true);
    await patient.call(ClientEvent.SetConsumerView, {
      consumerId: fromSpecialist.consumerId,
      visible: true,
      width: 160,
      height: 120,
    });
    expect(serverConsumer(fromSpecialist.consumerId).paused).toBe(false);
    expect(serverConsumer(fromSpecialist.consumerId).type).toBe('simulcast');
    const specialistSpeaks = room.activeSpeakerUserId === stack.cast.specialist.id;
    expect(serverConsumer(fromSpecialist.consumerId).preferredLayers?.spatialLayer).toBe(
      specialistSpeaks ? 2 : 0,
    );
    // everyone sends a tone: the active-speaker observer names someone, and late joiners learn who
    for (const peer of [specialist, patient, interpreter])
      await eventually(() => peer.received(ServerEvent.ActiveSpeaker).length > 0, 'active speaker');

    const metrics = await (await fetch(`${stack.sfuUrl}/metrics`)).text();
    expect(metrics).toMatch(/^sfu_rooms 1$/m);
    expect(metrics).toMatch(/^sfu_peers\{status="in_call"\} 3$/m);
    expect(metrics).toMatch(/^sfu_consumers 12$/m);
    expect(metrics).toMatch(/^sfu_workers_alive 2$/m);
    expect(metrics).toMatch(/^sfu_worker_cpu_seconds\{pid="\d+"\} [\d.]+$/m);
    const health = await (await fetch(`${stack.sfuUrl}/health`)).json();
    expect(health.info.mediasoup).toMatchObject({ status: 'up', workersAlive: 2 });
  }, 55_000);

  it('stores chat before showing it, keeps admission across a full rejoin, and ends for everyone', async () => {
    const consultationId = await stack.consultation();
    const specialist = await stack.connect(consultationId, 'specialist');
    await specialist.join();
    const patient = await stack.connect(consultationId, 'patient');
    await patient.join();
    await specialist.call(ClientEvent.Admit, { userId: stack.cast.patient.id });

    const sent = await patient.call<ChatMessage>(ClientEvent.SendChat, {
      body: '  我上传了检查报告 — report uploaded ',
    });
    expect(sent).toMatchObject({ body: '我上传了检查报告 — report uploaded', role: 'patient' });
    const [row] = await stack.ds.query(
      `SELECT sender_id, body FROM consultation_chat_messages WHERE id = $1`,
      [sent.messageId],
    );
    expect(row).toEqual({ sender_id: stack.cast.patient.id, body: sent.body });
    const delivered = (await eventually(
      () => specialist.received(ServerEvent.ChatMessage)[0],
      'chat',
    )) as ChatMessage;
    expect(delivered.messageId).toBe(sent.messageId);
    expect(await patient.request(ClientEvent.SendChat, { body: '   ' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_payload', message: expect.stringMatching(/body: must not be empty/) },
    });

    // network changed: a second socket takes over from the first, still admitted
    const second = await stack.connect(consultationId, 'patient');
    expect((await second.join()).self.status).toBe('in_call');
    await eventually(() => patient.socket.disconnected, 'the old socket to be dropped');
    const room = stack.sfu.get(RoomManager).get(consultationId)!;
    expect([...room.peers.keys()].sort()).toEqual([stack.cast.specialist.id, stack.cast.patient.id].sort());
    expect(specialist.received(ServerEvent.ParticipantLeft)).toEqual([]);

    // network lost: the socket is gone; a new one with a new token comes back straight into the call
    await second.close();
    await eventually(() => specialist.received(ServerEvent.ParticipantLeft).length === 1, 'participant left');
    const back = await stack.connect(consultationId, 'patient');
    expect((await back.join()).self.status).toBe('in_call');

    // the specialist removes the patient: their admission is gone, they wait again; a coordinator
    // first declines, then admits
    const coordinator = await stack.connect(consultationId, 'coordinator');
    expect((await coordinator.join()).self).toMatchObject({ role: 'coordinator', status: 'in_call' });
    await specialist.call(ClientEvent.RemoveParticipant, { userId: stack.cast.patient.id });
    await eventually(() => back.socket.disconnected, 'removed socket to be dropped');
    expect(back.received(ServerEvent.Removed)).toEqual([{ by: 'Dr Wang Li' }]);
    const returning = await stack.connect(consultationId, 'patient');
    expect((await returning.join()).self.status).toBe('waiting');
    await eventually(
      () => coordinator.received(ServerEvent.WaitingJoined).length === 1,
      'coordinator notified',
    );
    await coordinator.call(ClientEvent.Decline, { userId: stack.cast.patient.id });
    await eventually(() => returning.socket.disconnected, 'declined socket to be dropped');
    expect(returning.received(ServerEvent.Declined)).toEqual([{ by: 'Zhou Min' }]);
    const again = await stack.connect(consultationId, 'patient');
    expect((await again.join()).self.status).toBe('waiting');
    await coordinator.call(ClientEvent.Admit, { userId: stack.cast.patient.id });
    await eventually(() => again.received(ServerEvent.Admitted).length === 1, 'admitted by the coordinator');

    await specialist.call(ClientEvent.EndRoom);
    await eventually(() => again.received(ServerEvent.Ended).length === 1, 'room:ended');
    await eventually(async () => (await consultationRow(consultationId)).status === 'completed', 'completed');
    const token = await stack.joinToken(consultationId, stack.cast.patient).catch((e: Error) => e);
    expect(token).toMatchObject({ status: 409 });
    const audits = await stack.ds.query(
      `SELECT action FROM audit_events WHERE entity_id = $1 AND action LIKE 'video.%'`,
      [consultationId],
    );
    expect(audits.map((a: { action: string }) => a.action)).toEqual(
      expect.arrayContaining([
        'video.joined',
        'video.admitted',
        'video.started',
        'video.chat_message',
        'video.ended',
      ]),
    );
  }, 40_000);
});
