import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Socket } from 'socket.io';
import { ClientEvent } from '@yiqiao/contracts';
import type { Ack } from '@yiqiao/contracts';
import { dispatch } from './dispatcher';
import { RateLimiter } from './rate-limiter';
import { SignalFailure } from './signal-failure';
import { defineHandler } from './signal-handler';
import type { SignalContext, SignalServices } from './signal-handler';

const ctx: SignalContext = {
  claims: { cid: randomUUID(), sub: randomUUID(), role: 'patient', name: 'A', node: 'n', iat: 0, exp: 0 },
  socket: {} as Socket,
  // 'socket' handlers never look the room up
  services: { rooms: { get: () => undefined } } as unknown as SignalServices,
};

async function send(handle: () => Promise<unknown>, payload: unknown): Promise<Ack<unknown>> {
  const handler = defineHandler({
    event: ClientEvent.Join,
    schema: z.object({ note: z.string().max(10) }).strict(),
    requires: 'socket',
    handle,
  });
  let answer: Ack<unknown> | undefined;
  await dispatch(handler, ctx, new RateLimiter(100))(payload, (a: Ack<unknown>) => (answer = a));
  return answer!;
}

function nested(depth: number): unknown {
  let value: unknown = 1;
  for (let i = 0; i < depth; i++) value = { note: value };
  return value;
}

describe('dispatcher: bounds, validation and the one acknowledgement', () => {
  it('refuses a payload nested 10,000 deep as invalid_payload naming the depth, before zod or the handler', async () => {
    const handle = jest.fn(async () => ({}));
    expect(await send(handle, nested(10_000))).toEqual({
      ok: false,
      error: {
        code: 'invalid_payload',
        message: expect.stringMatching(/^Invalid room:join: (note\.){9}note: nested deeper than 10 levels$/),
      },
    });
    expect(await send(handle, { note: 'x'.repeat(5000) })).toEqual({
      ok: false,
      error: {
        code: 'invalid_payload',
        message: 'Invalid room:join: note: a string longer than 4096 characters',
      },
    });
    expect(handle).not.toHaveBeenCalled();
  });

  it('passes what fits to zod and then to the handler', async () => {
    expect(await send(async () => ({ fine: true }), { note: 'hi' })).toEqual({
      ok: true,
      data: { fine: true },
    });
    expect(await send(async () => ({}), { note: 'x'.repeat(11) })).toMatchObject({
      ok: false,
      error: { code: 'invalid_payload', message: expect.stringMatching(/^Invalid room:join: note: /) },
    });
  });

  it('answers refusals verbatim and keeps internal for unexpected faults', async () => {
    const refused = async () => {
      throw new SignalFailure('forbidden', 'No.');
    };
    expect(await send(refused, { note: 'a' })).toEqual({
      ok: false,
      error: { code: 'forbidden', message: 'No.' },
    });
    const broken = async () => {
      throw new Error('disk on fire');
    };
    expect(await send(broken, { note: 'a' })).toEqual({
      ok: false,
      error: { code: 'internal', message: 'room:join could not be completed; retry.' },
    });
  });
});
