import request from 'supertest';
import { createUser } from '@yiqiao/testing';
import { authHeader } from '../support/auth';
import {
  addWeeklyRules,
  createHospital,
  EVERY_DAY,
  HospitalFixture,
  SchedulingStack,
  startSchedulingStack,
} from './scheduling-fixtures';

describe('bad input to booking and availability: 4xx with messages a person can act on', () => {
  let stack: SchedulingStack;
  let hospital: HospitalFixture;

  beforeAll(async () => {
    stack = await startSchedulingStack('booking-input');
    hospital = await createHospital(stack, { bookingBufferMinutes: 0 });
    await addWeeklyRules(stack.ds, hospital.specialist.id, [
      { weekdays: EVERY_DAY, start: '08:00', end: '18:00' },
    ]);
    stack.setNow('2026-07-01T00:00:00Z');
  });

  afterAll(() => stack.close());

  const server = () => stack.app.getHttpServer();
  const book = (token: string, body: object) =>
    request(server()).post('/consultations').set(authHeader(token)).send(body);

  it('rejects bad booking input with 4xx and clear messages', async () => {
    const patient = await createUser(stack.ds, 'patient');
    const post = (body: unknown) => book(hospital.coordinatorToken, body as object);
    const base = { specialistId: hospital.specialist.id, patientId: patient.id };
    const types = await post({ ...base, startsAt: 12345 }).expect(400);
    expect(JSON.stringify(types.body.message)).toContain(
      'startsAt must be an ISO 8601 instant with an offset',
    );
    const noOffset = await post({ ...base, startsAt: '2026-07-10T09:00:00' }).expect(400);
    expect(JSON.stringify(noOffset.body.message)).toContain('offset');
    const extra = await post({ ...base, startsAt: '2026-07-10T09:00:00+08:00', price: 1 }).expect(400);
    expect(JSON.stringify(extra.body.message)).toContain('price should not exist');
    const notUuid = await post({ ...base, specialistId: 'dr-li' }).expect(400);
    expect(JSON.stringify(notUuid.body.message)).toContain('specialistId must be a UUID');
    const past = await post({ ...base, startsAt: '2026-06-10T09:00:00+08:00' }).expect(422);
    expect(past.body.code).toBe('in_past');
    const offHours = await post({ ...base, startsAt: '2026-07-10T20:00:00+08:00' }).expect(422);
    expect(offHours.body.code).toBe('outside_availability');
    const noPatient = await post({
      specialistId: hospital.specialist.id,
      startsAt: '2026-07-10T09:00:00+08:00',
    }).expect(400);
    expect(noPatient.body.message).toContain('patientId is required');
    const huge = await request(server())
      .post('/consultations')
      .set(authHeader(hospital.coordinatorToken))
      .set('Content-Type', 'application/json')
      .send(
        JSON.stringify({
          ...base,
          startsAt: '2026-07-10T09:00:00+08:00',
          notes: 'x'.repeat(10 * 1024 * 1024),
        }),
      );
    expect(huge.status).toBe(413);
    const exceptionBackwards = await request(server())
      .post(`/specialists/${hospital.specialist.id}/availability/exceptions`)
      .set(authHeader(hospital.coordinatorToken))
      .send({ kind: 'time_off', startsAt: '2026-07-10T12:00:00+08:00', endsAt: '2026-07-10T09:00:00+08:00' })
      .expect(400);
    expect(exceptionBackwards.body.message).toContain('must be after startsAt');
    const rulesBackwards = await request(server())
      .put(`/specialists/${hospital.specialist.id}/availability/rules`)
      .set(authHeader(hospital.coordinatorToken))
      .send({ rules: [{ weekday: 8, startLocal: '25:00', endLocal: '09:00', effectiveFrom: '2026-01-01' }] })
      .expect(400);
    expect(JSON.stringify(rulesBackwards.body.message)).toContain('weekday must be 1 (Monday) to 7 (Sunday)');
    expect(JSON.stringify(rulesBackwards.body.message)).toContain('HH:mm');
  });

  it('documents the scheduling endpoints in OpenAPI with schemas and examples', async () => {
    const doc = (await request(server()).get('/docs/openapi.json').expect(200)).body;
    for (const path of [
      '/slots',
      '/board',
      '/consultations',
      '/consultations/{id}',
      '/consultations/{id}/reschedule',
      '/consultations/{id}/cancel',
      '/holidays/{year}',
      '/specialists/{specialistId}/availability/rules',
    ]) {
      expect(Object.keys(doc.paths)).toContain(path);
    }
    expect(doc.components.schemas.BookConsultationDto.properties.startsAt.example).toBe(
      '2026-03-09T09:00:00+08:00',
    );
    expect(doc.components.schemas.SlotDto.properties.patient).toBeDefined();
    const bookParams = doc.paths['/consultations'].post.parameters.map((p: { name: string }) => p.name);
    expect(bookParams).toContain('Idempotency-Key');
  });
});
