import fc from 'fast-check';
import request from 'supertest';
import { operationsOf, type OpenApiDocument, type Operation } from './api-fuzz/openapi';
import { hostileBodies, requestsFor, validRequestFor, type FuzzRequest } from './api-fuzz/requests';
import { send } from './api-fuzz/send';
import { problemsOf } from './api-fuzz/verdict';
import { CALLERS, FuzzWorld, ROLES } from './api-fuzz/world';

/**
 * Property-based fuzzing of the whole api from its own OpenAPI document: schema-valid and mutated
 * requests (types, depth, sizes, Unicode with lone surrogates and NUL, dates and zones, content
 * types, duplicated keys, query arrays) to every operation, as every role and with no, forged,
 * alg:none, wrong-secret and expired tokens, against the real api on PostgreSQL and Redis.
 * Rules: never a 5xx; every error is JSON with a non-empty message and no validator template
 * leftovers; no stack traces or SQL in any body.
 *
 * Longer run: API_FUZZ_RUNS=20000 npx jest test/integration/api-fuzz (API_FUZZ_SEED picks another
 * seed; API_FUZZ_TIME_LIMIT_S bounds the random phase, default 75 s, or none when RUNS is given).
 */
const SEED = Number(process.env.API_FUZZ_SEED ?? 20261208);
const RUNS = Number(process.env.API_FUZZ_RUNS ?? 8_000);
const TIME_LIMIT_S = Number(process.env.API_FUZZ_TIME_LIMIT_S ?? (process.env.API_FUZZ_RUNS ? 0 : 75));

jest.setTimeout(Math.max(300_000, TIME_LIMIT_S * 1000 + 120_000, RUNS * 200));

/** Requests after which the callers' own accounts may need putting back (sessions, roles, consents). */
const SELF_AFFECTING = new Set(['POST /auth/logout', 'PATCH /admin/users/{id}', 'DELETE /consents/{kind}']);

interface Finding {
  operation: string;
  caller: string;
  shape: string;
  request: string;
  status: number;
  problems: string[];
  answer: string;
}

describe(`api fuzz from the OpenAPI document (seed ${SEED})`, () => {
  const world = new FuzzWorld();
  let doc: OpenApiDocument;
  let operations: Operation[];
  const findings: Finding[] = [];
  const tally = { sent: 0, unsent: 0, byStatus: new Map<number, number>() };

  beforeAll(async () => {
    await world.start();
    doc = (await request(world.server).get('/docs/openapi.json').expect(200)).body as OpenApiDocument;
    operations = operationsOf(doc);
  });
  afterAll(async () => {
    const statuses = [...tally.byStatus.entries()].sort(([a], [b]) => a - b).map(([s, n]) => `${s}×${n}`);
    process.stdout.write(
      `api fuzz: seed ${SEED}, ${operations?.length ?? 0} operations × ${CALLERS.length} callers, ${tally.sent} requests sent ` +
        `(${tally.unsent} refused by the client), ${findings.length} findings; statuses ${statuses.join(' ')}\n`,
    );
    await world.stop();
  });

  const exercise = async (req: FuzzRequest): Promise<void> => {
    const answer = await send(world.server, req, world.authorization[req.caller]);
    if (!answer) {
      tally.unsent++;
      return;
    }
    tally.sent++;
    tally.byStatus.set(answer.status, (tally.byStatus.get(answer.status) ?? 0) + 1);
    const problems = problemsOf(answer);
    if (problems.length > 0) {
      findings.push({
        operation: req.operation,
        caller: req.caller,
        shape: req.shape,
        request: `${req.method.toUpperCase()} ${req.url.slice(0, 200)} ${typeof req.body === 'string' ? req.body.slice(0, 200) : ''}`,
        status: answer.status,
        problems,
        answer: (answer.text ?? '').slice(0, 300),
      });
    }
    if (answer.status < 300 && SELF_AFFECTING.has(req.operation)) await world.repair();
  };

  /** One line per distinct (operation, status, problem), with the first request that showed it. */
  const summary = (): string[] => {
    const seen = new Map<string, Finding & { count: number }>();
    for (const f of findings) {
      const key = `${f.operation} ${f.status} ${f.problems[0]}`;
      const known = seen.get(key);
      if (known) known.count++;
      else seen.set(key, { ...f, count: 1 });
    }
    return [...seen.values()].map(
      (f) =>
        `${f.operation} as ${f.caller} [${f.shape}] ×${f.count}: ${f.problems.join('; ')} ← ${f.request} → ${f.answer}`,
    );
  };

  it('reads every operation from the OpenAPI document', () => {
    expect(operations.length).toBeGreaterThanOrEqual(65);
    expect(operations.map((op) => op.name)).toEqual(
      expect.arrayContaining([
        'POST /auth/login',
        'POST /consultations',
        'POST /consultation-requests/{id}/documents',
      ]),
    );
  });

  it('every operation × every caller, one schema-valid request each', async () => {
    for (const [i, op] of operations.entries()) {
      for (const [j, caller] of CALLERS.entries()) {
        const [req] = fc.sample(validRequestFor(op, doc, world.ids, caller), {
          seed: SEED + i * 31 + j,
          numRuns: 1,
        });
        await exercise(req);
      }
    }
    expect(summary()).toEqual([]);
  });

  it("every operation that takes JSON × every role: the issue's hostile bodies", async () => {
    for (const [i, op] of operations.entries()) {
      if (!op.bodyTypes.some((type) => type.includes('json'))) continue;
      for (const caller of ROLES) {
        const [valid] = fc.sample(validRequestFor(op, doc, world.ids, caller), {
          seed: SEED + i,
          numRuns: 1,
        });
        for (const { body, shape } of hostileBodies(op, doc)) {
          await exercise({
            ...valid,
            body,
            shape,
            headers: { ...valid.headers, 'Content-Type': 'application/json' },
          });
        }
      }
    }
    expect(summary()).toEqual([]);
  });

  it(`random schema-valid and mutated requests (${RUNS} runs${TIME_LIMIT_S ? `, at most ${TIME_LIMIT_S} s` : ''})`, async () => {
    const anyRequest = fc.constantFrom(...operations).chain((op) => requestsFor(op, doc, world.ids));
    await fc.assert(
      fc.asyncProperty(anyRequest, async (req) => {
        await exercise(req);
      }),
      {
        seed: SEED,
        numRuns: RUNS,
        ...(TIME_LIMIT_S > 0
          ? { interruptAfterTimeLimit: TIME_LIMIT_S * 1000, markInterruptAsFailure: false }
          : {}),
      },
    );
    expect(summary()).toEqual([]);
  });
});
