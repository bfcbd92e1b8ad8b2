import fc from 'fast-check';
import { resolve, type OpenApiDocument, type Schema } from './openapi';

/** What must never appear in an answer; generated values avoid it so a quoted value is no false alarm. */
export const LEAK_MARKERS =
  /\n\s+at |\bat [\w$.<>]+ \([^)]*:\d+:\d+\)|\.[jt]s:\d+|SELECT |INSERT |UPDATE \w+ SET|violates|relation "/;
const clean = (text: string): boolean => !LEAK_MARKERS.test(text);

export const LONE_SURROGATES = ['\ud800', 'a\udbffz', '\udc00', 'x\ud83d'];
export const NASTY_TEXT = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  ...LONE_SURROGATES,
  '😀👨‍👩‍👧',
  'e\u0301',
  '\u00e9',
  '\u202eevil',
  '\ufeffbom',
  '\u2028',
  'İı',
  '%',
  '_',
  '\\',
  "'; DROP TABLE users; --",
  '<script>alert(1)</script>',
  '$value',
  'undefined',
  'null',
  '𝕏'.repeat(60),
];
export const ODD_INSTANTS = [
  '9999-12-31T15:00:00Z',
  '0000-01-01T00:00:00Z',
  '275760-09-13T00:00:00Z',
  '+275760-09-13T00:00:00.000Z',
  '2026-02-30T10:00:00+08:00',
  '2026-03-09T24:00:00Z',
  '2026-03-09T09:00:00+14:00',
  '2026-03-09T09:00:00-12:00',
  '2026-03-09T09:00:00+23:59',
  '2026-03-29T02:30:00+01:00',
  '2026-03-09T09:00:00.123456789Z',
  '2026-03-09T09:00:00',
  '2026-03-09',
  '1970-01-01T00:00:00Z',
  '2026-03-02T01:00:00Z',
  'now',
];
export const ODD_DATES = [
  '9999-12-31',
  '0000-01-01',
  '2026-02-29',
  '2028-02-29',
  '2026-13-01',
  '20260309',
  '2026-3-9',
  '2095-01-01',
  '1999-12-31',
];
export const ODD_ZONES = [
  '+08:00',
  'Mars/Olympus_Mons',
  'asia/shanghai',
  'Etc/GMT+12',
  'Etc/GMT-14',
  'Pacific/Chatham',
  'Asia/Kathmandu',
  'UTC',
  'Factory',
  'EST5EDT',
  'America/Argentina/ComodRivadavia',
];
export const ODD_CLOCKS = ['00:00', '23:59', '24:00', '9:30', '25:61', '07:00', '22:00', '-01:00'];
const ODD_NUMBERS = [0, -1, 1.5, 2 ** 31, 2 ** 53 + 2, -(2 ** 63), 1e308, -1e308, 5e-324, 2095, 0x7ea];

const validInstant = fc
  .record({
    at: fc.date({
      min: new Date('2026-01-01T00:00:00Z'),
      max: new Date('2027-12-31T00:00:00Z'),
      noInvalidDate: true,
    }),
    offset: fc.constantFrom('Z', '+08:00', '-05:00', '+05:45', '+14:00'),
  })
  .map(({ at, offset }) => `${at.toISOString().slice(0, 19)}${offset}`);
const validDate = fc
  .date({ min: new Date('2026-01-01T00:00:00Z'), max: new Date('2027-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));
const validZone = fc.constantFrom(
  'Asia/Shanghai',
  'Europe/London',
  'America/New_York',
  'Asia/Dubai',
  'Australia/Sydney',
);
const validClock = fc.constantFrom('07:00', '09:30', '12:00', '18:45', '22:00');
const text = (max: number) => fc.string({ unit: 'grapheme', maxLength: max }).filter(clean);

/** A deeply nested array (JSON depth `depth`). */
export const nested = (depth: number): unknown => {
  let value: unknown = [];
  for (let i = 0; i < depth; i++) value = [value];
  return value;
};

/** Any value a client might put where a field is expected: wrong types, edges, hostile text. */
export const wrongValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(...NASTY_TEXT, ...ODD_INSTANTS, ...ODD_DATES, ...ODD_ZONES, ...ODD_CLOCKS),
  fc.constantFrom(...ODD_NUMBERS, null, true, false, [], {}, [null], [[]], { $ne: null }),
  fc.constantFrom(
    JSON.parse('{"__proto__":{"role":"admin"}}') as unknown,
    JSON.parse('{"constructor":{"prototype":{}}}') as unknown,
  ),
  fc.constantFrom(20, 33, 200).map(nested),
  fc.constantFrom(4_001, 20_001, 60_000).map((n) => 'x'.repeat(n)),
  fc.array(fc.constantFrom('en', 'xx', '', '\u0000'), { maxLength: 30 }),
  fc.jsonValue({ maxDepth: 3 }).filter((v) => clean(JSON.stringify(v) ?? '')),
  fc.string({ unit: 'binary', maxLength: 12 }).filter(clean),
);

const NAME_HINTS: [RegExp, fc.Arbitrary<string>][] = [
  [/At$|^at$|^(starts|ends)$/, validInstant],
  [/^(from|to|date|effectiveFrom|effectiveUntil)$/, validDate],
  [/timeZone$|^zone$/i, validZone],
  [/Local$/, validClock],
];

/** Schema-valid values (examples, existing ids, plausible dates) for one field. */
export function validValue(
  schema: Schema,
  name: string,
  doc: OpenApiDocument,
  ids: string[],
): fc.Arbitrary<unknown> {
  const s = resolve(schema, doc);
  if (s.enum && s.enum.length > 0) return fc.constantFrom(...s.enum);
  switch (s.type) {
    case 'string': {
      if (s.format === 'uuid') return fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...ids) }, fc.uuid());
      if (s.format === 'date-time') return validInstant;
      const hint = NAME_HINTS.find(([pattern]) => pattern.test(name));
      if (hint) return fc.oneof(hint[1], ...(typeof s.example === 'string' ? [fc.constant(s.example)] : []));
      return typeof s.example === 'string'
        ? fc.oneof({ weight: 3, arbitrary: fc.constant(s.example) }, text(s.maxLength ?? 40))
        : text(s.maxLength ?? 40);
    }
    case 'number':
    case 'integer':
      if (name === 'year') return fc.integer({ min: 1999, max: 2101 });
      return fc.oneof(
        ...(typeof s.example === 'number' ? [fc.constant(s.example)] : []),
        fc.integer({ min: Math.ceil(s.minimum ?? 0), max: Math.floor(s.maximum ?? 1_000) }),
      );
    case 'boolean':
      return fc.boolean();
    case 'array':
      return Array.isArray(s.example) && s.example.length > 0
        ? fc.oneof(
            fc.constant(s.example),
            fc.array(validValue(s.items ?? {}, name, doc, ids), { maxLength: 3 }),
          )
        : fc.array(validValue(s.items ?? {}, name, doc, ids), { minLength: 1, maxLength: 3 });
    case 'object': {
      const properties = s.properties ?? {};
      const model = Object.fromEntries(
        Object.entries(properties).map(([key, property]) => [key, validValue(property, key, doc, ids)]),
      );
      return fc.record(model, { requiredKeys: (s.required ?? []).filter((key) => key in properties) });
    }
    default:
      return fc.jsonValue({ maxDepth: 2 }).filter((v) => clean(JSON.stringify(v) ?? ''));
  }
}
