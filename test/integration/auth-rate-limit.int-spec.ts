import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { createApi } from '../../apps/api/src/create-api';
import { API_CONFIG, loadApiConfig, type ApiConfig } from '../../apps/api/src/config';
import {
  LOGIN_ATTEMPTS_PER_ACCOUNT,
  LOGIN_FAILURES_PER_IP,
} from '../../apps/api/src/auth/login-rate-limiter';
import { createUser, FIXTURE_PASSWORD } from '@yiqiao/testing';
import { startTestApi, type TestApi } from '../support/auth';

// jest.config.js sets testTimeout inside `projects`, where jest ignores it; real argon2 and
// PostgreSQL under a shared 2-core machine need more than the 5 s default.
jest.setTimeout(60_000);

describe('auth: login rate limit in Redis, shared by api processes', () => {
  let api: TestApi;
  let second: INestApplication;

  beforeAll(async () => {
    api = await startTestApi('ratelimit');
    // A second api instance on the same database and Redis prefix stands in for a second process.
    const first = api.app.get<ApiConfig>(API_CONFIG);
    second = await createApi(
      loadApiConfig({
        DATABASE_URL: first.DATABASE_URL,
        QUEUE_PREFIX: first.QUEUE_PREFIX,
        LOG_LEVEL: 'silent',
      }),
    );
    await second.init();
  });
  afterAll(async () => {
    await second.close();
    await api.close();
  });

  const attempt = (server: unknown, email: string, password: string) =>
    request(server as Parameters<typeof request>[0])
      .post('/auth/login')
      .send({ email, password });

  it('allows a fixed number of attempts per account, even in parallel and across instances', async () => {
    const user = await createUser(api.dataSource, 'patient');
    const servers = [api.server, second.getHttpServer()];
    const responses = await Promise.all(
      Array.from({ length: LOGIN_ATTEMPTS_PER_ACCOUNT * 2 }, (_, i) =>
        attempt(servers[i % 2], user.email, `wrong-${i}`),
      ),
    );
    const statuses = responses.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 401)).toHaveLength(LOGIN_ATTEMPTS_PER_ACCOUNT);
    expect(statuses.filter((s) => s === 429)).toHaveLength(LOGIN_ATTEMPTS_PER_ACCOUNT);

    // Even the right password is refused while locked, with Retry-After and a readable message.
    const locked = await attempt(second.getHttpServer(), user.email, FIXTURE_PASSWORD).expect(429);
    const retryAfter = Number(locked.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(15 * 60);
    expect(locked.body.message).toMatch(/Too many login attempts for this account; wait \d+ minute/);
  });

  it('a successful login resets the account counter', async () => {
    const user = await createUser(api.dataSource, 'patient');
    for (let i = 0; i < LOGIN_ATTEMPTS_PER_ACCOUNT - 1; i += 1) {
      await attempt(api.server, user.email, 'wrong').expect(401);
    }
    await attempt(api.server, user.email, FIXTURE_PASSWORD).expect(200);
    for (let i = 0; i < LOGIN_ATTEMPTS_PER_ACCOUNT - 1; i += 1) {
      await attempt(api.server, user.email, 'wrong').expect(401);
    }
    await attempt(api.server, user.email, FIXTURE_PASSWORD).expect(200);
  });

  it('limits failures from one address across many e-mails (credential stuffing)', async () => {
    const isolated = await startTestApi('ratelimit-ip');
    try {
      for (let batch = 0; batch < LOGIN_FAILURES_PER_IP / 10; batch += 1) {
        const results = await Promise.all(
          Array.from({ length: 10 }, (_, i) =>
            attempt(isolated.server, `nobody-${batch}-${i}@test.yiqiao`, 'x'),
          ),
        );
        expect(results.every((r) => r.status === 401)).toBe(true);
      }
      const user = await createUser(isolated.dataSource, 'patient');
      const blocked = await attempt(isolated.server, user.email, FIXTURE_PASSWORD).expect(429);
      expect(blocked.body.message).toMatch(/from your network address/);
      expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    } finally {
      await isolated.close();
    }
  });
});
