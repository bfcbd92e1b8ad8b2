import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { ROLES, type Role } from '@yiqiao/domain';
import { createInstitution, createUser } from '@yiqiao/testing';
import { authHeader, loginAs, startTestApi, type TestApi } from '../support/auth';

// jest.config.js sets testTimeout inside `projects`, where jest ignores it; real argon2 and
// PostgreSQL under a shared 2-core machine need more than the 5 s default.
jest.setTimeout(60_000);

type Method = 'get' | 'post' | 'patch' | 'delete';

/** Who may call what among the auth, consent, intake, admin and audit endpoints (the roles half of scoping). */
const MATRIX: [Method, string, Role[]][] = [
  ['get', '/me', [...ROLES]],
  ['post', '/auth/logout', [...ROLES]],
  ['post', '/consents', ['patient']],
  ['get', '/consents/me', ['patient']],
  ['delete', '/consents/health_data', ['patient']],
  ['post', '/consultation-requests', ['patient', 'coordinator', 'admin']],
  ['get', '/consultation-requests', ['patient', 'specialist', 'coordinator', 'admin']],
  ['get', '/consultation-requests/:id', ['patient', 'specialist', 'coordinator', 'admin']],
  ['post', '/consultation-requests/:id/triage', ['coordinator', 'admin']],
  ['post', '/consultation-requests/:id/decline', ['coordinator', 'admin']],
  ['post', '/consultation-requests/:id/withdraw', ['patient', 'coordinator', 'admin']],
  ['get', '/admin/institutions', ['admin']],
  ['post', '/admin/institutions', ['admin']],
  ['patch', '/admin/institutions/:id', ['admin']],
  ['get', '/admin/departments', ['admin']],
  ['post', '/admin/departments', ['admin']],
  ['patch', '/admin/departments/:id', ['admin']],
  ['get', '/admin/users', ['admin']],
  ['get', '/admin/users/:id', ['admin']],
  ['post', '/admin/users', ['admin']],
  ['patch', '/admin/users/:id', ['admin']],
  ['get', '/audit-events', ['coordinator', 'admin']],
  ['get', '/institutions', [...ROLES]],
  ['get', '/departments', [...ROLES]],
  ['get', '/specialists', [...ROLES]],
];

describe('authorisation matrix: every endpoint of auth/consents/requests/admin/audit × every role', () => {
  let api: TestApi;
  const tokens = {} as Record<Role, string>;

  beforeAll(async () => {
    api = await startTestApi('matrix');
    const institution = await createInstitution(api.dataSource);
    for (const role of ROLES) {
      const user = await createUser(api.dataSource, role, {
        institutionId: role === 'patient' || role === 'admin' ? null : institution.id,
      });
      tokens[role] = await loginAs(api.server, user.email);
    }
  });
  afterAll(() => api.close());

  const cases = MATRIX.flatMap(([method, path, allowed]) =>
    ROLES.map((role) => [method, path, role, allowed.includes(role)] as const),
  );

  it.each(cases)('%s %s as %s (allowed: %s)', async (method, path, role, allowed) => {
    // Logout ends the session it is called with, so it gets a login of its own.
    const token = path === '/auth/logout' ? await freshToken(role) : tokens[role];
    const response = await request(api.server)
      [method](path.replace(':id', randomUUID()))
      .set(authHeader(token))
      .send({});
    expect(response.status).toBeLessThan(500);
    expect(response.status).not.toBe(401);
    if (allowed) {
      expect(response.status).not.toBe(403);
    } else {
      expect(response.status).toBe(403);
      expect(response.body.message).toMatch(
        new RegExp(`^Your role \\(${role}\\) may not do this; allowed: `),
      );
    }
  });

  async function freshToken(role: Role): Promise<string> {
    const [row] = await api.dataSource.query(`SELECT email FROM users WHERE role = $1 LIMIT 1`, [role]);
    return loginAs(api.server, row.email);
  }
});
