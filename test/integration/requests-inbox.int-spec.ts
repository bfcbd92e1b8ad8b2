import request from 'supertest';
import type { DataSource } from 'typeorm';
import {
  addSpecialistToDepartment,
  createDepartment,
  createInstitution,
  createUser,
  type UserFixture,
} from '@yiqiao/testing';
import { authHeader, loginAs, startTestApi, type TestApi } from '../support/auth';

// jest.config.js sets testTimeout inside `projects`, where jest ignores it; real argon2 and
// PostgreSQL under a shared 2-core machine need more than the 5 s default.
jest.setTimeout(60_000);

async function consentingPatient(ds: DataSource): Promise<UserFixture> {
  const patient = await createUser(ds, 'patient');
  for (const kind of ['health_data', 'cross_border_transfer']) {
    await ds.query(
      `INSERT INTO consents (patient_id, kind, policy_version, locale) VALUES ($1, $2, '2026-01', 'en')`,
      [patient.id, kind],
    );
  }
  return patient;
}

describe('consultation requests: intake, inbox, triage, scoping, audit (real PostgreSQL)', () => {
  let api: TestApi;
  let hospitalA: string;
  let clinicOfA: string;
  let hospitalB: string;
  let urologyA: string;
  let specialistA: UserFixture;
  let coordinatorA: string;
  let coordinatorB: string;

  beforeAll(async () => {
    api = await startTestApi('requests');
    const ds = api.dataSource;
    hospitalA = (await createInstitution(ds)).id;
    clinicOfA = (await createInstitution(ds, { kind: 'clinic' })).id;
    await ds.query(`UPDATE institutions SET parent_id = $1 WHERE id = $2`, [hospitalA, clinicOfA]);
    hospitalB = (await createInstitution(ds)).id;
    urologyA = (await createDepartment(ds, hospitalA, 'urology')).id;
    specialistA = await createUser(ds, 'specialist', { institutionId: hospitalA });
    await addSpecialistToDepartment(ds, specialistA.id, urologyA);
    coordinatorA = await loginAs(
      api.server,
      (await createUser(ds, 'coordinator', { institutionId: hospitalA })).email,
    );
    coordinatorB = await loginAs(
      api.server,
      (await createUser(ds, 'coordinator', { institutionId: hospitalB })).email,
    );
  });
  afterAll(() => api.close());

  const body = (institutionId: string, extra: Record<string, unknown> = {}) => ({
    institutionId,
    complaint: 'Elevated PSA of 8.2 ng/ml, asking for a second opinion on biopsy.',
    spokenLanguages: ['ru', 'en'],
    country: 'kz',
    timeZone: 'Asia/Almaty',
    ...extra,
  });

  const file = async (token: string, payload: Record<string, unknown>, status = 201) =>
    (
      await request(api.server)
        .post('/consultation-requests')
        .set(authHeader(token))
        .send(payload)
        .expect(status)
    ).body;

  it('a patient files a request; it is audited with the caller request id', async () => {
    const patient = await consentingPatient(api.dataSource);
    const token = await loginAs(api.server, patient.email);
    const response = await request(api.server)
      .post('/consultation-requests')
      .set(authHeader(token))
      .set('x-request-id', 'intake-trace-1')
      .send(
        body(hospitalA, { urgency: 'soon', departmentId: urologyA, preferredSpecialistId: specialistA.id }),
      )
      .expect(201);
    expect(response.body).toMatchObject({
      patientId: patient.id,
      institutionId: hospitalA,
      departmentId: urologyA,
      country: 'KZ',
      urgency: 'soon',
      status: 'new',
    });
    const [event] = await api.dataSource.query(
      `SELECT action, actor_id, request_id, institution_id FROM audit_events WHERE entity_id = $1`,
      [response.body.id],
    );
    expect(event).toEqual({
      action: 'consultation_request.created',
      actor_id: patient.id,
      request_id: 'intake-trace-1',
      institution_id: hospitalA,
    });
  });

  it('checks references: department of another institution, non-specialist, overseas partner', async () => {
    const patient = await consentingPatient(api.dataSource);
    const token = await loginAs(api.server, patient.email);
    const urologyB = (await createDepartment(api.dataSource, hospitalB, 'urology')).id;
    const wrongDept = await file(token, body(hospitalA, { departmentId: urologyB }), 400);
    expect(wrongDept.message).toMatch(/is not a department of institution/);
    const notSpecialist = await file(token, body(hospitalA, { preferredSpecialistId: patient.id }), 400);
    expect(notSpecialist.message).toMatch(/is not an active specialist/);
    const partner = (await createInstitution(api.dataSource, { kind: 'overseas_partner' })).id;
    expect((await file(token, body(partner), 400)).message).toMatch(/overseas partner/);
    const missing = await file(token, body('0b8f1f0e-5d7a-4a0c-9b4e-2f1f6f7e8a9b'), 404);
    expect(missing.message).toMatch(/Institution .* was not found/);
  });

  it('a coordinator files on behalf of a patient, only into their own scope', async () => {
    const patient = await consentingPatient(api.dataSource);
    const created = await file(coordinatorA, body(clinicOfA, { patientId: patient.id }));
    expect(created.patientId).toBe(patient.id);
    expect((await file(coordinatorA, body(hospitalA), 400)).message).toMatch(/patientId is required/);
    await file(coordinatorB, body(hospitalA, { patientId: patient.id }), 404);
    const unconsented = await createUser(api.dataSource, 'patient');
    expect((await file(coordinatorA, body(hospitalA, { patientId: unconsented.id }), 403)).code).toBe(
      'consent_required',
    );
  });

  it('inbox: coordinator sees own institution and its clinics, urgent first, filters and pages', async () => {
    const patient = await consentingPatient(api.dataSource);
    const patientToken = await loginAs(api.server, patient.email);
    const coordinator = await createUser(api.dataSource, 'coordinator', { institutionId: hospitalB });
    const tokenB = await loginAs(api.server, coordinator.email);
    const routine = await file(patientToken, body(hospitalB));
    const urgent = await file(patientToken, body(hospitalB, { urgency: 'urgent' }));
    const newest = await file(patientToken, body(hospitalB));

    const inbox = await request(api.server).get('/consultation-requests').set(authHeader(tokenB)).expect(200);
    expect(inbox.body.items.map((r: { id: string }) => r.id)).toEqual([urgent.id, newest.id, routine.id]);
    expect(inbox.body.total).toBe(3);
    expect(inbox.body.items.every((r: { institutionId: string }) => r.institutionId === hospitalB)).toBe(
      true,
    );

    const byNewest = await request(api.server)
      .get('/consultation-requests?sort=newest&pageSize=2&page=1')
      .set(authHeader(tokenB))
      .expect(200);
    expect(byNewest.body.items.map((r: { id: string }) => r.id)).toEqual([newest.id, urgent.id]);
    const page2 = await request(api.server)
      .get('/consultation-requests?sort=newest&pageSize=2&page=2')
      .set(authHeader(tokenB))
      .expect(200);
    expect(page2.body.items.map((r: { id: string }) => r.id)).toEqual([routine.id]);
    const urgentOnly = await request(api.server)
      .get('/consultation-requests?urgency=urgent')
      .set(authHeader(tokenB))
      .expect(200);
    expect(urgentOnly.body.items.map((r: { id: string }) => r.id)).toEqual([urgent.id]);

    // Hospital A's coordinator sees clinic requests but none of hospital B's.
    const inboxA = await request(api.server)
      .get('/consultation-requests?pageSize=100')
      .set(authHeader(coordinatorA));
    const ids = inboxA.body.items.map((r: { id: string }) => r.id);
    expect(ids).not.toContain(urgent.id);
    expect(inboxA.body.items.some((r: { institutionId: string }) => r.institutionId === clinicOfA)).toBe(
      true,
    );
    await request(api.server)
      .get(`/consultation-requests?institutionId=${hospitalB}`)
      .set(authHeader(coordinatorA))
      .expect(404);

    const listed = await api.dataSource.query(
      `SELECT details FROM audit_events WHERE actor_id = $1 AND action = 'consultation_request.listed'`,
      [coordinator.id],
    );
    expect(listed.length).toBeGreaterThanOrEqual(1);
    expect(listed[0].details.requestIds).toEqual([urgent.id, newest.id, routine.id]);
  });

  it('scoping: other patients and other hospitals get 404, not 403', async () => {
    const owner = await consentingPatient(api.dataSource);
    const ownerToken = await loginAs(api.server, owner.email);
    const created = await file(ownerToken, body(hospitalA));
    const stranger = await loginAs(api.server, (await consentingPatient(api.dataSource)).email);

    await request(api.server)
      .get(`/consultation-requests/${created.id}`)
      .set(authHeader(ownerToken))
      .expect(200);
    const hidden = await request(api.server)
      .get(`/consultation-requests/${created.id}`)
      .set(authHeader(stranger))
      .expect(404);
    expect(hidden.body.message).toBe(`Consultation request ${created.id} was not found`);
    const strangerList = await request(api.server).get('/consultation-requests').set(authHeader(stranger));
    expect(strangerList.body.items).toEqual([]);

    await request(api.server)
      .get(`/consultation-requests/${created.id}`)
      .set(authHeader(coordinatorB))
      .expect(404);
    await request(api.server)
      .post(`/consultation-requests/${created.id}/triage`)
      .set(authHeader(coordinatorB))
      .send({ departmentId: urologyA })
      .expect(404);
    await request(api.server)
      .post(`/consultation-requests/${created.id}/withdraw`)
      .set(authHeader(stranger))
      .send({})
      .expect(404);
    const patientTriage = await request(api.server)
      .post(`/consultation-requests/${created.id}/triage`)
      .set(authHeader(ownerToken))
      .send({ departmentId: urologyA })
      .expect(403);
    expect(patientTriage.body.message).toMatch(/allowed: coordinator, admin/);
    const interpreter = await createUser(api.dataSource, 'interpreter', { institutionId: hospitalA });
    await request(api.server)
      .get('/consultation-requests')
      .set(authHeader(await loginAs(api.server, interpreter.email)))
      .expect(403);
    const [{ status }] = await api.dataSource.query(
      `SELECT status FROM consultation_requests WHERE id = $1`,
      [created.id],
    );
    expect(status).toBe('new');
  });

  it('triage assigns department, specialist, urgency; the specialist then sees it; closed requests refuse', async () => {
    const patient = await consentingPatient(api.dataSource);
    const token = await loginAs(api.server, patient.email);
    const created = await file(token, body(hospitalA));
    const coordinator = await createUser(api.dataSource, 'coordinator', { institutionId: hospitalA });
    const coordinatorToken = await loginAs(api.server, coordinator.email);
    const notInDept = await createUser(api.dataSource, 'specialist', { institutionId: hospitalA });
    const wrong = await request(api.server)
      .post(`/consultation-requests/${created.id}/triage`)
      .set(authHeader(coordinatorToken))
      .send({ departmentId: urologyA, specialistId: notInDept.id })
      .expect(400);
    expect(wrong.body.message).toMatch(/does not work in department/);

    const triaged = await request(api.server)
      .post(`/consultation-requests/${created.id}/triage`)
      .set(authHeader(coordinatorToken))
      .send({ departmentId: urologyA, specialistId: specialistA.id, urgency: 'urgent' })
      .expect(200);
    expect(triaged.body).toMatchObject({
      status: 'triaged',
      departmentId: urologyA,
      preferredSpecialistId: specialistA.id,
      urgency: 'urgent',
      triagedBy: coordinator.id,
    });
    const specialistToken = await loginAs(api.server, specialistA.email);
    await request(api.server)
      .get(`/consultation-requests/${created.id}`)
      .set(authHeader(specialistToken))
      .expect(200);

    const declined = await request(api.server)
      .post(`/consultation-requests/${created.id}/decline`)
      .set(authHeader(coordinatorToken))
      .send({ reason: 'Needs an in-person examination first.' })
      .expect(200);
    expect(declined.body).toMatchObject({
      status: 'declined',
      closedReason: 'Needs an in-person examination first.',
    });
    const again = await request(api.server)
      .post(`/consultation-requests/${created.id}/triage`)
      .set(authHeader(coordinatorToken))
      .send({ departmentId: urologyA })
      .expect(409);
    expect(again.body.message).toMatch(/is declined; only new or triaged/);
    await request(api.server)
      .post(`/consultation-requests/${created.id}/withdraw`)
      .set(authHeader(token))
      .send({})
      .expect(409);

    const actions = await api.dataSource.query(
      `SELECT action FROM audit_events WHERE entity_id = $1 ORDER BY id`,
      [created.id],
    );
    expect(actions.map((a: { action: string }) => a.action)).toEqual([
      'consultation_request.created',
      'consultation_request.triaged',
      'consultation_request.read',
      'consultation_request.declined',
    ]);
  });

  it('a patient withdraws their own open request', async () => {
    const patient = await consentingPatient(api.dataSource);
    const token = await loginAs(api.server, patient.email);
    const created = await file(token, body(hospitalA));
    const withdrawn = await request(api.server)
      .post(`/consultation-requests/${created.id}/withdraw`)
      .set(authHeader(token))
      .send({ reason: 'Found a specialist at home.' })
      .expect(200);
    expect(withdrawn.body).toMatchObject({
      status: 'withdrawn',
      closedReason: 'Found a specialist at home.',
    });
  });
});
