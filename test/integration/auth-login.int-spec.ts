import type { INestApplication } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import request from 'supertest';
import { createApi } from '../../apps/api/src/create-api';
import { loadApiConfig } from '../../apps/api/src/config';
import {
  createTestDatabase,
  createUser,
  FIXTURE_PASSWORD,
  testQueuePrefix,
  TestDatabase,
} from '@yiqiao/testing';
import { getDataSourceToken } from '@nestjs/typeorm';
import { authHeader, login, loginAs } from '../support/auth';

// jest.config.js sets testTimeout inside `projects`, where jest ignores it; real argon2 and
// PostgreSQL under a shared 2-core machine need more than the 5 s default.
jest.setTimeout(60_000);

describe('auth: login, /me, refresh rotation, logout (real PostgreSQL + Redis)', () => {
  let db: TestDatabase;
  let app: INestApplication;
  let ds: DataSource;

  beforeAll(async () => {
    db = await createTestDatabase();
    app = await createApi(
      loadApiConfig({ DATABASE_URL: db.url, QUEUE_PREFIX: testQueuePrefix('auth'), LOG_LEVEL: 'silent' }),
    );
    await app.init();
    ds = app.get<DataSource>(getDataSourceToken());
  });

  afterAll(async () => {
    await app.close();
    await db.drop();
  });

  const server = () => app.getHttpServer();

  it('logs in with the right password and answers /me', async () => {
    const patient = await createUser(ds, 'patient');
    const body = await login(app, patient.email.toUpperCase());
    expect(body.user).toMatchObject({ id: patient.id, role: 'patient', email: patient.email });
    expect(body.expiresIn).toBe(900);
    expect(typeof body.refreshToken).toBe('string');
    const me = await request(server()).get('/me').set(authHeader(body.accessToken)).expect(200);
    expect(me.body).toMatchObject({ id: patient.id, role: 'patient', timeZone: 'Europe/London' });
    expect(me.body).not.toHaveProperty('passwordHash');
    const audit = await ds.query(`SELECT action FROM audit_events WHERE actor_id = $1`, [patient.id]);
    expect(audit.map((row: { action: string }) => row.action)).toContain('auth.login');
  });

  it('refuses a wrong password and an unknown e-mail with the same message', async () => {
    const patient = await createUser(ds, 'patient');
    const wrong = await request(server())
      .post('/auth/login')
      .send({ email: patient.email, password: 'not-it' })
      .expect(401);
    const unknown = await request(server())
      .post('/auth/login')
      .send({ email: 'nobody@test.yiqiao', password: FIXTURE_PASSWORD })
      .expect(401);
    expect(wrong.body.message).toBe('Wrong e-mail or password');
    expect(unknown.body.message).toBe(wrong.body.message);
  });

  it('refuses an inactive user even with the right password, and ends their live sessions', async () => {
    const coordinator = await createUser(ds, 'patient');
    const token = await loginAs(server(), coordinator.email);
    await ds.query(`UPDATE users SET is_active = false WHERE id = $1`, [coordinator.id]);
    const refused = await request(server())
      .post('/auth/login')
      .send({ email: coordinator.email, password: FIXTURE_PASSWORD })
      .expect(403);
    expect(refused.body.message).toMatch(/disabled/);
    await request(server()).get('/me').set(authHeader(token)).expect(401);
  });

  it('validates the login body', async () => {
    const response = await request(server()).post('/auth/login').send({ email: 42, extra: true }).expect(400);
    expect(response.body.message).toEqual(
      expect.arrayContaining(['email must be an e-mail address', 'property extra should not exist']),
    );
  });

  it('rejects missing, malformed, forged and expired-looking tokens with 401', async () => {
    await request(server()).get('/me').expect(401);
    await request(server()).get('/me').set('Authorization', 'Basic abc').expect(401);
    await request(server()).get('/me').set(authHeader('not.a.jwt')).expect(401);
    const patient = await createUser(ds, 'patient');
    const token = await loginAs(server(), patient.email);
    const [head, payload] = token.split('.');
    const forged = `${head}.${payload}.${Buffer.from('forged-signature').toString('base64url')}`;
    const response = await request(server()).get('/me').set(authHeader(forged)).expect(401);
    expect(response.body.message).toMatch(/POST \/auth\/refresh/);
  });

  it('rotates refresh tokens, and reuse of a rotated token ends the whole session', async () => {
    const patient = await createUser(ds, 'patient');
    const first = await login(server(), patient.email);
    const second = await request(server())
      .post('/auth/refresh')
      .send({ refreshToken: first.refreshToken })
      .expect(200);
    expect(second.body.refreshToken).not.toBe(first.refreshToken);
    await request(server()).get('/me').set(authHeader(second.body.accessToken)).expect(200);

    const reuse = await request(server())
      .post('/auth/refresh')
      .send({ refreshToken: first.refreshToken })
      .expect(401);
    expect(reuse.body.message).toMatch(/already used/);
    // The legitimate newer token and every access token of that session are dead too.
    await request(server())
      .post('/auth/refresh')
      .send({ refreshToken: second.body.refreshToken })
      .expect(401);
    await request(server()).get('/me').set(authHeader(second.body.accessToken)).expect(401);
    await request(server()).get('/me').set(authHeader(first.accessToken)).expect(401);
    // Another login of the same user is a separate family and still works.
    const other = await login(server(), patient.email);
    await request(server()).get('/me').set(authHeader(other.accessToken)).expect(200);
    const [{ count }] = await ds.query(
      `SELECT count(*)::int AS count FROM audit_events WHERE actor_id = $1 AND action = 'auth.refresh_token_reused'`,
      [patient.id],
    );
    expect(count).toBe(1);
  });

  it('refuses unknown refresh tokens', async () => {
    const response = await request(server())
      .post('/auth/refresh')
      .send({ refreshToken: 'x'.repeat(43) })
      .expect(401);
    expect(response.body.message).toMatch(/not valid/);
  });

  it('logout ends this session only; allSessions ends every one', async () => {
    const patient = await createUser(ds, 'patient');
    const a = await login(server(), patient.email);
    const b = await login(server(), patient.email);
    await request(server()).post('/auth/logout').set(authHeader(a.accessToken)).send({}).expect(204);
    await request(server()).get('/me').set(authHeader(a.accessToken)).expect(401);
    await request(server()).post('/auth/refresh').send({ refreshToken: a.refreshToken }).expect(401);
    await request(server()).get('/me').set(authHeader(b.accessToken)).expect(200);
    await request(server())
      .post('/auth/logout')
      .set(authHeader(b.accessToken))
      .send({ allSessions: true })
      .expect(204);
    await request(server()).get('/me').set(authHeader(b.accessToken)).expect(401);
  });
});
