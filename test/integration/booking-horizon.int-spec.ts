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

/**
 * The booking horizon per institution (default 18 months, to the Shanghai day): booking, rescheduling
 * and slot search stop at the last bookable day; instants JS or PostgreSQL cannot handle are 400s.
 * Every test sets the api's clock, at the instants the suite must pass at (03:00 and 11:30 Shanghai on a
 * weekday, 19:45 on a Sunday, 23:30 on 31 December). Specialists work every day 08:00–20:00 Shanghai.
 */
describe('booking horizon (real api + PostgreSQL)', () => {
  let stack: SchedulingStack;
  let hospital: HospitalFixture;
  let adminToken: string;
  const server = () => stack.app.getHttpServer();

  beforeAll(async () => {
    stack = await startSchedulingStack('booking-horizon');
    hospital = await createHospital(stack, { allowsPatientSelfBooking: true, bookingBufferMinutes: 0 });
    await addWeeklyRules(stack.ds, hospital.specialist.id, [
      { weekdays: EVERY_DAY, start: '08:00', end: '20:00' },
    ]);
    adminToken = await loginAs(stack.app, (await createUser(stack.ds, 'admin')).email);
  });

  afterAll(() => stack.close());

  const newPatient = () => createUser(stack.ds, 'patient', { spokenLanguages: ['zh-cmn'] });
  const book = (startsAt: string, patientId: string, fixture = hospital) =>
    request(server())
      .post('/consultations')
      .set(authHeader(fixture.coordinatorToken))
      .send({ specialistId: fixture.specialist.id, patientId, startsAt });
  const reschedule = (id: string, startsAt: string) =>
    request(server())
      .post(`/consultations/${id}/reschedule`)
      .set(authHeader(hospital.coordinatorToken))
      .send({ startsAt, reason: 'Horizon test' });
  const slots = (from: string, to: string, fixture = hospital) =>
    request(server())
      .get('/slots')
      .query({ specialistId: fixture.specialist.id, from, to, patientTimeZone: 'Asia/Shanghai' })
      .set(authHeader(fixture.coordinatorToken));
  const consultationsOf = (patientId: string) =>
    stack.ds.query(`SELECT starts_at FROM consultations WHERE patient_id = $1`, [patientId]);

  // now (Shanghai) → the last bookable day, today + 18 months, worked out by hand.
  const CLOCKS = [
    { now: '2026-06-10T03:00:00+08:00', lastDay: '2027-12-10', dayAfter: '2027-12-11', at: '08:00' },
    { now: '2026-06-10T11:30:00+08:00', lastDay: '2027-12-10', dayAfter: '2027-12-11', at: '09:00' },
    { now: '2026-06-14T19:45:00+08:00', lastDay: '2027-12-14', dayAfter: '2027-12-15', at: '10:00' },
    { now: '2026-12-31T23:30:00+08:00', lastDay: '2028-06-30', dayAfter: '2028-07-01', at: '11:00' },
  ];

  describe.each(CLOCKS)('at $now (last bookable day $lastDay)', ({ now, lastDay, dayAfter, at }) => {
    beforeEach(() => stack.setNow(now));

    it('books on the last bookable day; the day after is 422 beyond_horizon naming the day', async () => {
      const patient = await newPatient();
      const beyond = await book(`${dayAfter}T${at}:00+08:00`, patient.id).expect(422);
      expect(beyond.body).toMatchObject({
        code: 'beyond_horizon',
        lastBookableDay: lastDay,
        horizonMonths: 18,
      });
      expect(beyond.body.message).toContain(`the last bookable day is ${lastDay} (Shanghai time)`);
      expect(await consultationsOf(patient.id)).toEqual([]);

      const booked = await book(`${lastDay}T${at}:00+08:00`, patient.id).expect(201);
      expect(booked.body.time.shanghai.start).toBe(`${lastDay}T${at}:00+08:00`);
    });

    it('slot search offers the last bookable day and nothing after it', async () => {
      const response = await slots(lastDay, dayAfter).expect(200);
      const days = (response.body.slots as SlotBody[]).map((s) => s.shanghai.start.slice(0, 10));
      expect(days.length).toBeGreaterThan(0);
      expect(new Set(days)).toEqual(new Set([lastDay]));
    });

    it('slot search refuses a first day after the horizon with 422 beyond_horizon', async () => {
      const response = await slots(dayAfter, dayAfter).expect(422);
      expect(response.body).toMatchObject({ code: 'beyond_horizon', lastBookableDay: lastDay });
      expect(response.body.message).toContain(`The first day ${dayAfter}`);
    });
  });

  it('the horizon ends at Shanghai midnight after the last bookable day', async () => {
    stack.setNow('2026-12-31T23:30:00+08:00');
    // An extra session across that midnight, so only the horizon decides.
    await request(server())
      .post(`/specialists/${hospital.specialist.id}/availability/exceptions`)
      .set(authHeader(hospital.coordinatorToken))
      .send({
        kind: 'extra_session',
        startsAt: '2028-06-30T22:00:00+08:00',
        endsAt: '2028-07-01T02:00:00+08:00',
      })
      .expect(201);
    const patient = await newPatient();
    const atMidnight = await book('2028-06-30T16:00:00Z', patient.id).expect(422);
    expect(atMidnight.body.code).toBe('beyond_horizon');
    await book('2028-06-30T23:30:00+08:00', patient.id).expect(201);
  });

  it('refuses a reschedule beyond the horizon (422) and keeps the consultation where it was', async () => {
    stack.setNow('2026-06-14T19:45:00+08:00');
    const patient = await newPatient();
    const booked = await book('2026-06-16T14:00:00+08:00', patient.id).expect(201);
    const beyond = await reschedule(booked.body.id, '2027-12-15T14:00:00+08:00').expect(422);
    expect(beyond.body).toMatchObject({ code: 'beyond_horizon', lastBookableDay: '2027-12-14' });
    const year2300 = await reschedule(booked.body.id, '2300-01-05T02:00:00Z').expect(422);
    expect(year2300.body.code).toBe('beyond_horizon');
    expect(year2300.body.message).toContain('The start 2300-01-05T02:00:00.000Z is beyond');
    const [row] = await consultationsOf(patient.id);
    expect(row.starts_at.toISOString()).toBe('2026-06-16T06:00:00.000Z');
    const moved = await reschedule(booked.body.id, '2027-12-14T14:00:00+08:00').expect(200);
    expect(moved.body.time.shanghai.start).toBe('2027-12-14T14:00:00+08:00');
  });

  it('books in the year 2300: 422 beyond_horizon, for coordinators and patients alike', async () => {
    stack.setNow('2026-06-10T11:30:00+08:00');
    const patient = await newPatient();
    const byCoordinator = await book('2300-01-05T10:00:00+08:00', patient.id).expect(422);
    expect(byCoordinator.body).toMatchObject({ code: 'beyond_horizon', lastBookableDay: '2027-12-10' });
    const patientToken = await loginAs(stack.app, patient.email);
    const byPatient = await request(server())
      .post('/consultations')
      .set(authHeader(patientToken))
      .send({ specialistId: hospital.specialist.id, startsAt: '2300-01-05T10:00:00+08:00' })
      .expect(422);
    expect(byPatient.body.code).toBe('beyond_horizon');
  });

  it.each([
    ['9999-12-31T15:00:00Z', '08'],
    ['9999-12-31T23:59:59+08:00', '09'],
    ['+275760-09-13T00:00:00Z', '10'],
    ['2026-02-30T10:00:00+08:00', '11'],
    ['2026-06-20T10:00:00+99:99', '12'],
  ])('answers %s with a 400 naming startsAt, for booking and rescheduling', async (startsAt, hour) => {
    stack.setNow('2026-06-10T03:00:00+08:00');
    const patient = await newPatient();
    const refused = await book(startsAt, patient.id).expect(400);
    expect(JSON.stringify(refused.body.message)).toContain(
      'startsAt must be an ISO 8601 instant with an offset, a real date between the years 2000 and 2999',
    );
    const booked = await book(`2026-06-11T${hour}:00:00+08:00`, patient.id).expect(201);
    await reschedule(booked.body.id, startsAt).expect(400);
  });

  it('slot search refuses days JS cannot do day maths on with a 400', async () => {
    stack.setNow('2026-06-10T03:00:00+08:00');
    const response = await slots('9999-12-25', '9999-12-31').expect(400);
    expect(JSON.stringify(response.body.message)).toContain(
      'from must be a calendar date written yyyy-MM-dd between the years 2000 and 2999',
    );
  });

  describe('administrators set the horizon', () => {
    let other: HospitalFixture;
    const patch = (body: object) =>
      request(server())
        .patch(`/admin/institutions/${other.institutionId}`)
        .set(authHeader(adminToken))
        .send(body);

    beforeAll(async () => {
      other = await createHospital(stack, { bookingBufferMinutes: 0 });
      await addWeeklyRules(stack.ds, other.specialist.id, [
        { weekdays: EVERY_DAY, start: '08:00', end: '20:00' },
      ]);
    });

    it('is 18 months by default and can be shortened to 1 month, which booking and slot search follow', async () => {
      stack.setNow('2026-06-14T19:45:00+08:00');
      const listed = await request(server())
        .get('/admin/institutions')
        .set(authHeader(adminToken))
        .expect(200);
      expect(listed.body.find((i: { id: string }) => i.id === other.institutionId)).toMatchObject({
        bookingHorizonMonths: 18,
      });
      const patient = await newPatient();
      await book('2026-08-20T10:00:00+08:00', patient.id, other).expect(201);

      const changed = await patch({ bookingHorizonMonths: 1 }).expect(200);
      expect(changed.body.bookingHorizonMonths).toBe(1);
      const beyond = await book('2026-07-15T10:00:00+08:00', patient.id, other).expect(422);
      expect(beyond.body).toMatchObject({
        code: 'beyond_horizon',
        lastBookableDay: '2026-07-14',
        horizonMonths: 1,
      });
      expect(beyond.body.message).toContain('booking horizon of 1 month:');
      await book('2026-07-14T10:00:00+08:00', patient.id, other).expect(201);
      const searched = await slots('2026-07-13', '2026-07-20', other).expect(200);
      const days = new Set((searched.body.slots as SlotBody[]).map((s) => s.shanghai.start.slice(0, 10)));
      expect(days).toEqual(new Set(['2026-07-13', '2026-07-14']));
      const [audit] = await stack.ds.query(
        `SELECT details FROM audit_events WHERE action = 'institution.updated' AND entity_id = $1`,
        [other.institutionId],
      );
      expect(audit.details).toEqual({ bookingHorizonMonths: 1 });
    });

    it.each([
      [{ bookingHorizonMonths: 0 }, 'bookingHorizonMonths must be at least 1 month'],
      [{ bookingHorizonMonths: 61 }, 'bookingHorizonMonths must be at most 60 months (5 years)'],
      [{ bookingHorizonMonths: 1.5 }, 'bookingHorizonMonths must be a whole number of months from 1 to 60'],
      [{ bookingHorizonMonths: null }, 'bookingHorizonMonths must be a whole number of months from 1 to 60'],
      [{ bookingHorizonMonths: '12' }, 'bookingHorizonMonths must be a whole number of months from 1 to 60'],
    ])('refuses %j with a 400 naming the field and the range', async (body, text) => {
      const response = await patch(body).expect(400);
      expect(JSON.stringify(response.body.message)).toContain(text);
    });

    it('accepts the bounds, and a new institution may set its own', async () => {
      await patch({ bookingHorizonMonths: 60 }).expect(200);
      await patch({ bookingHorizonMonths: 1 }).expect(200);
      const created = await request(server())
        .post('/admin/institutions')
        .set(authHeader(adminToken))
        .send({
          code: `horizon-${Date.now()}`,
          name: 'Horizon Clinic',
          kind: 'clinic',
          timeZone: 'Asia/Shanghai',
          country: 'CN',
          bookingHorizonMonths: 24,
        })
        .expect(201);
      expect(created.body.bookingHorizonMonths).toBe(24);
    });

    it('is kept within 1..60 by the database too', async () => {
      await expect(
        stack.ds.query(`UPDATE institutions SET booking_horizon_months = 61 WHERE id = $1`, [
          other.institutionId,
        ]),
      ).rejects.toThrow(/check constraint/);
    });
  });
});
