import type { Server } from 'node:http';
import request from 'supertest';
import { ClientEvent, ServerEvent } from '@yiqiao/contracts';
import type { JoinResponse, ParticipantInfo } from '@yiqiao/contracts';
import { authHeader, loginAs } from '../support/auth';
import { eventually, expectMediaFlowing, SfuTestPeer } from './sfu-support/sfu-test-peer';
import { SfuStack } from './sfu-support/sfu-stack';

/**
 * A family member invited by the patient joins through their personal link (no account): the api's
 * public endpoint gives them a guest join token, the sfu keeps them in the waiting room until the
 * specialist lets them in, then real audio and video flow both ways.
 */
describe('sfu: an invited guest joins through the link, waits, is admitted, and exchanges media', () => {
  let stack: SfuStack;
  let api: Server;

  beforeAll(async () => {
    stack = await SfuStack.start();
    api = stack.api.getHttpServer() as Server;
  }, 30_000);

  afterAll(async () => {
    await stack?.stop();
  }, 30_000);

  async function inviteGuest(consultationId: string, patientToken: string) {
    const res = await request(api)
      .post(`/consultations/${consultationId}/guests`)
      .set(authHeader(patientToken))
      .send({ name: 'Maria Smith', relationship: 'daughter' })
      .expect(201);
    const guest = res.body.guest as { id: string; inviteUrl: string };
    return { id: guest.id, link: guest.inviteUrl.split('/guest/')[1] };
  }

  it('keeps the guest waiting with no media until the specialist admits them, then audio and video flow both ways', async () => {
    const consultationId = await stack.consultation();
    const patientToken = await loginAs(api, stack.cast.patient.email);
    const guest = await inviteGuest(consultationId, patientToken);

    const specialist = await stack.connect(consultationId, 'specialist');
    await specialist.join();
    await specialist.startMedia();

    // the guest's page: what the link is for, then the join (no Authorization header at all)
    const about = await request(api).get(`/guest-invitations/${guest.link}`).expect(200);
    expect(about.body).toMatchObject({ guest: { name: 'Maria Smith' }, joinable: true });
    const join = (await request(api).post(`/guest-invitations/${guest.link}/join`).expect(200))
      .body as JoinResponse;
    expect(join.sfuUrl).toBe(stack.sfuUrl);
    const guestPeer = await stack.connectWith(consultationId, join.token);
    const waiting = await guestPeer.join();
    expect(waiting.self).toMatchObject({
      userId: guest.id,
      role: 'guest',
      status: 'waiting',
      displayName: 'Maria Smith',
    });
    expect(waiting.participants).toEqual([]);
    expect(waiting.producers).toEqual([]);
    const notice = (await eventually(
      () => specialist.received(ServerEvent.WaitingJoined)[0],
      'waiting-room notice to the specialist',
    )) as ParticipantInfo;
    expect(notice).toMatchObject({ userId: guest.id, role: 'guest', status: 'waiting' });

    // in the waiting room the server refuses transports, producing and consuming
    const producerId =
      specialist.joinResult!.producers[0]?.producerId ?? specialist.producerIds.get('audio')!;
    for (const [event, payload] of [
      [ClientEvent.CreateTransport, { direction: 'send' }],
      [
        ClientEvent.Produce,
        { transportId: producerId, kind: 'audio', rtpParameters: { codecs: [{}] }, source: 'mic' },
      ],
      [ClientEvent.Consume, { transportId: producerId, producerId, rtpCapabilities: {} }],
    ] as const) {
      expect(await guestPeer.request(event, payload)).toEqual({
        ok: false,
        error: { code: 'not_admitted', message: expect.stringMatching(/waiting room/) },
      });
    }
    // a guest cannot let themselves in
    expect(await guestPeer.request(ClientEvent.Admit, { userId: guest.id })).toMatchObject({ ok: false });

    await specialist.call(ClientEvent.Admit, { userId: guest.id });
    await eventually(() => guestPeer.mediaRounds === 1, 'guest media after admission');
    await expectMediaFlowing([specialist, guestPeer]);
    const [row] = await stack.ds.query(`SELECT last_joined_at FROM consultation_guests WHERE id = $1`, [
      guest.id,
    ]);
    expect(row.last_joined_at).toBeInstanceOf(Date);
  }, 55_000);

  it('withdrawing the invitation puts the guest out of the call at once and keeps them out', async () => {
    const consultationId = await stack.consultation();
    const patientToken = await loginAs(api, stack.cast.patient.email);
    const guest = await inviteGuest(consultationId, patientToken);
    const specialist = await stack.connect(consultationId, 'specialist');
    await specialist.join();
    const join = async () =>
      (await request(api).post(`/guest-invitations/${guest.link}/join`).expect(200)).body as JoinResponse;
    const guestPeer = await stack.connectWith(consultationId, (await join()).token);
    await guestPeer.join();
    await specialist.call(ClientEvent.Admit, { userId: guest.id });
    await eventually(() => guestPeer.mediaRounds === 1, 'guest in the call');
    const spareToken = (await join()).token; // fetched just before the withdrawal, still unexpired

    await request(api)
      .delete(`/consultations/${consultationId}/guests/${guest.id}`)
      .set(authHeader(patientToken))
      .expect(200);
    await eventually(() => guestPeer.socket.disconnected, 'the guest to be put out of the call');
    expect(guestPeer.received(ServerEvent.Removed)).toEqual([{ reason: 'invitation_withdrawn' }]);
    await eventually(
      () =>
        specialist
          .received(ServerEvent.ParticipantLeft)
          .some((n) => (n as { userId: string }).userId === guest.id),
      'the specialist to see the guest leave',
    );

    await expect(SfuTestPeer.connect(stack.sfuUrl, consultationId, spareToken)).rejects.toThrow(
      /invitation to this consultation was withdrawn/,
    );
    const refused = await request(api).post(`/guest-invitations/${guest.link}/join`).expect(404);
    expect(refused.body.message).toMatch(/not valid or has been withdrawn/);
    // withdrawing again changes nothing and still answers
    await request(api)
      .delete(`/consultations/${consultationId}/guests/${guest.id}`)
      .set(authHeader(patientToken))
      .expect(200);
  }, 55_000);
});
