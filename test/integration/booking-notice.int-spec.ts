import request from 'supertest';
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

interface SlotBody {
  startsAt: string;
  shanghai: { start: string };
}

const minutes = (n: number) => n * 60_000;

/**
 * Minimum booking notice per institution (patients 2 h, coordinators 0 by default), the coordinators'
 * warning inside the interpreter cut-off (INTERPRETER_ESCALATION_CUTOFF_MINUTES, default 60), and slot
 * search offering only what the caller can book. Every test sets the api's clock; specialists work
 * every day 08:00–20:00 Shanghai time (30-minute consultations).
 */
describe('booking notice and the interpreter cut-off warning (real api + PostgreSQL)', () => {
  let stack: SchedulingStack;
  /** Default notices; used for booking. */
  let hospital: HospitalFixture;
  /** Coordinators need 60 minutes of notice here (set through the admin API). */
  let strict: HospitalFixture;
  /** Default notices; used only by the slot-search tests. */
  let searched: HospitalFixture;
  let adminToken: string;
  const server = () => stack.app.getHttpServer();

  beforeAll(async () => {
    stack = await startSchedulingStack('booking-notice');
    hospital = await createHospital(stack, { allowsPatientSelfBooking: true, bookingBufferMinutes: 0 });
    strict = await createHospital(stack, { allowsPatientSelfBooking: true, bookingBufferMinutes: 0 });
    searched = await createHospital(stack, { allowsPatientSelfBooking: true, bookingBufferMinutes: 0 });
    for (const h of [hospital, strict, searched]) {
      await addWeeklyRules(stack.ds, h.specialist.id, [
        { weekdays: EVERY_DAY, start: '08:00', end: '20:00' },
      ]);
    }
    adminToken = await loginAs(stack.app, (await createUser(stack.ds, 'admin')).email);
    await request(server())
      .patch(`/admin/institutions/${strict.institutionId}`)
      .set(authHeader(adminToken))
      .send({ coordinatorBookingNoticeMinutes: 60 })
      .expect(200);
  });

  afterAll(() => stack.close());

  const patientWithToken = async (spokenLanguages = ['en']) => {
    const patient = await createUser(stack.ds, 'patient', { timeZone: 'Asia/Shanghai', spokenLanguages });
    return { ...patient, token: await loginAs(stack.app, patient.email) };
  };
  const book = (token: string, body: object, specialistId = hospital.specialist.id) =>
    request(server())
      .post('/consultations')
      .set(authHeader(token))
      .send({ specialistId, ...body });
  const reschedule = (token: string, id: string, startsAt: string) =>
    request(server())
      .post(`/consultations/${id}/reschedule`)
      .set(authHeader(token))
      .send({ startsAt, reason: 'Notice test' });

  describe('patients', () => {
    it('are refused inside the 2-hour notice with a code and the earliest bookable Shanghai time; allowed after', async () => {
      stack.setNow('2026-06-10T09:10:00+08:00');
      const patient = await patientWithToken();
      const tooSoon = await book(patient.token, { startsAt: '2026-06-10T11:00:00+08:00' }).expect(422);
      expect(tooSoon.body).toMatchObject({
        code: 'notice_too_short',
        noticeMinutes: 120,
        earliestStartsAt: '2026-06-10T03:10:00.000Z',
      });
      expect(tooSoon.body.message).toContain('no sooner than 2 hours ahead');
      expect(tooSoon.body.message).toContain('2026-06-10 11:10 Shanghai time');
      expect(
        await stack.ds.query(`SELECT id FROM consultations WHERE patient_id = $1`, [patient.id]),
      ).toEqual([]);

      const inThePast = await book(patient.token, { startsAt: '2026-06-10T09:00:00+08:00' }).expect(422);
      expect(inThePast.body.code).toBe('in_past');

      const booked = await book(patient.token, { startsAt: '2026-06-10T11:30:00+08:00' }).expect(201);
      expect(booked.body.time.shanghai.start).toBe('2026-06-10T11:30:00+08:00');
      expect(booked.body.warnings).toEqual([]);
    });

    it('may book exactly at now + notice, not a millisecond before it', async () => {
      const patient = await patientWithToken();
      stack.setNow('2026-06-11T10:00:00.001+08:00');
      const justInside = await book(patient.token, { startsAt: '2026-06-11T12:00:00+08:00' }).expect(422);
      expect(justInside.body.code).toBe('notice_too_short');
      expect(justInside.body.message).toContain('2026-06-11 12:01 Shanghai time');
      stack.setNow('2026-06-11T10:00:00+08:00');
      await book(patient.token, { startsAt: '2026-06-11T12:00:00+08:00' }).expect(201);
    });

    it('cannot move their consultation inside the notice either', async () => {
      stack.setNow('2026-06-12T08:00:00+08:00');
      const patient = await patientWithToken();
      const booked = await book(patient.token, { startsAt: '2026-06-12T15:00:00+08:00' }).expect(201);
      stack.setNow('2026-06-12T09:40:00+08:00');
      const tooSoon = await reschedule(patient.token, booked.body.id, '2026-06-12T11:00:00+08:00').expect(
        422,
      );
      expect(tooSoon.body.code).toBe('notice_too_short');
      expect(tooSoon.body.message).toContain('2026-06-12 11:40 Shanghai time');
      const moved = await reschedule(patient.token, booked.body.id, '2026-06-12T12:00:00+08:00').expect(200);
      expect(moved.body.time.shanghai.start).toBe('2026-06-12T12:00:00+08:00');
    });
  });

  describe('coordinators', () => {
    const warning = {
      code: 'inside_interpreter_cutoff',
      cutoffMinutes: 60,
      message: expect.stringContaining('within 1 hour (the interpreter cut-off)'),
    };

    it('book at no notice; warned only when an interpreter is needed and the start is inside the cut-off', async () => {
      stack.setNow('2026-06-15T09:10:00+08:00');
      const english = await createUser(stack.ds, 'patient', { spokenLanguages: ['en'] });
      const chinese = await createUser(stack.ds, 'patient', { spokenLanguages: ['zh-cmn'] });
      const coordinatorBooks = (patientId: string, startsAt: string) =>
        book(hospital.coordinatorToken, { patientId, startsAt }).expect(201);

      // 10 minutes ahead, but patient and specialist share a language: no interpreter, no warning.
      const shared = await coordinatorBooks(chinese.id, '2026-06-15T09:20:00+08:00');
      expect(shared.body.interpreterRequired).toBe(false);
      expect(shared.body.warnings).toEqual([]);

      // 40 minutes ahead, no shared language: booked, with the warning.
      const inside = await coordinatorBooks(english.id, '2026-06-15T09:50:00+08:00');
      expect(inside.body.interpreterRequired).toBe(true);
      expect(inside.body.warnings).toEqual([warning]);
      expect(inside.body.warnings[0].message).toContain('assign one yourself');

      // 70 minutes ahead: outside the cut-off, no warning.
      const outside = await coordinatorBooks(english.id, '2026-06-15T10:20:00+08:00');
      expect(outside.body.interpreterRequired).toBe(true);
      expect(outside.body.warnings).toEqual([]);

      // Exactly at the cut-off instant the interpreter search escalates at once: warned.
      stack.setNow('2026-06-15T10:50:00+08:00');
      const atCutoff = await coordinatorBooks(english.id, '2026-06-15T11:50:00+08:00');
      expect(atCutoff.body.warnings).toEqual([warning]);

      // An idempotent retry replays the same answer, warning included.
      const key = 'notice-test-retry';
      const first = await book(hospital.coordinatorToken, {
        patientId: english.id,
        startsAt: '2026-06-15T11:20:00+08:00',
      })
        .set('Idempotency-Key', key)
        .expect(201);
      const again = await book(hospital.coordinatorToken, {
        patientId: english.id,
        startsAt: '2026-06-15T11:20:00+08:00',
      })
        .set('Idempotency-Key', key)
        .expect(201);
      expect(first.body.warnings).toEqual([warning]);
      expect(again.body).toEqual(first.body);
    });

    it('move a consultation at no notice where a patient could not', async () => {
      stack.setNow('2026-06-16T08:00:00+08:00');
      const patient = await patientWithToken();
      const booked = await book(patient.token, { startsAt: '2026-06-16T16:00:00+08:00' }).expect(201);
      stack.setNow('2026-06-16T10:05:00+08:00');
      const byPatient = await reschedule(patient.token, booked.body.id, '2026-06-16T10:30:00+08:00').expect(
        422,
      );
      expect(byPatient.body.code).toBe('notice_too_short');
      const byCoordinator = await reschedule(
        hospital.coordinatorToken,
        booked.body.id,
        '2026-06-16T10:30:00+08:00',
      ).expect(200);
      expect(byCoordinator.body.time.shanghai.start).toBe('2026-06-16T10:30:00+08:00');
    });

    it('are held to their institution’s coordinator notice when it has one', async () => {
      stack.setNow('2026-06-17T09:10:00+08:00');
      const patient = await createUser(stack.ds, 'patient', { spokenLanguages: ['zh-cmn'] });
      const tooSoon = await book(
        strict.coordinatorToken,
        { patientId: patient.id, startsAt: '2026-06-17T09:30:00+08:00' },
        strict.specialist.id,
      ).expect(422);
      expect(tooSoon.body).toMatchObject({ code: 'notice_too_short', noticeMinutes: 60 });
      expect(tooSoon.body.message).toMatch(/^Coordinators can book .* no sooner than 1 hour ahead/);
      expect(tooSoon.body.message).toContain('2026-06-17 10:10 Shanghai time');
      await book(
        strict.coordinatorToken,
        { patientId: patient.id, startsAt: '2026-06-17T10:30:00+08:00' },
        strict.specialist.id,
      ).expect(201);
    });
  });

  describe('slot search never offers a slot inside the caller’s notice', () => {
    const searchSlots = async (
      token: string,
      from: string,
      to: string,
      specialistId = searched.specialist.id,
    ): Promise<SlotBody[]> => {
      const response = await request(server())
        .get('/slots')
        .query({ specialistId, from, to, patientTimeZone: 'Asia/Shanghai' })
        .set(authHeader(token))
        .expect(200);
      return response.body.slots as SlotBody[];
    };
    const firstStart = (slots: SlotBody[]) => slots[0]?.shanghai.start.slice(0, 16) ?? null;

    // [now (Shanghai), the patient's first slot, the coordinator's first slot]
    it.each([
      ['03:00 on a weekday', '2026-06-10T03:00:00+08:00', '2026-06-10T08:00', '2026-06-10T08:00'],
      ['11:30 on a weekday', '2026-06-10T11:30:00+08:00', '2026-06-10T13:30', '2026-06-10T12:00'],
      ['19:45 on a Sunday', '2026-06-14T19:45:00+08:00', '2026-06-15T08:00', '2026-06-15T08:00'],
      // 1 January 2027 is a statutory holiday and 2027 has no loaded notice: patients see none of 2027.
      ['23:30 on 31 December', '2026-12-31T23:30:00+08:00', null, '2027-01-02T08:00'],
    ])('at %s', async (_label, now, patientFirst, coordinatorFirst) => {
      stack.setNow(now);
      const nowMs = new Date(now).getTime();
      const from = now.slice(0, 10);
      const to = new Date(nowMs + minutes(2 * 24 * 60)).toISOString().slice(0, 10);
      const patient = await patientWithToken();

      const forPatient = await searchSlots(patient.token, from, to);
      expect(firstStart(forPatient)).toBe(patientFirst);
      for (const slot of forPatient) {
        expect(new Date(slot.startsAt).getTime()).toBeGreaterThanOrEqual(nowMs + minutes(120));
      }
      const forCoordinator = await searchSlots(searched.coordinatorToken, from, to);
      expect(firstStart(forCoordinator)).toBe(coordinatorFirst);
      for (const slot of forCoordinator) {
        expect(new Date(slot.startsAt).getTime()).toBeGreaterThan(nowMs);
      }

      // What is offered can be booked by whoever was offered it.
      if (forPatient[0]) {
        await book(patient.token, { startsAt: forPatient[0].startsAt }, searched.specialist.id).expect(201);
      }
      const other = await createUser(stack.ds, 'patient', { spokenLanguages: ['zh-cmn'] });
      const coordinatorPick = forCoordinator.find((s) => s.startsAt !== forPatient[0]?.startsAt) as SlotBody;
      await book(
        searched.coordinatorToken,
        { patientId: other.id, startsAt: coordinatorPick.startsAt },
        searched.specialist.id,
      ).expect(201);
    });

    it('uses the coordinators’ notice of the institution searched', async () => {
      stack.setNow('2026-06-18T11:30:00+08:00');
      const slots = await searchSlots(
        strict.coordinatorToken,
        '2026-06-18',
        '2026-06-18',
        strict.specialist.id,
      );
      expect(firstStart(slots)).toBe('2026-06-18T12:30');
    });
  });
});
