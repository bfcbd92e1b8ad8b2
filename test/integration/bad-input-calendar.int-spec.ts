import request from 'supertest';
import { createUser } from '@yiqiao/testing';
import { authHeader, loginAs } from '../support/auth';
import {
  createHospital,
  HospitalFixture,
  SchedulingStack,
  startSchedulingStack,
} from './scheduling-fixtures';

const NEW_YEAR = { date: '2095-01-01', kind: 'holiday', nameZh: '元旦', nameEn: "New Year's Day" };
const SOURCE = '国务院办公厅关于2095年部分节假日安排的通知';

/**
 * Bad calendar input found by the api fuzz: holiday years the global number conversion let through
 * (0x7EA, "2026 "), a holiday list of lists (a 500), and date ranges with `to` before `from` (a 200
 * with nothing). Every answer is a 400 that names the field; none is a 5xx. The clock is set.
 */
describe('bad calendar input gives 400s, never 5xx (real api + PostgreSQL)', () => {
  let stack: SchedulingStack;
  let hospital: HospitalFixture;
  let adminToken: string;
  let interpreterToken: string;
  const server = () => stack.app.getHttpServer();
  const messageOf = (body: { message: unknown }) => JSON.stringify(body.message);

  beforeAll(async () => {
    stack = await startSchedulingStack('bad-input-calendar');
    stack.setNow('2026-06-14T19:45:00+08:00');
    hospital = await createHospital(stack, { bookingBufferMinutes: 0 });
    adminToken = await loginAs(stack.app, (await createUser(stack.ds, 'admin')).email);
    interpreterToken = await loginAs(
      stack.app,
      (await createUser(stack.ds, 'interpreter', { institutionId: hospital.institutionId })).email,
    );
  });

  afterAll(() => stack.close());

  describe('holiday years', () => {
    const get = (year: string) => request(server()).get(`/holidays/${year}`).set(authHeader(adminToken));

    it.each(['0x7EA', '2026%20', '%202026', '+2026', '2026.0', '2e3', '02026', '1999', '2201', 'abcd'])(
      'GET /holidays/%s is a 400 saying what a year is',
      async (year) => {
        const response = await get(year).expect(400);
        expect(response.body.message).toMatch(
          /^year must be a year written with 4 digits, from 2000 to 2200, such as 2027 \(got ".*"\)$/,
        );
      },
    );

    it('reads four-digit years at both ends of the range', async () => {
      expect((await get('2026').expect(200)).body).toMatchObject({ year: 2026, loaded: true });
      expect((await get('2000').expect(200)).body.year).toBe(2000);
      expect((await get('2200').expect(200)).body).toMatchObject({ year: 2200, loaded: false });
    });

    it('PUT refuses a year that is not four digits before touching the calendar', async () => {
      const response = await request(server())
        .put('/holidays/0x7EA')
        .set(authHeader(adminToken))
        .send({ source: SOURCE, days: [] })
        .expect(400);
      expect(response.body.message).toContain('year must be a year written with 4 digits');
      const years = await stack.ds.query(`SELECT year FROM holiday_calendar_years WHERE year = 2026`);
      expect(years).toHaveLength(1);
    });
  });

  describe('holiday days', () => {
    const put = (body: unknown) =>
      request(server())
        .put('/holidays/2095')
        .set(authHeader(adminToken))
        .send(body as object);

    it('PUT /holidays/2095 with {"days":[[]]} is a 400 naming days[0]', async () => {
      const response = await put({ source: SOURCE, days: [[]] }).expect(400);
      expect(messageOf(response.body)).toContain('days[0] must be an object like {');
      expect(messageOf(response.body)).toContain('(got a list)');
      const noSource = await put({ days: [[]] }).expect(400);
      expect(messageOf(noSource.body)).toContain('days[0] must be an object');
    });

    it.each([
      [[NEW_YEAR, null], 'days[1] must be an object', 'no value'],
      [[NEW_YEAR, NEW_YEAR, '元旦'], 'days[2] must be an object', 'text'],
      [[7], 'days[0] must be an object', 'a number'],
    ])('names the element that is not a day: %j', async (days, text, kind) => {
      const response = await put({ source: SOURCE, days }).expect(400);
      expect(messageOf(response.body)).toContain(text);
      expect(messageOf(response.body)).toContain(`(got ${kind})`);
    });

    it('refuses a day of the wrong shape, naming its fields', async () => {
      const response = await put({ source: SOURCE, days: [{ date: 20950101, kind: 'party' }] }).expect(400);
      const message = messageOf(response.body);
      expect(message).toContain('date must be a calendar date written yyyy-MM-dd');
      expect(message).toContain('kind must be holiday or makeup_workday');
      expect(message).toContain('nameZh must be text');
      const days = await put({ source: SOURCE, days: 'none' }).expect(400);
      expect(messageOf(days.body)).toContain('days must be a list');
    });

    it('loads a well-formed 2095 calendar', async () => {
      const response = await put({ source: SOURCE, days: [NEW_YEAR] }).expect(200);
      expect(response.body).toMatchObject({ year: 2095, loaded: true, days: [NEW_YEAR] });
    });
  });

  describe('date ranges: `to` before `from` is a 400 on every range endpoint', () => {
    const inverted = 'to must not be before from';

    it('slot search', async () => {
      const response = await request(server())
        .get('/slots')
        .query({
          specialistId: hospital.specialist.id,
          from: '2026-07-10',
          to: '2026-07-09',
          patientTimeZone: 'Asia/Shanghai',
        })
        .set(authHeader(hospital.coordinatorToken))
        .expect(400);
      expect(response.body.message).toContain(`${inverted} (got from "2026-07-10", to "2026-07-09")`);
      const tooLong = await request(server())
        .get('/slots')
        .query({
          specialistId: hospital.specialist.id,
          from: '2026-07-01',
          to: '2026-08-01',
          patientTimeZone: 'Asia/Shanghai',
        })
        .set(authHeader(hospital.coordinatorToken))
        .expect(400);
      expect(messageOf(tooLong.body)).toContain('ask for at most 31 days at a time');
      await request(server())
        .get('/slots')
        .query({
          specialistId: hospital.specialist.id,
          from: '2026-07-01',
          to: '2026-07-31',
          patientTimeZone: 'Asia/Shanghai',
        })
        .set(authHeader(hospital.coordinatorToken))
        .expect(200);
    });

    it('consultation lists', async () => {
      const response = await request(server())
        .get('/consultations')
        .query({ from: '2026-07-10', to: '2026-07-09' })
        .set(authHeader(hospital.coordinatorToken))
        .expect(400);
      expect(messageOf(response.body)).toContain(inverted);
      await request(server())
        .get('/consultations')
        .query({ from: '2026-07-10', to: '2026-07-10' })
        .set(authHeader(hospital.coordinatorToken))
        .expect(200);
    });

    it('interpreter work lists', async () => {
      const schedule = (query: object) =>
        request(server()).get('/interpreters/me/schedule').query(query).set(authHeader(interpreterToken));
      const response = await schedule({ from: '2026-07-10T00:00:00Z', to: '2026-07-09T00:00:00Z' }).expect(
        400,
      );
      expect(messageOf(response.body)).toContain(inverted);
      const tooLong = await schedule({ from: '2026-07-01T00:00:00Z', to: '2026-10-03T00:00:00Z' }).expect(
        400,
      );
      expect(messageOf(tooLong.body)).toContain('from..to may span at most 93 days');
      const far = await schedule({ from: '9999-12-31T15:00:00Z' }).expect(400);
      expect(messageOf(far.body)).toContain('from must be a real date-time between the years 2000 and 2999');
      const badOffset = await schedule({ from: '2026-07-01T00:00:00+99:99' }).expect(400);
      expect(messageOf(badOffset.body)).toContain('from must be a real date-time');
      await schedule({ from: '2026-07-01T00:00:00Z', to: '2026-10-02T00:00:00Z' }).expect(200);
    });

    it('audit events', async () => {
      const audit = (query: object) =>
        request(server()).get('/audit-events').query(query).set(authHeader(adminToken));
      const response = await audit({ from: '2026-07-10T00:00:00Z', to: '2026-07-09T00:00:00Z' }).expect(400);
      expect(response.body.message).toBe('from must be before to');
      const far = await audit({ to: '9999-12-31T15:00:00Z' }).expect(400);
      expect(messageOf(far.body)).toContain('to must be a real date-time between the years 2000 and 2999');
      await audit({ from: '2026-07-09T00:00:00Z', to: '2026-07-10T00:00:00Z' }).expect(200);
    });

    it('availability rules and exceptions', async () => {
      const base = `/specialists/${hospital.specialist.id}/availability`;
      const rules = await request(server())
        .put(`${base}/rules`)
        .set(authHeader(hospital.coordinatorToken))
        .send({
          rules: [
            {
              weekday: 1,
              startLocal: '09:00',
              endLocal: '12:00',
              effectiveFrom: '2026-07-10',
              effectiveUntil: '2026-07-09',
            },
          ],
        })
        .expect(400);
      expect(messageOf(rules.body)).toContain(
        'rules[0]: effectiveUntil 2026-07-09 is before effectiveFrom 2026-07-10',
      );
      const exception = await request(server())
        .post(`${base}/exceptions`)
        .set(authHeader(hospital.coordinatorToken))
        .send({
          kind: 'time_off',
          startsAt: '2026-07-10T12:00:00+08:00',
          endsAt: '2026-07-10T09:00:00+08:00',
        })
        .expect(400);
      expect(messageOf(exception.body)).toContain(
        'endsAt (2026-07-10T09:00:00+08:00) must be after startsAt',
      );
      const far = await request(server())
        .post(`${base}/exceptions`)
        .set(authHeader(hospital.coordinatorToken))
        .send({ kind: 'time_off', startsAt: '9999-12-31T15:00:00Z', endsAt: '9999-12-31T16:00:00Z' })
        .expect(400);
      expect(messageOf(far.body)).toContain('startsAt must be an ISO 8601 instant with an offset');
    });

    it('the board refuses a day it cannot do week maths on', async () => {
      const response = await request(server())
        .get('/board')
        .query({ date: '9999-12-31', view: 'week' })
        .set(authHeader(hospital.coordinatorToken))
        .expect(400);
      expect(messageOf(response.body)).toContain(
        'date must be a calendar date written yyyy-MM-dd between the years 2000 and 2999',
      );
      await request(server())
        .get('/board')
        .query({ date: '2026-12-31', view: 'week' })
        .set(authHeader(hospital.coordinatorToken))
        .expect(200);
    });
  });
});
