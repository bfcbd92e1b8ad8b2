import fc from 'fast-check';
import { resolve, type OpenApiDocument, type Operation, type Parameter } from './openapi';
import { validValue, wrongValue, LONE_SURROGATES } from './values';
import { ROLES, TOKENLESS, type CallerName } from './world';

/** One request exactly as it goes on the wire (apart from the caller's Authorization header). */
export interface FuzzRequest {
  operation: string;
  caller: CallerName;
  method: Operation['method'];
  /** Percent-encoded path and query string. */
  url: string;
  headers: Record<string, string>;
  body?: string | Buffer;
  /** What was done to the request, for the report. */
  shape: string;
}

/** Percent-encoding that never throws (a lone surrogate goes out as UTF-8 of U+FFFD, as browsers do). */
export function encode(value: string): string {
  try {
    return encodeURIComponent(value);
  } catch {
    return [...Buffer.from(value, 'utf8')]
      .map((b) => `%${b.toString(16).padStart(2, '0').toUpperCase()}`)
      .join('');
  }
}

const asQueryText = (value: unknown): string =>
  typeof value === 'string' ? value : value === undefined ? '' : JSON.stringify(value);

/** Raw (already encoded) URL pieces no encoder would produce. */
const RAW_URL_PIECES = [
  '%00',
  '%ED%A0%80',
  '%C0%80',
  '%FF',
  '%',
  '%zz',
  '%2F',
  '%20',
  '..',
  '0x7EA',
  '9999',
  '-1',
  '2027.5',
  '1e3',
  'null',
  'A'.repeat(3_000),
];

function paramValue(p: Parameter, doc: OpenApiDocument, ids: string[]): fc.Arbitrary<string> {
  const valid = validValue(p.schema ?? { type: 'string' }, p.name, doc, ids).map((v) =>
    encode(asQueryText(v)),
  );
  return fc.oneof(
    { weight: 5, arbitrary: valid },
    { weight: 2, arbitrary: fc.constantFrom(...RAW_URL_PIECES) },
    { weight: 2, arbitrary: wrongValue.map((v) => encode(asQueryText(v)).slice(0, 6_000)) },
  );
}

function queryString(op: Operation, doc: OpenApiDocument, ids: string[]): fc.Arbitrary<string> {
  const documented = op.parameters.filter((p) => p.in === 'query');
  const pairs = documented.map((p) =>
    fc.oneof(
      { weight: p.required ? 1 : 3, arbitrary: fc.constant<string[]>([]) },
      { weight: 6, arbitrary: paramValue(p, doc, ids).map((v) => [`${p.name}=${v}`]) },
      // a repeated key: express gives the route an array
      {
        weight: 1,
        arbitrary: fc
          .array(paramValue(p, doc, ids), { minLength: 2, maxLength: 3 })
          .map((vs) => vs.map((v) => `${p.name}=${v}`)),
      },
      {
        weight: 1,
        arbitrary: fc.constantFrom([`${p.name}[]=1`], [`${p.name}[a]=1`], [`${p.name}`], [`${p.name}=`]),
      },
    ),
  );
  const extra = fc.oneof(
    { weight: 8, arbitrary: fc.constant<string[]>([]) },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        ['__proto__=1'],
        ['constructor[prototype][x]=1'],
        ['unknown=1'],
        ['%00=1'],
        ['a=%ED%A0%80'],
      ),
    },
  );
  return fc.tuple(fc.tuple(...pairs), extra).map(([chosen, more]) => {
    const all = [...chosen.flat(), ...more];
    return all.length > 0 ? `?${all.join('&')}` : '';
  });
}

const JSON_TYPES = ['application/json', 'application/json; charset=utf-8'];
const ODD_TYPES = [
  'application/json; charset=latin1',
  'application/json; charset=utf-16',
  'application/json; charset=bogus',
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/vnd.api+json',
  'application/pdf',
  '*/*',
];

interface Body {
  contentType?: string;
  contentEncoding?: string;
  body?: string | Buffer;
  shape: string;
}

/** Duplicated keys: the same field twice, the second time with another value. */
const withDuplicate = (valid: unknown, key: string, other: unknown): string => {
  const text = JSON.stringify(valid ?? {});
  const dup = `${JSON.stringify(key)}:${JSON.stringify(other) ?? 'null'}`;
  return text.startsWith('{') && text.length > 2 ? `{${dup},${text.slice(1)}` : `{${dup}}`;
};

function jsonBody(op: Operation, doc: OpenApiDocument, ids: string[]): fc.Arbitrary<Body> {
  const schema = op.bodySchema ? resolve(op.bodySchema, doc) : { type: 'object' };
  const valid = validValue(schema, 'body', doc, ids);
  const keys = Object.keys(schema.properties ?? {});
  const key = keys.length > 0 ? fc.constantFrom(...keys) : fc.constant('field');
  const json = (shape: string) => (value: unknown) => ({ body: JSON.stringify(value) ?? 'null', shape });
  const withType = (contentType: fc.Arbitrary<string>, body: fc.Arbitrary<Omit<Body, 'contentType'>>) =>
    fc.tuple(contentType, body).map(([type, b]): Body => ({ ...b, contentType: type }));
  const jsonType = fc.constantFrom(...JSON_TYPES);
  return fc.oneof(
    { weight: 4, arbitrary: withType(jsonType, valid.map(json('schema-valid'))) },
    {
      weight: 5,
      arbitrary: withType(
        jsonType,
        fc
          .tuple(valid, key, wrongValue)
          .map(([v, k, w]) => json(`field ${k} mutated`)({ ...(v as object), [k]: w })),
      ),
    },
    {
      weight: 1,
      arbitrary: withType(
        jsonType,
        fc.tuple(valid, key).map(([v, k]) => {
          const copy = { ...(v as Record<string, unknown>) };
          delete copy[k];
          return json(`field ${k} missing`)(copy);
        }),
      ),
    },
    {
      weight: 1,
      arbitrary: withType(
        jsonType,
        fc
          .tuple(valid, key, wrongValue)
          .map(([v, k, w]) => ({ body: withDuplicate(v, k, w), shape: `duplicated key ${k}` })),
      ),
    },
    {
      weight: 1,
      arbitrary: withType(
        jsonType,
        fc
          .constantFrom(33, 100, 5_000)
          .chain((depth) =>
            fc.constantFrom(
              { body: `${'['.repeat(depth)}${']'.repeat(depth)}`, shape: `array nested ${depth} deep` },
              { body: `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`, shape: `object nested ${depth} deep` },
              { body: '['.repeat(depth), shape: `unclosed nesting ${depth} deep` },
            ),
          ),
      ),
    },
    {
      weight: 2,
      arbitrary: withType(
        jsonType,
        fc.constantFrom(
          ...[
            'null',
            '"text"',
            '42',
            'true',
            '[]',
            '[{}]',
            '{',
            '{"a":',
            "{'a':1}",
            '',
            'NaN',
            '\ufeff{}',
            '{"a":1}{"b":2}',
          ].map((body) => ({
            body,
            shape: `raw body ${JSON.stringify(body)}`,
          })),
          ...LONE_SURROGATES.map((s) => ({ body: `{"${s}":1}`, shape: 'lone surrogate key' })),
          { body: `{"a":"${'x'.repeat(1_100_000)}"}`, shape: 'body over 1 MB' },
        ),
      ),
    },
    {
      weight: 1,
      arbitrary: fc.tuple(fc.constantFrom(...ODD_TYPES, undefined), valid).map(([contentType, v]) => ({
        contentType,
        body: JSON.stringify(v) ?? '',
        shape: `content type ${contentType ?? 'none'}`,
      })),
    },
    {
      weight: 1,
      arbitrary: fc
        .tuple(fc.constantFrom('gzip', 'deflate', 'br', 'compress'), valid)
        .map(([contentEncoding, v]) => ({
          contentType: 'application/json',
          contentEncoding,
          body: JSON.stringify(v) ?? '',
          shape: `content encoding ${contentEncoding}`,
        })),
    },
    { weight: 1, arbitrary: fc.constant<Body>({ shape: 'no body' }) },
  );
}

const PDF = Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n');
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00]);

function fileBody(): fc.Arbitrary<Body> {
  return fc.oneof(
    fc.constantFrom<Body>(
      { contentType: 'application/pdf', body: PDF, shape: 'pdf' },
      { contentType: 'image/png', body: PNG, shape: 'png' },
      { contentType: 'image/jpeg', body: PNG, shape: 'png declared as jpeg' },
      { contentType: 'application/pdf', body: Buffer.alloc(0), shape: 'empty file' },
      { contentType: 'application/json', body: '{"a":1}', shape: 'json instead of a file' },
      {
        contentType: 'application/pdf',
        body: Buffer.alloc(10 * 1024 * 1024 + 10, 0x25),
        shape: 'file over 10 MB',
      },
      { shape: 'no body' },
    ),
    fc
      .tuple(fc.constantFrom('application/pdf', 'image/jpeg', 'text/plain'), fc.uint8Array({ maxLength: 64 }))
      .map(([contentType, bytes]) => ({
        contentType,
        body: Buffer.from(bytes),
        shape: 'random bytes',
      })),
  );
}

const HEADER_TEXT = fc.constantFrom(
  'scan.pdf',
  '%E6%8A%A5%E5%91%8A.pdf',
  '%',
  '%00',
  '%ED%A0%80',
  '..%2F..%2Fetc',
  'a'.repeat(300),
  '',
  'x y.pdf',
);

function extraHeaders(op: Operation): fc.Arbitrary<Record<string, string>> {
  const documented = op.parameters.filter((p) => p.in === 'header');
  return fc
    .tuple(
      fc.tuple(
        ...documented.map((p) =>
          fc.option(
            p.name.toLowerCase() === 'idempotency-key'
              ? fc.oneof(fc.uuid(), fc.constantFrom('', 'x'.repeat(300), 'key with spaces'))
              : HEADER_TEXT,
            { nil: undefined, freq: 4 },
          ),
        ),
      ),
      fc.constantFrom<Record<string, string>>(
        {},
        {},
        {},
        { Accept: 'text/html' },
        { 'Accept-Language': 'zh-CN' },
        { 'X-Request-Id': 'fuzz' },
      ),
    )
    .map(([values, more]) => {
      const headers: Record<string, string> = { ...more };
      documented.forEach((p, i) => {
        const value = values[i];
        if (value !== undefined) headers[p.name] = value;
      });
      return headers;
    });
}

/** Requests to one operation, from every caller: schema-valid ones and every kind of mutation. */
export function requestsFor(op: Operation, doc: OpenApiDocument, ids: string[]): fc.Arbitrary<FuzzRequest> {
  const pathParams = op.parameters.filter((p) => p.in === 'path');
  const path = fc
    .tuple(...pathParams.map((p) => paramValue(p, doc, ids)))
    .map((values) => pathParams.reduce((url, p, i) => url.replace(`{${p.name}}`, values[i]), op.path));
  const isUpload = op.bodyTypes.some((type) => !type.includes('json'));
  const body: fc.Arbitrary<Body> =
    op.bodyTypes.length === 0
      ? fc.oneof(
          { weight: 4, arbitrary: fc.constant<Body>({ shape: 'no body' }) },
          { weight: 1, arbitrary: jsonBody(op, doc, ids) },
        )
      : isUpload
        ? fileBody()
        : jsonBody(op, doc, ids);
  return fc
    .record({
      // most requests carry a real role's token, so they get past the guards
      caller: fc.oneof(
        { weight: 7, arbitrary: fc.constantFrom(...ROLES) },
        { weight: 3, arbitrary: fc.constantFrom(...TOKENLESS) },
      ),
      path,
      query: queryString(op, doc, ids),
      headers: extraHeaders(op),
      body,
    })
    .map(({ caller, path: url, query, headers, body: b }) => {
      const all = { ...headers };
      if (b.contentType) all['Content-Type'] = b.contentType;
      if (b.contentEncoding) all['Content-Encoding'] = b.contentEncoding;
      return {
        operation: op.name,
        caller,
        method: op.method,
        url: `${url}${query}`,
        headers: all,
        body: b.body,
        shape: b.shape,
      };
    });
}

/** A schema-valid request to one operation from one caller (the systematic pass). */
export function validRequestFor(
  op: Operation,
  doc: OpenApiDocument,
  ids: string[],
  caller: CallerName,
): fc.Arbitrary<FuzzRequest> {
  const pathParams = op.parameters.filter((p) => p.in === 'path');
  const valid = (p: Parameter) =>
    validValue(p.schema ?? { type: 'string' }, p.name, doc, ids).map((v) => encode(asQueryText(v)));
  const query = op.parameters.filter((p) => p.in === 'query');
  const isUpload = op.bodyTypes.some((type) => !type.includes('json'));
  const body: fc.Arbitrary<Body> =
    op.bodyTypes.length === 0
      ? fc.constant({ shape: 'no body' })
      : isUpload
        ? fc.constant({ contentType: 'application/pdf', body: PDF, shape: 'pdf' })
        : validValue(op.bodySchema ?? {}, 'body', doc, ids).map((v) => ({
            contentType: 'application/json',
            body: JSON.stringify(v) ?? '{}',
            shape: 'schema-valid',
          }));
  return fc
    .record({
      path: fc.tuple(...pathParams.map(valid)),
      query: fc.tuple(...query.map((p) => (p.required ? valid(p) : fc.option(valid(p), { nil: undefined })))),
      body,
    })
    .map(({ path, query: values, body: b }) => {
      const url = pathParams.reduce((u, p, i) => u.replace(`{${p.name}}`, path[i]), op.path);
      const pairs = query.flatMap((p, i) => (values[i] === undefined ? [] : [`${p.name}=${values[i]}`]));
      const headers: Record<string, string> = b.contentType ? { 'Content-Type': b.contentType } : {};
      if (op.parameters.some((p) => p.in === 'header' && p.name === 'X-File-Name'))
        headers['X-File-Name'] = 'scan.pdf';
      return {
        operation: op.name,
        caller,
        method: op.method,
        url: pairs.length > 0 ? `${url}?${pairs.join('&')}` : url,
        headers,
        body: b.body,
        shape: b.shape,
      };
    });
}

/** The hostile bodies, sent to every operation that takes JSON, with a valid path. */
export function hostileBodies(op: Operation, doc: OpenApiDocument): { body: string; shape: string }[] {
  const schema = op.bodySchema ? resolve(op.bodySchema, doc) : { properties: {} };
  const field =
    Object.entries(schema.properties ?? {}).find(([, p]) => resolve(p, doc).type === 'string')?.[0] ??
    'field';
  return [
    { body: `${'['.repeat(5_000)}${']'.repeat(5_000)}`, shape: 'array nested 5000 deep' },
    { body: `{"${field}":"a\\ud800@b.cd"}`, shape: `lone surrogate in ${field}` },
    { body: `{"${field}":"a\\u0000b"}`, shape: `NUL in ${field}` },
    { body: `{"${field}":"${'x'.repeat(100_000)}"}`, shape: `100 kB ${field}` },
  ];
}
