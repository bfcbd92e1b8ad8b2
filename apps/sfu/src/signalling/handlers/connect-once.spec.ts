import type { types } from 'mediasoup';
import { connectOnce } from './connect-once';

const dtls = {
  role: 'client',
  fingerprints: [{ algorithm: 'sha-256', value: 'AB' }],
} as types.DtlsParameters;

function fakeTransport(outcomes: ('ok' | 'fail')[]) {
  const calls: number[] = [];
  const transport = {
    connect: async () => {
      calls.push(calls.length);
      await new Promise((resolve) => setTimeout(resolve, 5));
      if (outcomes.shift() === 'fail') throw new TypeError('invalid fingerprint.algorithm value');
    },
  };
  // only connect() is called
  return { transport: transport as unknown as types.WebRtcTransport, calls };
}

describe('transport:connect once', () => {
  it('refuses a second connect, also when both arrive together', async () => {
    const { transport, calls } = fakeTransport(['ok']);
    const [first, second] = await Promise.allSettled([
      connectOnce(transport, dtls),
      connectOnce(transport, dtls),
    ]);
    expect(first.status).toBe('fulfilled');
    expect(second).toMatchObject({
      status: 'rejected',
      reason: { code: 'forbidden', message: expect.stringMatching(/already connected/) },
    });
    await expect(connectOnce(transport, dtls)).rejects.toMatchObject({ code: 'forbidden' });
    expect(calls).toHaveLength(1);
  });

  it('allows a retry after a connect mediasoup refused', async () => {
    const { transport, calls } = fakeTransport(['fail', 'ok']);
    await expect(connectOnce(transport, dtls)).rejects.toThrow(TypeError);
    await expect(connectOnce(transport, dtls)).resolves.toBeUndefined();
    expect(calls).toHaveLength(2);
  });
});
