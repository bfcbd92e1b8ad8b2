import { createHmac } from 'node:crypto';
import { turnIceServers } from './turn-credentials';

describe('turnIceServers (coturn shared-secret scheme)', () => {
  it('issues expiry:userId with an HMAC-SHA1 credential coturn can recompute', () => {
    const now = new Date('2026-11-22T08:00:00Z');
    const [server] = turnIceServers('a-long-turn-secret-123', ['turn:turn.example:3478'], 'user-1', 600, now);
    expect(server.username).toBe(`${now.getTime() / 1000 + 600}:user-1`);
    expect(server.credential).toBe(
      createHmac('sha1', 'a-long-turn-secret-123').update(server.username!).digest('base64'),
    );
    expect(server.urls).toEqual(['turn:turn.example:3478']);
  });

  it('offers no TURN server when none is configured', () => {
    expect(turnIceServers(undefined, ['turn:x'], 'u', 60)).toEqual([]);
    expect(turnIceServers('a-long-turn-secret-123', [], 'u', 60)).toEqual([]);
  });
});
