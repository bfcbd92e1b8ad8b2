import { exceedsBounds, SIGNAL_PAYLOAD_BOUNDS } from './payload-bounds';

function nested(depth: number): unknown {
  let value: unknown = 'leaf';
  for (let i = 0; i < depth; i++) value = { a: value };
  return value;
}

describe('payload bounds (before zod)', () => {
  it('accepts ordinary signalling payloads', () => {
    expect(exceedsBounds({ direction: 'send' })).toBeNull();
    expect(exceedsBounds(undefined)).toBeNull();
    expect(exceedsBounds('send')).toBeNull();
    expect(
      exceedsBounds({
        rtpParameters: {
          codecs: [{ mimeType: 'video/VP8', rtcpFeedback: [{ type: 'nack', parameter: '' }] }],
        },
      }),
    ).toBeNull();
    expect(exceedsBounds(nested(SIGNAL_PAYLOAD_BOUNDS.maxDepth))).toBeNull();
  });

  it('refuses a payload nested 10,000 deep without overflowing the stack, naming the depth', () => {
    expect(exceedsBounds(nested(10_000))).toBe(
      `a.a.a.a.a.a.a.a.a.a: nested deeper than ${SIGNAL_PAYLOAD_BOUNDS.maxDepth} levels`,
    );
    let array: unknown = [];
    for (let i = 0; i < 100_000; i++) array = [array];
    expect(exceedsBounds({ x: array })).toMatch(/^x\.0\.0.*: nested deeper than 10 levels$/);
    expect(exceedsBounds(nested(SIGNAL_PAYLOAD_BOUNDS.maxDepth + 1))).toMatch(/nested deeper/);
  });

  it('refuses long strings and keys, wide objects, too many values, binary data and odd keys', () => {
    expect(exceedsBounds({ body: 'x'.repeat(4097) })).toBe('body: a string longer than 4096 characters');
    expect(exceedsBounds({ body: 'x'.repeat(4096) })).toBeNull();
    expect(exceedsBounds({ ['k'.repeat(129)]: 1 })).toBe('(payload): a key longer than 128 characters');
    expect(exceedsBounds({ list: Array.from({ length: 201 }, () => 0) })).toBe('list: more than 200 entries');
    const many = { a: Array.from({ length: 30 }, () => Array.from({ length: 150 }, () => 0)) };
    expect(exceedsBounds(many)).toBe('(payload): more than 4000 values in all');
    expect(exceedsBounds({ data: Buffer.from('abc') })).toBe('data: binary data is not accepted');
    expect(exceedsBounds({ data: new ArrayBuffer(4) })).toBe('data: binary data is not accepted');
    expect(exceedsBounds(JSON.parse('{"a":{"__proto__":{"x":1}}}'))).toBe(
      'a: the key "__proto__" is not accepted',
    );
    expect(exceedsBounds({ n: Number.NaN })).toBe('n: not a finite number');
  });
});
