import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { startTestApi, type TestApi } from '../support/auth';

// jest.config.js sets testTimeout inside `projects`, where jest ignores it; real argon2 and
// PostgreSQL under a shared 2-core machine need more than the 5 s default.
jest.setTimeout(60_000);

/**
 * Operations that may answer without an access token. Adding a public endpoint means adding it
 * here, on purpose, in review.
 */
const PUBLIC_OPERATIONS = new Set([
  'GET /health',
  'POST /auth/login',
  'POST /auth/refresh',
  // a guest's personal invite link is their credential (HMAC-signed, withdrawable)
  'GET /guest-invitations/{token}',
  'POST /guest-invitations/{token}/join',
]);

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

interface Operation {
  'x-public'?: boolean;
}
type OpenApiPaths = Record<string, Partial<Record<(typeof METHODS)[number], Operation>>>;

describe('OpenAPI: every operation requires a token unless deliberately public', () => {
  let api: TestApi;
  let paths: OpenApiPaths;

  beforeAll(async () => {
    api = await startTestApi('openapi');
    paths = (await request(api.server).get('/docs/openapi.json').expect(200)).body.paths;
  });
  afterAll(() => api.close());

  const operations = () =>
    Object.entries(paths).flatMap(([path, item]) =>
      METHODS.filter((method) => item[method]).map((method) => ({
        path,
        method,
        op: item[method] as Operation,
      })),
    );

  it('documents the auth, consent, intake and admin operations', () => {
    const names = operations().map(({ method, path }) => `${method.toUpperCase()} ${path}`);
    expect(names).toEqual(
      expect.arrayContaining([
        'POST /auth/login',
        'GET /me',
        'POST /consents',
        'POST /consultation-requests',
        'POST /consultation-requests/{id}/triage',
        'POST /admin/users',
      ]),
    );
  });

  it('marks as public only the allowed operations', () => {
    const publicOps = operations()
      .filter(({ op }) => op['x-public'] === true)
      .map(({ method, path }) => `${method.toUpperCase()} ${path}`);
    expect(publicOps.filter((name) => !PUBLIC_OPERATIONS.has(name))).toEqual([]);
  });

  it('answers 401 without a token (and with a bad token) on every other operation', async () => {
    const checked: string[] = [];
    for (const { path, method, op } of operations()) {
      if (op['x-public'] === true) continue;
      const url = path.replace(/\{[^}]+\}/g, () => randomUUID());
      const name = `${method.toUpperCase()} ${url}`;
      const anonymous = await request(api.server)[method](url).send({});
      const forged = await request(api.server)
        [method](url)
        .set('Authorization', 'Bearer forged.token.here')
        .send({});
      expect({ name, status: anonymous.status }).toEqual({ name, status: 401 });
      expect({ name, status: forged.status }).toEqual({ name, status: 401 });
      expect(typeof anonymous.body.message).toBe('string');
      checked.push(name);
    }
    expect(checked.length).toBeGreaterThanOrEqual(15);
  });
});
