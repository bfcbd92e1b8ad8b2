import request from 'supertest';
import { createInstitution, createUser } from '@yiqiao/testing';
import { authHeader, loginAs, startTestApi, type TestApi } from '../support/auth';

// jest.config.js sets testTimeout inside `projects`, where jest ignores it; real argon2 and
// PostgreSQL under a shared 2-core machine need more than the 5 s default.
jest.setTimeout(60_000);

describe('audit trail: who read or changed medical data, scoped by institution', () => {
  let api: TestApi;
  let hospitalA: string;
  let requestA: string;
  let requestB: string;
  let coordinatorA: string;
  let admin: string;

  beforeAll(async () => {
    api = await startTestApi('audit');
    const ds = api.dataSource;
    hospitalA = (await createInstitution(ds)).id;
    const hospitalB = (await createInstitution(ds)).id;
    const patient = await createUser(ds, 'patient');
    for (const kind of ['health_data', 'cross_border_transfer']) {
      await ds.query(
        `INSERT INTO consents (patient_id, kind, policy_version, locale) VALUES ($1, $2, 'v1', 'en')`,
        [patient.id, kind],
      );
    }
    const patientToken = await loginAs(api.server, patient.email);
    const file = async (institutionId: string) =>
      (
        await request(api.server)
          .post('/consultation-requests')
          .set(authHeader(patientToken))
          .send({
            institutionId,
            complaint: 'Lower back pain radiating to the left leg.',
            spokenLanguages: ['de'],
            country: 'DE',
            timeZone: 'Europe/Berlin',
          })
          .expect(201)
      ).body.id as string;
    requestA = await file(hospitalA);
    requestB = await file(hospitalB);
    coordinatorA = await loginAs(
      api.server,
      (await createUser(ds, 'coordinator', { institutionId: hospitalA })).email,
    );
    admin = await loginAs(api.server, (await createUser(ds, 'admin')).email);
    await request(api.server)
      .get(`/consultation-requests/${requestA}`)
      .set(authHeader(coordinatorA))
      .set('x-request-id', 'audit-trace-7')
      .expect(200);
  });
  afterAll(() => api.close());

  it('a coordinator sees the trail of their institution only, with request ids', async () => {
    const own = await request(api.server)
      .get(`/audit-events?entityType=consultation_request&entityId=${requestA}`)
      .set(authHeader(coordinatorA))
      .expect(200);
    expect(own.body.items.map((e: { action: string }) => e.action)).toEqual([
      'consultation_request.read',
      'consultation_request.created',
    ]);
    expect(own.body.items[0]).toMatchObject({ requestId: 'audit-trace-7', institutionId: hospitalA });
    const other = await request(api.server)
      .get(`/audit-events?entityId=${requestB}`)
      .set(authHeader(coordinatorA))
      .expect(200);
    expect(other.body).toMatchObject({ items: [], total: 0 });
  });

  it('an admin sees every institution', async () => {
    const all = await request(api.server)
      .get(`/audit-events?entityId=${requestB}&action=consultation_request.created`)
      .set(authHeader(admin))
      .expect(200);
    expect(all.body.total).toBe(1);
  });

  it('validates the filters', async () => {
    const bad = await request(api.server)
      .get('/audit-events?from=yesterday&actorId=42')
      .set(authHeader(admin))
      .expect(400);
    expect(bad.body.message).toEqual(
      expect.arrayContaining(['from must be an ISO 8601 date-time', 'actorId must be a UUID']),
    );
    const reversed = await request(api.server)
      .get('/audit-events?from=2026-04-01T00:00:00Z&to=2026-03-01T00:00:00Z')
      .set(authHeader(admin))
      .expect(400);
    expect(reversed.body.message).toBe('from must be before to');
  });
});
