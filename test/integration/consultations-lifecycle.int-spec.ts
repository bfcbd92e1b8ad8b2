import request from 'supertest';
import { ConsultationChange, ConsultationHooks } from '@yiqiao/persistence';
import { createUser } from '@yiqiao/testing';
import { authHeader, loginAs } from '../support/auth';
import {
  addWeeklyRules,
  createHospital,
  EVERY_DAY,
  HospitalFixture,
  SchedulingStack,
  startSchedulingStack,
} from './scheduling-fixtures';

describe('booking, idempotency, reschedule, cancel and cut-offs (real api + PostgreSQL)', () => {
  let stack: SchedulingStack;
  let hospital: HospitalFixture;
  const seen: { phase: 'in-transaction' | 'after-commit'; change: ConsultationChange }[] = [];

  beforeAll(async () => {
    stack = await startSchedulingStack('lifecycle');
    hospital = await createHospital(stack, {
      bookingBufferMinutes: 0,
      cancellationCutoffMinutes: 24 * 60,
      rescheduleCutoffMinutes: 12 * 60,
      allowsPatientSelfBooking: true,
      specialistLanguages: ['zh-cmn', 'en'],
    });
    await addWeeklyRules(stack.ds, hospital.specialist.id, [
      { weekdays: EVERY_DAY, start: '08:00', end: '18:00' },
    ]);
    stack.app.get(ConsultationHooks).register({
      name: 'test-recorder',
      onChange: async (manager, change) => {
        const [row] = await manager.query(`SELECT status FROM consultations WHERE id = $1`, [
          change.consultationId,
        ]);
        expect(row).toBeDefined();
        seen.push({ phase: 'in-transaction', change });
        return async () => {
          seen.push({ phase: 'after-commit', change });
        };
      },
    });
    stack.setNow('2026-07-01T00:00:00Z');
  });

  afterAll(() => stack.close());

  const server = () => stack.app.getHttpServer();
  const book = (token: string, body: object, key?: string) => {
    const call = request(server()).post('/consultations').set(authHeader(token));
    return (key ? call.set('Idempotency-Key', key) : call).send(body);
  };

  it('books with both clocks, decides the interpreter need, audits and runs the hooks', async () => {
    const patient = await createUser(stack.ds, 'patient', {
      timeZone: 'America/New_York',
      spokenLanguages: ['ru'],
    });
    const response = await book(hospital.coordinatorToken, {
      specialistId: hospital.specialist.id,
      patientId: patient.id,
      startsAt: '2026-07-10T09:00:00+08:00',
    }).expect(201);
    expect(response.body).toMatchObject({
      status: 'scheduled',
      interpreterRequired: true,
      departmentId: hospital.departmentId,
      time: {
        startsAt: '2026-07-10T01:00:00Z',
        endsAt: '2026-07-10T01:30:00Z',
        shanghai: { zone: 'Asia/Shanghai', start: '2026-07-10T09:00:00+08:00' },
        patient: { zone: 'America/New_York', start: '2026-07-09T21:00:00-04:00' },
      },
    });
    const english = await createUser(stack.ds, 'patient', { spokenLanguages: ['en'] });
    const shared = await book(hospital.coordinatorToken, {
      specialistId: hospital.specialist.id,
      patientId: english.id,
      startsAt: '2026-07-10T10:00:00+08:00',
    }).expect(201);
    expect(shared.body).toMatchObject({
      interpreterRequired: false,
      patientLanguage: 'en',
      specialistLanguage: 'en',
    });
    const audit = await stack.ds.query(
      `SELECT actor_id FROM audit_events WHERE action = 'consultation.booked' AND entity_id = $1`,
      [response.body.id],
    );
    expect(audit).toEqual([{ actor_id: hospital.coordinator.id }]);
    const forIt = seen.filter((s) => s.change.consultationId === response.body.id);
    expect(forIt.map((s) => `${s.phase}:${s.change.kind}`)).toEqual([
      'in-transaction:booked',
      'after-commit:booked',
    ]);
  });

  it('replays a retried booking with the same Idempotency-Key and writes nothing new', async () => {
    const patient = await createUser(stack.ds, 'patient');
    const body = {
      specialistId: hospital.specialist.id,
      patientId: patient.id,
      startsAt: '2026-07-11T09:00:00+08:00',
    };
    const first = await book(hospital.coordinatorToken, body, 'retry-key-1').expect(201);
    const retries = await Promise.all(
      [1, 2, 3].map(() => book(hospital.coordinatorToken, body, 'retry-key-1')),
    );
    for (const retry of retries) {
      expect(retry.status).toBe(201);
      expect(retry.body.id).toBe(first.body.id);
      expect(retry.headers['idempotent-replayed']).toBe('true');
    }
    const rows = await stack.ds.query(`SELECT id FROM consultations WHERE patient_id = $1`, [patient.id]);
    expect(rows).toHaveLength(1);
    const audits = await stack.ds.query(`SELECT count(*)::int AS n FROM audit_events WHERE entity_id = $1`, [
      first.body.id,
    ]);
    expect(audits[0].n).toBe(1);
    const reused = await book(
      hospital.coordinatorToken,
      { ...body, startsAt: '2026-07-11T10:00:00+08:00' },
      'retry-key-1',
    ).expect(422);
    expect(reused.body.code).toBe('idempotency_key_reused');
    expect(
      await stack.ds.query(`SELECT id FROM consultations WHERE patient_id = $1`, [patient.id]),
    ).toHaveLength(1);
    const badKey = await book(hospital.coordinatorToken, body, 'x'.repeat(300)).expect(400);
    expect(badKey.body.message).toContain('Idempotency-Key');
  });

  it('reschedules (releasing the old time) and cancels, idempotently, with audit and hooks', async () => {
    const patient = await createUser(stack.ds, 'patient');
    const booked = await book(hospital.coordinatorToken, {
      specialistId: hospital.specialist.id,
      patientId: patient.id,
      startsAt: '2026-07-12T09:00:00+08:00',
    }).expect(201);
    const id = booked.body.id as string;
    const move = { startsAt: '2026-07-12T11:00:00+08:00', reason: 'Patient asked for later' };
    const moved = await request(server())
      .post(`/consultations/${id}/reschedule`)
      .set(authHeader(hospital.coordinatorToken))
      .set('Idempotency-Key', 'move-1')
      .send(move)
      .expect(200);
    expect(moved.body.time.shanghai.start).toBe('2026-07-12T11:00:00+08:00');
    expect(moved.body.version).toBe(2);
    const again = await request(server())
      .post(`/consultations/${id}/reschedule`)
      .set(authHeader(hospital.coordinatorToken))
      .set('Idempotency-Key', 'move-1')
      .send(move)
      .expect(200);
    expect(again.body.version).toBe(2);
    const live = await stack.ds.query(
      `SELECT role, lower(during) AS s FROM bookings WHERE consultation_id = $1 AND released_at IS NULL ORDER BY role`,
      [id],
    );
    expect(live.map((b: { s: Date }) => b.s.toISOString())).toEqual([
      '2026-07-12T03:00:00.000Z',
      '2026-07-12T03:00:00.000Z',
    ]);
    const released = await stack.ds.query(
      `SELECT count(*)::int AS n FROM bookings WHERE consultation_id = $1 AND released_at IS NOT NULL`,
      [id],
    );
    expect(released[0].n).toBe(2);

    // The old time is free again for someone else.
    const other = await createUser(stack.ds, 'patient');
    await book(hospital.coordinatorToken, {
      specialistId: hospital.specialist.id,
      patientId: other.id,
      startsAt: '2026-07-12T09:00:00+08:00',
    }).expect(201);

    const cancelled = await request(server())
      .post(`/consultations/${id}/cancel`)
      .set(authHeader(hospital.coordinatorToken))
      .send({ reason: 'Patient recovered' })
      .expect(200);
    expect(cancelled.body).toMatchObject({ status: 'cancelled', cancelReason: 'Patient recovered' });
    const liveAfter = await stack.ds.query(
      `SELECT count(*)::int AS n FROM bookings WHERE consultation_id = $1 AND released_at IS NULL`,
      [id],
    );
    expect(liveAfter[0].n).toBe(0);
    const twice = await request(server())
      .post(`/consultations/${id}/cancel`)
      .set(authHeader(hospital.coordinatorToken))
      .send({ reason: 'Again' })
      .expect(422);
    expect(twice.body.code).toBe('wrong_status');
    const actions = await stack.ds.query(
      `SELECT action, details FROM audit_events WHERE entity_id = $1 ORDER BY id`,
      [id],
    );
    expect(actions.map((a: { action: string }) => a.action)).toEqual([
      'consultation.booked',
      'consultation.rescheduled',
      'consultation.cancelled',
    ]);
    expect(actions[1].details.reason).toBe('Patient asked for later');
    const kinds = seen
      .filter((s) => s.change.consultationId === id && s.phase === 'after-commit')
      .map((s) => s.change.kind);
    expect(kinds).toEqual(['booked', 'rescheduled', 'cancelled']);
    const rescheduleChange = seen.find(
      (s) => s.change.consultationId === id && s.change.kind === 'rescheduled',
    );
    expect(rescheduleChange?.change.previous?.startsAt.toISOString()).toBe('2026-07-12T01:00:00.000Z');
  });

  it('enforces the cut-offs; a coordinator may override with a reason, a patient may not', async () => {
    const patient = await createUser(stack.ds, 'patient');
    const patientToken = await loginAs(stack.app, patient.email);
    const booked = await book(patientToken, {
      specialistId: hospital.specialist.id,
      startsAt: '2026-07-20T09:00:00+08:00',
    }).expect(201);
    const id = booked.body.id as string;
    // 10 hours before the start: inside both the 24 h cancellation and 12 h reschedule cut-offs.
    stack.setNow('2026-07-19T15:00:00Z');
    const late = await request(server())
      .post(`/consultations/${id}/cancel`)
      .set(authHeader(patientToken))
      .send({ reason: 'Cannot make it' })
      .expect(422);
    expect(late.body.code).toBe('cutoff_passed');
    expect(late.body.message).toContain('1440 minutes before the start');
    const lateMove = await request(server())
      .post(`/consultations/${id}/reschedule`)
      .set(authHeader(patientToken))
      .send({ startsAt: '2026-07-21T09:00:00+08:00', reason: 'Cannot make it' })
      .expect(422);
    expect(lateMove.body.code).toBe('cutoff_passed');
    const patientOverride = await request(server())
      .post(`/consultations/${id}/cancel`)
      .set(authHeader(patientToken))
      .send({ reason: 'Cannot make it', overrideCutoff: true })
      .expect(422);
    expect(patientOverride.body.code).toBe('cutoff_passed');
    const coordinatorWithout = await request(server())
      .post(`/consultations/${id}/cancel`)
      .set(authHeader(hospital.coordinatorToken))
      .send({ reason: 'Specialist ill' })
      .expect(422);
    expect(coordinatorWithout.body.message).toContain('overrideCutoff');
    await request(server())
      .post(`/consultations/${id}/cancel`)
      .set(authHeader(hospital.coordinatorToken))
      .send({ reason: 'Specialist ill', overrideCutoff: true })
      .expect(200);
    const [audit] = await stack.ds.query(
      `SELECT details FROM audit_events WHERE entity_id = $1 AND action = 'consultation.cancelled'`,
      [id],
    );
    expect(audit.details).toEqual({ reason: 'Specialist ill', cutoffOverridden: true });
    stack.setNow('2026-07-01T00:00:00Z');
  });
});
