import request from 'supertest';
import { createInstitution, createUser } from '@yiqiao/testing';
import { authHeader, loginAs, startTestApi, type TestApi } from '../support/auth';

// jest.config.js sets testTimeout inside `projects`, where jest ignores it; real argon2 and
// PostgreSQL under a shared 2-core machine need more than the 5 s default.
jest.setTimeout(60_000);

describe('consents: grant, list, withdraw, and gating of medical data (real PostgreSQL)', () => {
  let api: TestApi;
  let institutionId: string;

  beforeAll(async () => {
    api = await startTestApi('consents');
    institutionId = (await createInstitution(api.dataSource)).id;
  });
  afterAll(() => api.close());

  const intake = () => ({
    institutionId,
    complaint: 'Recurring chest pain after exercise for three months.',
    spokenLanguages: ['ru'],
    country: 'KZ',
    timeZone: 'Asia/Almaty',
  });

  it('refuses intake until both consents are in force, saying which are missing', async () => {
    const patient = await createUser(api.dataSource, 'patient');
    const token = await loginAs(api.server, patient.email);
    const refused = await request(api.server)
      .post('/consultation-requests')
      .set(authHeader(token))
      .send(intake())
      .expect(403);
    expect(refused.body.code).toBe('consent_required');
    expect(refused.body.missingConsents).toEqual(['health_data', 'cross_border_transfer']);
    expect(refused.body.message).toMatch(/POST \/consents/);

    await request(api.server)
      .post('/consents')
      .set(authHeader(token))
      .set('User-Agent', 'consent-test-browser')
      .send({ kind: 'health_data', policyVersion: '2026-01', locale: 'ru' })
      .expect(201);
    const stillRefused = await request(api.server)
      .post('/consultation-requests')
      .set(authHeader(token))
      .send(intake())
      .expect(403);
    expect(stillRefused.body.missingConsents).toEqual(['cross_border_transfer']);

    await request(api.server)
      .post('/consents')
      .set(authHeader(token))
      .send({ kind: 'cross_border_transfer', policyVersion: '2026-01', locale: 'ru' })
      .expect(201);
    await request(api.server)
      .post('/consultation-requests')
      .set(authHeader(token))
      .send(intake())
      .expect(201);

    const [stored] = await api.dataSource.query(
      `SELECT ip_address::text AS ip, user_agent, locale FROM consents WHERE patient_id = $1 AND kind = 'health_data'`,
      [patient.id],
    );
    expect(stored.user_agent).toBe('consent-test-browser');
    expect(stored.ip).toMatch(/127\.0\.0\.1|::1/);
    expect(stored.locale).toBe('ru');
    // Nothing was stored while consent was missing.
    const [{ count }] = await api.dataSource.query(
      `SELECT count(*)::int AS count FROM consultation_requests WHERE patient_id = $1`,
      [patient.id],
    );
    expect(count).toBe(1);
  });

  it('lists my consents, re-grants idempotently, replaces on a new policy version, and withdraws', async () => {
    const patient = await createUser(api.dataSource, 'patient');
    const token = await loginAs(api.server, patient.email);
    const grant = (policyVersion: string) =>
      request(api.server)
        .post('/consents')
        .set(authHeader(token))
        .send({ kind: 'health_data', policyVersion, locale: 'en' })
        .expect(201);
    const first = await grant('2026-01');
    const again = await grant('2026-01');
    expect(again.body.id).toBe(first.body.id);
    const newer = await grant('2026-02');
    expect(newer.body.id).not.toBe(first.body.id);

    const mine = await request(api.server).get('/consents/me').set(authHeader(token)).expect(200);
    expect(mine.body.active).toEqual(['health_data']);
    expect(mine.body.missing).toEqual(['cross_border_transfer']);
    expect(mine.body.consents).toHaveLength(2);
    expect(mine.body.consents[0]).toMatchObject({ policyVersion: '2026-02', withdrawnAt: null });

    await request(api.server).delete('/consents/health_data').set(authHeader(token)).expect(204);
    await request(api.server).delete('/consents/health_data').set(authHeader(token)).expect(404);
    const bad = await request(api.server).delete('/consents/marketing').set(authHeader(token)).expect(400);
    expect(bad.body.message).toEqual(['kind must be one of health_data, cross_border_transfer']);
    const after = await request(api.server).get('/consents/me').set(authHeader(token)).expect(200);
    expect(after.body.active).toEqual([]);

    const actions = await api.dataSource.query(
      `SELECT action FROM audit_events WHERE actor_id = $1 AND entity_type = 'consent' ORDER BY id`,
      [patient.id],
    );
    expect(actions.map((a: { action: string }) => a.action)).toEqual([
      'consent.granted',
      'consent.granted',
      'consent.withdrawn',
    ]);
  });

  it('a withdrawn consent blocks new intake again', async () => {
    const patient = await createUser(api.dataSource, 'patient');
    const token = await loginAs(api.server, patient.email);
    for (const kind of ['health_data', 'cross_border_transfer']) {
      await request(api.server)
        .post('/consents')
        .set(authHeader(token))
        .send({ kind, policyVersion: '2026-01', locale: 'en' })
        .expect(201);
    }
    await request(api.server)
      .post('/consultation-requests')
      .set(authHeader(token))
      .send(intake())
      .expect(201);
    await request(api.server).delete('/consents/cross_border_transfer').set(authHeader(token)).expect(204);
    const refused = await request(api.server)
      .post('/consultation-requests')
      .set(authHeader(token))
      .send(intake())
      .expect(403);
    expect(refused.body.missingConsents).toEqual(['cross_border_transfer']);
  });

  it('validates consent input and keeps staff out of patient consent endpoints', async () => {
    const patient = await createUser(api.dataSource, 'patient');
    const token = await loginAs(api.server, patient.email);
    const bad = await request(api.server)
      .post('/consents')
      .set(authHeader(token))
      .send({ kind: 'everything', policyVersion: 'v 1; drop', locale: 'xx', extra: 1 })
      .expect(400);
    expect(bad.body.message).toEqual(
      expect.arrayContaining([
        'kind must be one of health_data, cross_border_transfer',
        'locale must be one of en, zh-CN, ru, ja, ar',
        'property extra should not exist',
      ]),
    );
    const coordinator = await createUser(api.dataSource, 'coordinator', { institutionId });
    const staffToken = await loginAs(api.server, coordinator.email);
    const forbidden = await request(api.server)
      .post('/consents')
      .set(authHeader(staffToken))
      .send({ kind: 'health_data', policyVersion: '2026-01', locale: 'en' })
      .expect(403);
    expect(forbidden.body.message).toBe('Your role (coordinator) may not do this; allowed: patient');
  });
});
