import { quoteValue, shorten, tidyMessage } from './error-text';

describe('error text', () => {
  it('quotes values briefly and never as undefined', () => {
    expect(quoteValue(undefined)).toBe('nothing');
    expect(quoteValue(['a'])).toBe('a list');
    expect(quoteValue('x'.repeat(100))).toBe(`"${'x'.repeat(40)}…"`);
    expect(shorten(`${'a'.repeat(39)}😀tail`)).toBe(`${'a'.repeat(39)}…`);
  });

  it('removes validator template leftovers and cuts long quoted values and blobs', () => {
    expect(tidyMessage('from must be a date (got "$value")')).toBe('from must be a date');
    expect(tidyMessage('timeZone must be a zone (got undefined)')).toBe(
      'timeZone must be a zone (got nothing)',
    );
    expect(tidyMessage(`x is wrong (got "${'y'.repeat(500)}")`)).toBe(
      `x is wrong (got "${'y'.repeat(40)}…")`,
    );
    expect(tidyMessage(`Cannot DELETE /a/${'x'.repeat(4000)}`)).toBe(
      `There is no DELETE /a/${'x'.repeat(77)}…; the operations are listed at /docs`,
    );
  });
});
