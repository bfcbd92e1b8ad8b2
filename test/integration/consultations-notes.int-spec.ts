import request from 'supertest';
import {
  createDepartment,
  createInstitution,
  createScheduledConsultation,
  createUser,
  UserFixture,
} from '@yiqiao/testing';
import { authHeader, loginAs, startTestApi, TestApi } from '../support/auth';

describe('consultation notes (real api + PostgreSQL)', () => {
  let api: TestApi;
  let consultationId: string;
  let otherConsultationId: string;
  const people: Record<string, UserFixture> = {};
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    api = await startTestApi('notes');
    const db = api.dataSource;
    const hospital = await createInstitution(db);
    const otherHospital = await createInstitution(db);
    const department = await createDepartment(db, hospital.id, 'urology');
    const otherDepartment = await createDepartment(db, otherHospital.id, 'urology');
    people.specialist = await createUser(db, 'specialist', { institutionId: hospital.id });
    people.otherSpecialist = await createUser(db, 'specialist', { institutionId: otherHospital.id });
    people.patient = await createUser(db, 'patient');
    people.interpreter = await createUser(db, 'interpreter', { institutionId: hospital.id });
    people.coordinator = await createUser(db, 'coordinator', { institutionId: hospital.id });
    people.otherCoordinator = await createUser(db, 'coordinator', { institutionId: otherHospital.id });
    const consultation = await createScheduledConsultation(db, {
      institutionId: hospital.id,
      departmentId: department.id,
      specialistId: people.specialist.id,
      patientId: people.patient.id,
      interpreterId: people.interpreter.id,
      createdBy: people.coordinator.id,
      startsAt: new Date(Date.now() + 86_400_000),
    });
    consultationId = consultation.id;
    const other = await createScheduledConsultation(db, {
      institutionId: otherHospital.id,
      departmentId: otherDepartment.id,
      specialistId: people.otherSpecialist.id,
      patientId: people.patient.id,
      createdBy: people.otherCoordinator.id,
      startsAt: new Date(Date.now() + 3 * 86_400_000),
    });
    otherConsultationId = other.id;
    for (const [name, user] of Object.entries(people)) tokens[name] = await loginAs(api.server, user.email);
  });

  afterAll(() => api.close());

  const url = (id = consultationId) => `/consultations/${id}/notes`;

  it('refuses notes before the call has started, with a reason', async () => {
    const response = await request(api.server)
      .put(url())
      .set(authHeader(tokens.specialist))
      .send({ body: 'too early' })
      .expect(409);
    expect(response.body.message).toContain('once the call has started');
  });

  it('lets the specialist write after the call and the care team read it; every access is audited', async () => {
    await api.dataSource.query(`UPDATE consultations SET status = 'completed' WHERE id = $1`, [
      consultationId,
    ]);
    const body = 'PSA 6.2 ng/mL; recommend MRI before the in-person visit. 建议赴沪面诊。';
    const saved = await request(api.server)
      .put(url())
      .set(authHeader(tokens.specialist))
      .send({ body })
      .expect(200);
    expect(saved.body).toMatchObject({ body, authorId: people.specialist.id });

    for (const reader of ['specialist', 'coordinator']) {
      const read = await request(api.server).get(url()).set(authHeader(tokens[reader])).expect(200);
      expect(read.body.body).toBe(body);
    }
    const [{ writes, reads }] = await api.dataSource.query(
      `SELECT count(*) FILTER (WHERE action = 'consultation.notes.write')::int AS writes,
              count(*) FILTER (WHERE action = 'consultation.notes.read')::int AS reads
         FROM audit_events WHERE entity_id = $1`,
      [consultationId],
    );
    expect(writes).toBe(1);
    expect(reads).toBe(2);
  });

  it('keeps notes from the patient and the interpreter, and from another hospital', async () => {
    await request(api.server).get(url()).set(authHeader(tokens.patient)).expect(403);
    await request(api.server).get(url()).set(authHeader(tokens.interpreter)).expect(403);
    await request(api.server).get(url()).set(authHeader(tokens.otherCoordinator)).expect(404);
    await request(api.server)
      .put(url())
      .set(authHeader(tokens.otherSpecialist))
      .send({ body: 'x' })
      .expect(404);
    await request(api.server)
      .put(url(otherConsultationId))
      .set(authHeader(tokens.specialist))
      .send({ body: 'x' })
      .expect(404);
  });

  it('lets only the consultation’s own specialist write', async () => {
    await request(api.server).put(url()).set(authHeader(tokens.coordinator)).send({ body: 'x' }).expect(403);
  });

  it('answers bad input with a clear 400', async () => {
    const tooLong = await request(api.server)
      .put(url())
      .set(authHeader(tokens.specialist))
      .send({ body: 'x'.repeat(20_001) })
      .expect(400);
    expect(JSON.stringify(tooLong.body.message)).toContain('at most 20,000 characters');
    await request(api.server).put(url()).set(authHeader(tokens.specialist)).send({ body: 42 }).expect(400);
    await request(api.server)
      .put(url())
      .set(authHeader(tokens.specialist))
      .send({ body: 'ok', extra: 1 })
      .expect(400);
    await request(api.server)
      .get('/consultations/not-a-uuid/notes')
      .set(authHeader(tokens.specialist))
      .expect(400);
  });
});
