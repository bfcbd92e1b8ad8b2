import request from 'supertest';
import { addInterpreterPair, createUser, UserFixture } from '@yiqiao/testing';
import { authHeader, loginAs } from '../support/auth';
import {
  addWeeklyRules,
  createHospital,
  EVERY_DAY,
  HospitalFixture,
  SchedulingStack,
  startSchedulingStack,
} from './scheduling-fixtures';

type Who =
  | 'patient'
  | 'otherPatient'
  | 'specialistA'
  | 'specialistB'
  | 'interpreter'
  | 'otherInterpreter'
  | 'coordinatorA'
  | 'coordinatorB'
  | 'admin';

describe('authorisation of scheduling and consultation endpoints (real api + PostgreSQL)', () => {
  let stack: SchedulingStack;
  let a: HospitalFixture;
  let b: HospitalFixture;
  const tokens = {} as Record<Who, string>;
  const users = {} as Record<Who, UserFixture>;
  let consultationId: string;

  beforeAll(async () => {
    stack = await startSchedulingStack('sched-access');
    a = await createHospital(stack, { bookingBufferMinutes: 0 });
    b = await createHospital(stack, { bookingBufferMinutes: 0 });
    for (const h of [a, b]) {
      await addWeeklyRules(stack.ds, h.specialist.id, [
        { weekdays: EVERY_DAY, start: '09:00', end: '17:00' },
      ]);
    }
    users.patient = await createUser(stack.ds, 'patient', { spokenLanguages: ['ru'] });
    users.otherPatient = await createUser(stack.ds, 'patient');
    users.interpreter = await createUser(stack.ds, 'interpreter', { institutionId: a.institutionId });
    await addInterpreterPair(stack.ds, users.interpreter.id, 'ru', 'zh-cmn');
    users.otherInterpreter = await createUser(stack.ds, 'interpreter', { institutionId: b.institutionId });
    users.admin = await createUser(stack.ds, 'admin');
    users.specialistA = a.specialist;
    users.specialistB = b.specialist;
    users.coordinatorA = a.coordinator;
    users.coordinatorB = b.coordinator;
    for (const who of Object.keys(users) as Who[]) tokens[who] = await loginAs(stack.app, users[who].email);
    stack.setNow('2026-07-01T00:00:00Z');
    const booked = await request(stack.app.getHttpServer())
      .post('/consultations')
      .set(authHeader(tokens.coordinatorA))
      .send({
        specialistId: a.specialist.id,
        patientId: users.patient.id,
        interpreterId: users.interpreter.id,
        startsAt: '2026-07-15T10:00:00+08:00',
      })
      .expect(201);
    consultationId = booked.body.id;
    expect(booked.body.interpreter).toMatchObject({ id: users.interpreter.id });
    const interpreterBooking = await stack.ds.query(
      `SELECT count(*)::int AS n FROM bookings WHERE consultation_id = $1 AND role = 'interpreter' AND released_at IS NULL`,
      [consultationId],
    );
    expect(interpreterBooking[0].n).toBe(1);
  });

  afterAll(() => stack.close());

  const server = () => stack.app.getHttpServer();

  it('GET /consultations/:id: participants, their coordinators and admins see it; everyone else gets 404', async () => {
    const expected: Record<Who, number> = {
      patient: 200,
      otherPatient: 404,
      specialistA: 200,
      specialistB: 404,
      interpreter: 200,
      otherInterpreter: 404,
      coordinatorA: 200,
      coordinatorB: 404,
      admin: 200,
    };
    for (const who of Object.keys(expected) as Who[]) {
      const response = await request(server())
        .get(`/consultations/${consultationId}`)
        .set(authHeader(tokens[who]));
      expect({ who, status: response.status }).toEqual({ who, status: expected[who] });
    }
    const reads = await stack.ds.query(
      `SELECT actor_role FROM audit_events WHERE action = 'consultation.read' AND entity_id = $1 ORDER BY id`,
      [consultationId],
    );
    expect(reads.map((r: { actor_role: string }) => r.actor_role)).toEqual([
      'patient',
      'specialist',
      'interpreter',
      'coordinator',
      'admin',
    ]);
    await request(server()).get(`/consultations/${consultationId}`).expect(401);
    await request(server()).get('/consultations/not-a-uuid').set(authHeader(tokens.admin)).expect(400);
  });

  it('GET /consultations lists only what each role may see', async () => {
    const ids = async (who: Who) =>
      (
        (await request(server()).get('/consultations').set(authHeader(tokens[who])).expect(200)).body as {
          id: string;
        }[]
      ).map((c) => c.id);
    expect(await ids('patient')).toEqual([consultationId]);
    expect(await ids('otherPatient')).toEqual([]);
    expect(await ids('specialistA')).toEqual([consultationId]);
    expect(await ids('specialistB')).toEqual([]);
    expect(await ids('interpreter')).toEqual([consultationId]);
    expect(await ids('coordinatorA')).toEqual([consultationId]);
    expect(await ids('coordinatorB')).toEqual([]);
    expect(await ids('admin')).toContain(consultationId);
    const filtered = await request(server())
      .get('/consultations')
      .query({ from: '2026-07-16', to: '2026-07-31' })
      .set(authHeader(tokens.coordinatorA))
      .expect(200);
    expect(filtered.body).toEqual([]);
    await request(server())
      .get('/consultations')
      .query({ status: 'lost' })
      .set(authHeader(tokens.admin))
      .expect(400);
  });

  it('reschedule and cancel: other hospital and other patients 404, specialists and interpreters 403', async () => {
    const expected: Partial<Record<Who, number>> = {
      otherPatient: 404,
      coordinatorB: 404,
      specialistA: 403,
      specialistB: 403,
      interpreter: 403,
    };
    for (const [who, status] of Object.entries(expected) as [Who, number][]) {
      const move = await request(server())
        .post(`/consultations/${consultationId}/reschedule`)
        .set(authHeader(tokens[who]))
        .send({ startsAt: '2026-07-16T10:00:00+08:00', reason: 'Trying' });
      const cancel = await request(server())
        .post(`/consultations/${consultationId}/cancel`)
        .set(authHeader(tokens[who]))
        .send({ reason: 'Trying' });
      expect({ who, move: move.status, cancel: cancel.status }).toEqual({
        who,
        move: status,
        cancel: status,
      });
    }
    const [row] = await stack.ds.query(`SELECT status, version FROM consultations WHERE id = $1`, [
      consultationId,
    ]);
    expect(row).toEqual({ status: 'scheduled', version: 1 });
  });

  it('POST /consultations: roles, hospital scoping, self-booking policy', async () => {
    const body = (specialistId: string) => ({
      specialistId,
      patientId: users.otherPatient.id,
      startsAt: '2026-07-17T10:00:00+08:00',
    });
    const post = (who: Who, specialistId: string) =>
      request(server()).post('/consultations').set(authHeader(tokens[who])).send(body(specialistId));
    expect((await post('specialistA', a.specialist.id)).status).toBe(403);
    expect((await post('interpreter', a.specialist.id)).status).toBe(403);
    expect((await post('coordinatorB', a.specialist.id)).status).toBe(404);
    const selfBooking = await request(server())
      .post('/consultations')
      .set(authHeader(tokens.otherPatient))
      .send({ specialistId: a.specialist.id, startsAt: '2026-07-17T10:00:00+08:00' })
      .expect(403);
    expect(selfBooking.body.message).toContain('coordinators');
    await request(server()).post('/consultations').send(body(a.specialist.id)).expect(401);
    expect(
      await stack.ds.query(`SELECT id FROM consultations WHERE patient_id = $1`, [users.otherPatient.id]),
    ).toEqual([]);
  });

  it('GET /slots and GET /board: scoped to the caller’s hospital and role', async () => {
    const slots = (who: Who, specialistId: string) =>
      request(server())
        .get('/slots')
        .query({ specialistId, from: '2026-07-15', to: '2026-07-15', patientTimeZone: 'Europe/London' })
        .set(authHeader(tokens[who]));
    expect((await slots('coordinatorA', a.specialist.id)).status).toBe(200);
    expect((await slots('coordinatorB', a.specialist.id)).status).toBe(404);
    expect((await slots('specialistA', a.specialist.id)).status).toBe(200);
    expect((await slots('specialistA', b.specialist.id)).status).toBe(403);
    expect((await slots('interpreter', a.specialist.id)).status).toBe(403);
    expect((await slots('patient', a.specialist.id)).status).toBe(403);
    expect((await slots('admin', a.specialist.id)).status).toBe(200);

    const board = (who: Who, query: Record<string, string> = {}) =>
      request(server())
        .get('/board')
        .query({ date: '2026-07-15', ...query })
        .set(authHeader(tokens[who]));
    const own = await board('coordinatorA').expect(200);
    expect(own.body.specialists.map((s: { id: string }) => s.id)).toEqual([a.specialist.id]);
    const day = own.body.specialists[0];
    expect(day.consultations).toEqual([
      expect.objectContaining({
        id: consultationId,
        shanghai: expect.objectContaining({ start: '2026-07-15T10:00:00+08:00' }),
      }),
    ]);
    expect(day.busy).toEqual([
      { zone: 'Asia/Shanghai', start: '2026-07-15T10:00:00+08:00', end: '2026-07-15T10:30:00+08:00' },
    ]);
    expect(
      day.free.map((f: { start: string; end: string }) => [f.start.slice(11, 16), f.end.slice(11, 16)]),
    ).toEqual([
      ['09:00', '10:00'],
      ['10:30', '17:00'],
    ]);
    const week = await board('coordinatorA', { view: 'week' }).expect(200);
    expect([week.body.from, week.body.to]).toEqual(['2026-07-13', '2026-07-19']);
    expect((await board('coordinatorB')).body.specialists.map((s: { id: string }) => s.id)).toEqual([
      b.specialist.id,
    ]);
    expect((await board('coordinatorA', { institutionId: b.institutionId })).status).toBe(404);
    expect((await board('specialistA')).status).toBe(403);
    expect((await board('patient')).status).toBe(403);
    expect((await board('admin')).status).toBe(400);
    expect((await board('admin', { institutionId: a.institutionId })).status).toBe(200);
    expect((await board('coordinatorA', { view: 'month' })).status).toBe(400);
  });

  it('availability: the specialist, their coordinators and admins manage it; others cannot', async () => {
    const get = (who: Who, specialistId: string) =>
      request(server()).get(`/specialists/${specialistId}/availability`).set(authHeader(tokens[who]));
    expect((await get('specialistA', a.specialist.id)).status).toBe(200);
    expect((await get('coordinatorA', a.specialist.id)).status).toBe(200);
    expect((await get('admin', a.specialist.id)).status).toBe(200);
    expect((await get('specialistB', a.specialist.id)).status).toBe(404);
    expect((await get('coordinatorB', a.specialist.id)).status).toBe(404);
    expect((await get('patient', a.specialist.id)).status).toBe(403);

    const replaced = await request(server())
      .put(`/specialists/${a.specialist.id}/availability/rules`)
      .set(authHeader(tokens.specialistA))
      .send({ rules: [{ weekday: 3, startLocal: '13:00', endLocal: '15:00', effectiveFrom: '2026-07-01' }] })
      .expect(200);
    expect(replaced.body.rules).toEqual([
      { weekday: 3, startLocal: '13:00', endLocal: '15:00', effectiveFrom: '2026-07-01' },
    ]);
    const off = await request(server())
      .post(`/specialists/${a.specialist.id}/availability/exceptions`)
      .set(authHeader(tokens.coordinatorA))
      .send({
        kind: 'time_off',
        startsAt: '2026-07-22T13:00:00+08:00',
        endsAt: '2026-07-22T14:00:00+08:00',
        reason: 'Conference',
      })
      .expect(201);
    const slots = await request(server())
      .get('/slots')
      .query({
        specialistId: a.specialist.id,
        from: '2026-07-22',
        to: '2026-07-22',
        patientTimeZone: 'Asia/Shanghai',
      })
      .set(authHeader(tokens.coordinatorA))
      .expect(200);
    expect(
      slots.body.slots.map((s: { shanghai: { start: string } }) => s.shanghai.start.slice(11, 16)),
    ).toEqual(['14:00', '14:30']);
    await request(server())
      .delete(`/specialists/${a.specialist.id}/availability/exceptions/${off.body.id}`)
      .set(authHeader(tokens.coordinatorB))
      .expect(404);
    await request(server())
      .delete(`/specialists/${a.specialist.id}/availability/exceptions/${off.body.id}`)
      .set(authHeader(tokens.specialistA))
      .expect(204);
    await request(server())
      .put(`/specialists/${a.specialist.id}/availability/rules`)
      .set(authHeader(tokens.coordinatorB))
      .send({ rules: [] })
      .expect(404);
  });

  it('PUT /holidays/:year is for administrators only', async () => {
    const calendar = { source: 'Integration test calendar', days: [] };
    for (const who of ['patient', 'specialistA', 'interpreter', 'coordinatorA'] as Who[]) {
      const response = await request(server())
        .put('/holidays/2031')
        .set(authHeader(tokens[who]))
        .send(calendar);
      expect({ who, status: response.status }).toEqual({ who, status: 403 });
    }
    await request(server()).put('/holidays/2031').send(calendar).expect(401);
    await request(server()).put('/holidays/2031').set(authHeader(tokens.admin)).send(calendar).expect(200);
  });
});
