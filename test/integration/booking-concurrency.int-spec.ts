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

describe('booking can never double-book (real api + PostgreSQL)', () => {
  let stack: SchedulingStack;
  let hospital: HospitalFixture;

  beforeAll(async () => {
    stack = await startSchedulingStack('booking-race');
    hospital = await createHospital(stack, { bookingBufferMinutes: 0 });
    await addWeeklyRules(stack.ds, hospital.specialist.id, [
      { weekdays: EVERY_DAY, start: '09:00', end: '12:00' },
    ]);
    stack.setNow('2026-06-01T00:00:00Z');
  });

  afterAll(() => stack.close());

  it('100 concurrent attempts at one slot: exactly one 201, 99 × 409 naming the specialist, one consultation', async () => {
    const patients = await Promise.all(Array.from({ length: 100 }, () => createUser(stack.ds, 'patient')));
    const startsAt = '2026-06-10T09:00:00+08:00';
    const responses = await Promise.all(
      patients.map((patient) =>
        request(stack.app.getHttpServer())
          .post('/consultations')
          .set(authHeader(hospital.coordinatorToken))
          .send({ specialistId: hospital.specialist.id, patientId: patient.id, startsAt }),
      ),
    );
    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(99);
    for (const conflict of responses.filter((r) => r.status === 409)) {
      expect(conflict.body.code).toBe('booking_conflict');
      expect(conflict.body.conflicts[0]).toMatchObject({
        role: 'specialist',
        userId: hospital.specialist.id,
      });
      expect(conflict.body.message).toContain('2026-06-10T09:00:00+08:00');
    }
    const consultations = await stack.ds.query(
      `SELECT id, patient_id FROM consultations WHERE specialist_id = $1`,
      [hospital.specialist.id],
    );
    expect(consultations).toHaveLength(1);
    const winner = responses.find((r) => r.status === 201);
    expect(consultations[0].id).toBe(winner?.body.id);
    const bookings = await stack.ds.query(
      `SELECT role, user_id FROM bookings WHERE consultation_id = $1 ORDER BY role`,
      [consultations[0].id],
    );
    expect(bookings.map((b: { role: string }) => b.role).sort()).toEqual(['patient', 'specialist']);
    const totalBookings = await stack.ds.query(`SELECT count(*)::int AS n FROM bookings`);
    expect(totalBookings[0].n).toBe(2);
    const audits = await stack.ds.query(
      `SELECT count(*)::int AS n FROM audit_events WHERE action = 'consultation.booked'`,
    );
    expect(audits[0].n).toBe(1);
  });

  it('adjacent slots (end = next start) both book, for the same specialist and the same patient', async () => {
    const patient = await createUser(stack.ds, 'patient');
    const book = (startsAt: string) =>
      request(stack.app.getHttpServer())
        .post('/consultations')
        .set(authHeader(hospital.coordinatorToken))
        .send({ specialistId: hospital.specialist.id, patientId: patient.id, startsAt });
    const first = await book('2026-06-11T10:00:00+08:00');
    const second = await book('2026-06-11T10:30:00+08:00');
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(first.body.time.endsAt).toBe(second.body.time.startsAt);
  });

  it('an overlapping booking for the same patient with another specialist is refused, naming the patient', async () => {
    const other = await createHospital(stack, { bookingBufferMinutes: 0 });
    await addWeeklyRules(stack.ds, other.specialist.id, [
      { weekdays: EVERY_DAY, start: '09:00', end: '12:00' },
    ]);
    const patient = await createUser(stack.ds, 'patient');
    await request(stack.app.getHttpServer())
      .post('/consultations')
      .set(authHeader(hospital.coordinatorToken))
      .send({
        specialistId: hospital.specialist.id,
        patientId: patient.id,
        startsAt: '2026-06-12T09:00:00+08:00',
      })
      .expect(201);
    const clash = await request(stack.app.getHttpServer())
      .post('/consultations')
      .set(authHeader(other.coordinatorToken))
      .send({
        specialistId: other.specialist.id,
        patientId: patient.id,
        startsAt: '2026-06-12T09:15:00+08:00',
      })
      .expect(409);
    expect(clash.body.conflicts[0]).toMatchObject({ role: 'patient', userId: patient.id });
    expect(clash.body.message).toMatch(/The patient is already booked from 2026-06-12T09:00:00\+08:00/);
  });

  it('keeps the institution’s buffer between consultations of a specialist', async () => {
    const buffered = await createHospital(stack, { bookingBufferMinutes: 15 });
    await addWeeklyRules(stack.ds, buffered.specialist.id, [
      { weekdays: EVERY_DAY, start: '09:00', end: '12:00' },
    ]);
    const [a, b] = await Promise.all([createUser(stack.ds, 'patient'), createUser(stack.ds, 'patient')]);
    const book = (patientId: string, startsAt: string) =>
      request(stack.app.getHttpServer())
        .post('/consultations')
        .set(authHeader(buffered.coordinatorToken))
        .send({ specialistId: buffered.specialist.id, patientId, startsAt });
    expect((await book(a.id, '2026-06-15T09:00:00+08:00')).status).toBe(201);
    const tooClose = await book(b.id, '2026-06-15T09:30:00+08:00');
    expect(tooClose.status).toBe(409);
    expect(tooClose.body.message).toContain('15-minute buffer');
    const slots = await request(stack.app.getHttpServer())
      .get('/slots')
      .query({
        specialistId: buffered.specialist.id,
        from: '2026-06-15',
        to: '2026-06-15',
        patientTimeZone: 'Asia/Shanghai',
      })
      .set(authHeader(buffered.coordinatorToken))
      .expect(200);
    expect(
      slots.body.slots.map((s: { shanghai: { start: string } }) => s.shanghai.start.slice(11, 16)),
    ).toEqual(['10:00', '10:30', '11:00', '11:30']);
  });
});
