import { createHmac } from 'node:crypto';
import './sfu-support/wrtc-globals';
import { ClientEvent } from '@yiqiao/contracts';
import type { IceServer } from '@yiqiao/contracts';
import { hostNow } from '@yiqiao/testing';
import { Coturn } from './sfu-support/coturn';
import { eventually, expectMediaFlowing } from './sfu-support/sfu-test-peer';
import { SfuStack } from './sfu-support/sfu-stack';

const TURN_SECRET = 'sfu-e2e-turn-secret-0123456789abcdef';

/** Relay candidates a peer connection gathers with these ICE servers (what the network check counts). */
async function relayCandidates(iceServers: IceServer[]): Promise<number> {
  const connection = new RTCPeerConnection({
    iceServers: iceServers as RTCIceServer[],
    iceTransportPolicy: 'relay',
  });
  let relays = 0;
  connection.onicecandidate = ({ candidate }) => {
    if (candidate && / typ relay /.test(candidate.candidate)) relays++;
  };
  connection.createDataChannel('probe');
  await connection.setLocalDescription(await connection.createOffer());
  await eventually(() => connection.iceGatheringState === 'complete', 'ICE gathering to complete');
  connection.close();
  return relays;
}

/**
 * TURN through a real coturn: the credentials the SFU hands out with every join are accepted by coturn
 * (same shared secret), forged or expired ones are refused, and a call whose peers may only use relay
 * candidates carries audio and video through the relay.
 */
describe('sfu: TURN relay through a real coturn with time-limited credentials', () => {
  let coturn: Coturn;
  let stack: SfuStack;

  beforeAll(async () => {
    coturn = await Coturn.start(TURN_SECRET);
    stack = await SfuStack.start({ TURN_SECRET, TURN_URLS: coturn.url, TURN_TTL_SECONDS: '600' });
  }, 30_000);

  afterAll(async () => {
    await stack?.stop();
    await coturn?.stop();
  }, 30_000);

  const joinRelayOnly = async (consultationId: string, who: 'specialist' | 'patient') => {
    const peer = await stack.connect(consultationId, who);
    const joined = await peer.join();
    peer.ice = { iceServers: joined.iceServers as RTCIceServer[], iceTransportPolicy: 'relay' };
    return { peer, joined };
  };

  it('relays a two-person call when only TURN candidates are allowed', async () => {
    const consultationId = await stack.consultation();
    const { peer: specialist, joined } = await joinRelayOnly(consultationId, 'specialist');
    expect(joined.iceServers).toEqual([
      {
        urls: [coturn.url],
        username: expect.stringMatching(new RegExp(`^\\d+:${stack.cast.specialist.id}$`)),
        credential: expect.any(String),
      },
    ]);
    const expiry = Number(joined.iceServers[0].username!.split(':')[0]);
    expect(expiry - Date.now() / 1000).toBeGreaterThan(500);
    expect(expiry - Date.now() / 1000).toBeLessThanOrEqual(600);

    await specialist.startMedia();
    const { peer: patient } = await joinRelayOnly(consultationId, 'patient');
    await specialist.call(ClientEvent.Admit, { userId: stack.cast.patient.id });
    await eventually(() => patient.mediaRounds === 1, 'patient media after admission');
    await expectMediaFlowing([specialist, patient]);

    for (const peer of [specialist, patient]) {
      const types = await peer.selectedCandidateTypes();
      expect(types.length).toBeGreaterThanOrEqual(2); // send and receive transports
      expect(new Set(types)).toEqual(new Set(['relay']));
    }
    expect(coturn.output()).toMatch(/session \d+: new, realm=<yiqiao\.test>, username=<\d+:/);
  }, 60_000);

  it('refuses forged and expired credentials', async () => {
    const valid = (await joinRelayOnly(await stack.consultation(), 'patient')).joined.iceServers;
    expect(await relayCandidates(valid)).toBeGreaterThan(0);

    const forged = [
      {
        ...valid[0],
        credential: createHmac('sha1', 'not-the-secret').update(valid[0].username!).digest('base64'),
      },
    ];
    expect(await relayCandidates(forged)).toBe(0);

    // coturn judges expiry on the host's clock, which a moved test clock does not move
    const expiredName = `${Math.floor(hostNow() / 1000) - 60}:${stack.cast.patient.id}`;
    const expired = [
      {
        urls: [coturn.url],
        username: expiredName,
        credential: createHmac('sha1', TURN_SECRET).update(expiredName).digest('base64'),
      },
    ];
    expect(await relayCandidates(expired)).toBe(0);
  }, 60_000);
});
