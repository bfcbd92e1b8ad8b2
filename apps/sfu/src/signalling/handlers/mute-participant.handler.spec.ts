import { randomUUID } from 'node:crypto';
import type { types } from 'mediasoup';
import type { Socket } from 'socket.io';
import { ClientEvent, ServerEvent } from '@yiqiao/contracts';
import type { Ack, CallRole, MediaSource, MuteParticipantResult, ParticipantInfo } from '@yiqiao/contracts';
import { Peer } from '../../rooms/peer';
import { Room } from '../../rooms/room';
import { dispatch } from '../dispatcher';
import { RateLimiter } from '../rate-limiter';
import type { SignalContext, SignalServices } from '../signal-handler';
import { muteParticipantHandler } from './mute-participant.handler';

/** Stands in for a mediasoup producer: only what the handler and Peer.info() read or call. */
class FakeProducer {
  readonly id = randomUUID();
  paused = false;
  closed = false;
  readonly kind: types.MediaKind;
  constructor(readonly appData: { source: MediaSource }) {
    this.kind = appData.source === 'mic' ? 'audio' : 'video';
  }
  async pause(): Promise<void> {
    this.paused = true;
  }
}

class FakeSocket {
  readonly emitted: { event: string; payload: unknown }[] = [];
  emit(event: string, payload: unknown): boolean {
    this.emitted.push({ event, payload });
    return true;
  }
}

interface Person {
  peer: Peer;
  socket: FakeSocket;
  mic: FakeProducer;
  camera: FakeProducer;
}

describe('participant:mute (dispatcher and handler, without media)', () => {
  const consultationId = randomUUID();
  let room: Room;
  let services: SignalServices;

  const person = (role: CallRole, name: string, status: Peer['status'] = 'in_call'): Person => {
    const socket = new FakeSocket();
    const claims = { cid: consultationId, sub: randomUUID(), role, name, node: 'n', iat: 0, exp: 0 };
    // the fake implements only the emit the room and handler use
    const peer = new Peer(claims, socket as unknown as Socket);
    peer.status = status;
    const mic = new FakeProducer({ source: 'mic' });
    const camera = new FakeProducer({ source: 'camera' });
    for (const producer of [mic, camera])
      // the fake carries the producer fields that Peer and the handler read
      peer.producers.set(producer.id, producer as unknown as types.Producer);
    room.peers.set(peer.userId, peer);
    return { peer, socket, mic, camera };
  };

  const send = async (from: Person, payload: unknown): Promise<Ack<MuteParticipantResult>> => {
    let answer: Ack<unknown> | undefined;
    const ctx: SignalContext = {
      claims: {
        cid: consultationId,
        sub: from.peer.userId,
        role: from.peer.role,
        name: from.peer.displayName,
        node: 'n',
        iat: 0,
        exp: 0,
      },
      socket: from.peer.socket,
      services,
    };
    await dispatch(
      muteParticipantHandler,
      ctx,
      new RateLimiter(100),
    )(payload, (ack: Ack<unknown>) => {
      answer = ack;
    });
    return answer as Ack<MuteParticipantResult>;
  };

  const nothingEmitted = (...people: Person[]) => people.forEach((p) => expect(p.socket.emitted).toEqual([]));

  beforeEach(() => {
    room = new Room(consultationId);
    // only `rooms.get` is reached by this handler
    services = { rooms: { get: () => room } } as unknown as SignalServices;
  });

  it.each<CallRole>(['specialist', 'coordinator'])(
    'the %s pauses the patient’s microphone only; everyone sees it, the patient is told who did it',
    async (role) => {
      const staff = person(role, 'Dr Wang Li');
      const patient = person('patient', 'Anna Smith');
      const interpreter = person('interpreter', 'Chen Yu');

      const ack = await send(staff, { userId: patient.peer.userId });

      expect(ack).toEqual({
        ok: true,
        data: { participant: expect.objectContaining({ userId: patient.peer.userId, audioMuted: true }) },
      });
      expect(patient.mic.paused).toBe(true);
      expect(patient.camera.paused).toBe(false);
      const update = expect.objectContaining<Partial<ParticipantInfo>>({
        userId: patient.peer.userId,
        audioMuted: true,
        videoMuted: false,
      });
      for (const someone of [staff, interpreter])
        expect(someone.socket.emitted).toEqual([{ event: ServerEvent.ParticipantUpdated, payload: update }]);
      expect(patient.socket.emitted).toEqual([
        { event: ServerEvent.ParticipantUpdated, payload: update },
        { event: ServerEvent.MutedByStaff, payload: { by: 'Dr Wang Li' } },
      ]);
    },
  );

  it.each<CallRole>(['patient', 'interpreter', 'guest'])(
    'refuses a caller who is a %s (only staff mute), and nothing changes',
    async (role) => {
      const caller = person(role, 'Caller');
      const specialist = person('specialist', 'Dr Wang Li');

      expect(await send(caller, { userId: specialist.peer.userId })).toEqual({
        ok: false,
        error: { code: 'forbidden', message: 'Only the specialist or a coordinator may do this.' },
      });
      expect(specialist.mic.paused).toBe(false);
      nothingEmitted(caller, specialist);
    },
  );

  it('refuses muting oneself, someone unknown or waiting, and a malformed payload', async () => {
    const specialist = person('specialist', 'Dr Wang Li');
    const waiting = person('patient', 'Anna Smith', 'waiting');

    expect(await send(specialist, { userId: specialist.peer.userId })).toEqual({
      ok: false,
      error: { code: 'forbidden', message: expect.stringMatching(/your own microphone/) },
    });
    for (const userId of [randomUUID(), waiting.peer.userId])
      expect(await send(specialist, { userId })).toEqual({
        ok: false,
        error: { code: 'not_found', message: 'That person is not in the call.' },
      });
    for (const payload of [{}, { userId: 'not-an-id' }, { userId: waiting.peer.userId, extra: 1 }, 'x'])
      expect(await send(specialist, payload)).toMatchObject({
        ok: false,
        error: { code: 'invalid_payload', message: expect.stringContaining(ClientEvent.MuteParticipant) },
      });
    expect(specialist.mic.paused).toBe(false);
    expect(waiting.mic.paused).toBe(false);
    nothingEmitted(specialist, waiting);
  });

  it('muting someone already muted succeeds and tells nobody again', async () => {
    const specialist = person('specialist', 'Dr Wang Li');
    const patient = person('patient', 'Anna Smith');
    patient.mic.paused = true;

    expect(await send(specialist, { userId: patient.peer.userId })).toEqual({
      ok: true,
      data: { participant: expect.objectContaining({ audioMuted: true }) },
    });
    nothingEmitted(specialist, patient);
  });
});
