import { randomUUID } from 'node:crypto';
import type { Socket } from 'socket.io';
import { Peer, PEER_MEDIA_LIMITS } from '../../rooms/peer';
import { SignalFailure } from '../signal-failure';
import { createInSlot } from './media-slot';

interface Made {
  id: string;
  closed: boolean;
}

function newPeer(): Peer {
  const claims = {
    cid: randomUUID(),
    sub: randomUUID(),
    role: 'patient' as const,
    name: 'A',
    node: 'n',
    iat: 0,
    exp: 0,
  };
  // no socket is used by the slot logic
  return new Peer(claims, {} as Socket);
}

/** Creation that completes only when the test says so, as mediasoup's worker round trip does. */
function deferred() {
  const waiting: (() => void)[] = [];
  return {
    create: () =>
      new Promise<Made>((resolve) => waiting.push(() => resolve({ id: randomUUID(), closed: false }))),
    finishAll: () => waiting.splice(0).forEach((finish) => finish()),
    get pending() {
      return waiting.length;
    },
  };
}

const codeOf = (result: PromiseSettledResult<unknown>) =>
  result.status === 'rejected' && result.reason instanceof SignalFailure ? result.reason.code : result.status;

describe('per-participant media limits under concurrency', () => {
  it('10 concurrent transport creations: the limit is reserved before awaiting, so exactly 4 are made', async () => {
    const peer = newPeer();
    const work = deferred();
    const attempts = Array.from({ length: 10 }, () =>
      createInSlot(peer, 'transport', {
        create: work.create,
        adopt: (made) => peer.transports.set(made.id, made as never),
        discard: (made) => (made.closed = true),
      }),
    );
    // the six over the limit are refused at once, without reaching mediasoup
    expect(work.pending).toBe(PEER_MEDIA_LIMITS.transport);
    work.finishAll();
    const results = await Promise.allSettled(attempts);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(4);
    expect(results.map(codeOf).filter((c) => c === 'forbidden')).toHaveLength(6);
    const refused = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect((refused.reason as Error).message).toBe('At most 4 transports per participant; close one first.');
    expect(peer.transports.size).toBe(4);
    expect(peer.reserve('transport')).toBeNull();
  });

  it('gives the place back when creation fails, and when the object is later closed', async () => {
    const peer = newPeer();
    for (let i = 0; i < 4; i++)
      await expect(
        createInSlot(peer, 'transport', {
          create: () => Promise.reject(new Error('worker said no')),
          adopt: () => undefined,
          discard: () => undefined,
        }),
      ).rejects.toThrow('worker said no');
    const made = await createInSlot<Made>(peer, 'transport', {
      create: async () => ({ id: 't1', closed: false }),
      adopt: (m) => peer.transports.set(m.id, m as never),
      discard: () => undefined,
    });
    expect(made.id).toBe('t1');
    const slots = [peer.reserve('transport'), peer.reserve('transport'), peer.reserve('transport')];
    expect(slots.every(Boolean)).toBe(true);
    expect(peer.reserve('transport')).toBeNull();
    slots[0]!.release();
    slots[0]!.release(); // releasing twice gives back one place only
    expect(peer.reserve('transport')).not.toBeNull();
    expect(peer.reserve('transport')).toBeNull();
    peer.transports.delete('t1');
    expect(peer.reserve('transport')).not.toBeNull();
  });

  it('closes what was created for media that were reset meanwhile (rejoin, leave)', async () => {
    const peer = newPeer();
    const work = deferred();
    const discarded: Made[] = [];
    const attempt = createInSlot(peer, 'consumer', {
      create: work.create,
      adopt: (made) => peer.consumers.set(made.id, made as never),
      discard: (made) => discarded.push(made),
    });
    peer.closeMedia();
    work.finishAll();
    await expect(attempt).rejects.toMatchObject({
      code: 'not_found',
      message: expect.stringMatching(/reset/),
    });
    expect(discarded).toHaveLength(1);
    expect(peer.consumers.size).toBe(0);
  });

  it('holds each limit separately: 3 producers, 50 consumers', () => {
    const peer = newPeer();
    expect(Array.from({ length: 4 }, () => peer.reserve('producer')).filter(Boolean)).toHaveLength(3);
    expect(Array.from({ length: 51 }, () => peer.reserve('consumer')).filter(Boolean)).toHaveLength(50);
    expect(peer.reserve('transport')).not.toBeNull();
  });
});
