import request from 'supertest';
import { createInstitution, createUser } from '@yiqiao/testing';
import { authHeader, loginAs, startTestApi, type TestApi } from '../support/auth';

// jest.config.js sets testTimeout inside `projects`, where jest ignores it; real argon2 and
// PostgreSQL under a shared 2-core machine need more than the 5 s default.
jest.setTimeout(60_000);

describe('bad input to intake, consents and auth: clear 4xx, never 5xx (real stack)', () => {
  let api: TestApi;
  let token: string;
  let institutionId: string;

  beforeAll(async () => {
    api = await startTestApi('badinput');
    institutionId = (await createInstitution(api.dataSource)).id;
    const patient = await createUser(api.dataSource, 'patient');
    for (const kind of ['health_data', 'cross_border_transfer']) {
      await api.dataSource.query(
        `INSERT INTO consents (patient_id, kind, policy_version, locale) VALUES ($1, $2, '2026-01', 'en')`,
        [patient.id, kind],
      );
    }
    token = await loginAs(api.server, patient.email);
  });
  afterAll(() => api.close());

  const valid = () => ({
    institutionId,
    complaint: 'Thyroid nodule found on ultrasound, TI-RADS 4.',
    spokenLanguages: ['ar-afb'],
    country: 'AE',
    timeZone: 'Asia/Dubai',
    urgency: 'routine',
  });

  const intake = (body: unknown) =>
    request(api.server)
      .post('/consultation-requests')
      .set(authHeader(token))
      .send(body as object);

  const cases: [string, Record<string, unknown>, string][] = [
    ['unknown time zone', { timeZone: 'Mars/Olympus_Mons' }, 'timeZone must be an IANA time zone'],
    ['offset instead of zone', { timeZone: '+04:00' }, 'timeZone must be an IANA time zone'],
    ['unknown language', { spokenLanguages: ['klingon'] }, 'each of spokenLanguages must be one of'],
    ['languages as a string', { spokenLanguages: 'en' }, 'spokenLanguages must be a list'],
    ['empty languages', { spokenLanguages: [] }, 'spokenLanguages must name at least one language'],
    ['country not ISO', { country: 'UAE' }, 'country must be an ISO 3166-1 alpha-2 code'],
    ['complaint as number', { complaint: 12345 }, 'complaint must be text'],
    ['complaint too short', { complaint: 'ill' }, 'complaint must be between 10 and 4000 characters'],
    ['urgency unknown', { urgency: 'yesterday' }, 'urgency must be one of routine, soon, urgent'],
    ['institution not a uuid', { institutionId: 'hospital-1' }, 'institutionId must be a UUID'],
    ['unknown field', { diagnosis: 'x' }, 'property diagnosis should not exist'],
    ['status injection', { status: 'scheduled' }, 'property status should not exist'],
  ];

  it.each(cases)('%s → 400 naming the problem', async (_name, change, message) => {
    const response = await intake({ ...valid(), ...change }).expect(400);
    expect(response.body.message.join(' | ')).toContain(message);
  });

  it('a body that is not an object, or missing, is a 400 listing required fields', async () => {
    const empty = await request(api.server).post('/consultation-requests').set(authHeader(token)).expect(400);
    expect(empty.body.message).toEqual(expect.arrayContaining(['institutionId must be a UUID']));
    const array = await intake([1, 2, 3]);
    expect(array.status).toBe(400);
  });

  it('malformed JSON is a 400 with a JSON answer', async () => {
    const response = await request(api.server)
      .post('/consultation-requests')
      .set(authHeader(token))
      .set('Content-Type', 'application/json')
      .send('{"institutionId": "abc", ')
      .expect(400);
    expect(response.headers['content-type']).toMatch(/application\/json/);
    expect(response.body.message).toBe('The request body is not valid JSON');
  });

  it('a 10 MB body is a 413 with a JSON answer, also without a token', async () => {
    const huge = JSON.stringify({ ...valid(), complaint: 'x'.repeat(10 * 1024 * 1024) });
    for (const headers of [authHeader(token), {}]) {
      const response = await request(api.server)
        .post('/consultation-requests')
        .set(headers)
        .set('Content-Type', 'application/json')
        .send(huge)
        .expect(413);
      expect(response.body.message).toMatch(/larger than the 1mb limit/);
    }
  });

  it('a 10 MB body of another content type is not parsed and fails validation', async () => {
    const response = await request(api.server)
      .post('/consultation-requests')
      .set(authHeader(token))
      .set('Content-Type', 'text/plain')
      .send('x'.repeat(10 * 1024 * 1024));
    expect(response.status).toBe(400);
    expect(response.body.message).toEqual(expect.arrayContaining(['institutionId must be a UUID']));
  });

  it('a path id that is not a UUID is a 400; a well-formed unknown id is a 404', async () => {
    const bad = await request(api.server)
      .get('/consultation-requests/not-a-uuid')
      .set(authHeader(token))
      .expect(400);
    expect(bad.body.message).toEqual(['id must be a UUID']);
    await request(api.server)
      .get('/consultation-requests/5b0f2c1e-3d4a-4b5c-8d6e-7f8091a2b3c4')
      .set(authHeader(token))
      .expect(404);
  });

  it('query parameters are validated', async () => {
    const response = await request(api.server)
      .get('/consultation-requests?page=zero&pageSize=1000&status=lost&sort=random')
      .set(authHeader(token))
      .expect(400);
    expect(response.body.message).toEqual(
      expect.arrayContaining([
        'page must be a whole number',
        'pageSize must be between 1 and 100',
        'status must be one of new, triaged, scheduled, declined, withdrawn',
        'sort must be urgency or newest',
      ]),
    );
  });

  it('login and refresh with wrong types are 400, never 500', async () => {
    for (const body of [{ email: ['a'], password: {} }, { email: 'a@b.c', password: 5 }, {}]) {
      const response = await request(api.server).post('/auth/login').send(body);
      expect(response.status).toBe(400);
    }
    const refresh = await request(api.server).post('/auth/refresh').send({ refreshToken: 42 });
    expect(refresh.status).toBe(400);
  });

  it('the intake still works with the valid body (the cases above changed only one thing)', async () => {
    await intake(valid()).expect(201);
  });
});
